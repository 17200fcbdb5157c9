"""OGC API - Features: JSON for GIS clients, HTML for people, nothing for anonymous callers."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from landclaims.api.authentication import key_in_headers, user_for_key
from landclaims.core.params import whole
from landclaims.ogc import documents
from landclaims.ogc.collections import COLLECTIONS, Collection
from landclaims.ogc.openapi import openapi
from landclaims.ogc.params import ParameterError, wants_html

View = Callable[..., HttpResponse]


def _caller(request: HttpRequest) -> Any | None:
    """The logged-in person, or the owner of the API key in a header or `api_key`."""
    if request.user.is_authenticated:
        return request.user
    secret = key_in_headers(request) or request.GET.get("api_key")
    return user_for_key(secret) if secret else None


def ogc_endpoint(view: View) -> View:
    """Authenticates, picks JSON or HTML, and turns refusals into OGC exception documents."""

    @require_safe
    @wraps(view)
    def endpoint(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            html = wants_html(request.GET, request.headers.get("Accept", ""))
        except (ParameterError, SuspiciousOperation) as error:  # e.g. too many parameters
            return _error(request, False, 400, "InvalidParameterValue", str(error))
        user = _caller(request)
        if user is None:
            return _unauthorised(request, html)
        try:
            return view(request, user, html, *args, **kwargs)
        except ParameterError as error:
            return _error(request, html, 400, "InvalidParameterValue", str(error))
        except (ObjectDoesNotExist, Http404):
            return _error(request, html, 404, "NotFound", _("No such feature or collection."))

    return endpoint


def _respond(
    request: HttpRequest, document: dict[str, Any], html: bool, template: str, **extra: Any
) -> HttpResponse:
    if html:
        response = render(request, f"ogc/{template}.html", {"doc": document, **extra})
    else:
        media = extra.get("media", documents.JSON)
        response = JsonResponse(
            document, content_type=media, json_dumps_params={"ensure_ascii": False}
        )
    response["Vary"] = "Accept, Authorization, X-API-Key, Cookie"
    response["Cache-Control"] = "private, no-cache"
    return response


def _error(request: HttpRequest, html: bool, status: int, code: str, text: str) -> HttpResponse:
    document = {"code": code, "description": text}
    if html:
        return render(request, "ogc/error.html", {"doc": document}, status=status)
    return JsonResponse(document, status=status)


def _unauthorised(request: HttpRequest, html: bool) -> HttpResponse:
    text = _("Log in, or send an API key in the X-API-Key header or the api_key parameter.")
    response = _error(request, html, 401, "Unauthorized", text)
    response["WWW-Authenticate"] = 'Token realm="landclaims"'
    return response


def _collection(collection_id: str) -> Collection:
    if collection_id not in COLLECTIONS:
        raise Http404
    return COLLECTIONS[collection_id]


@ogc_endpoint
def landing(request: HttpRequest, user: Any, html: bool) -> HttpResponse:
    return _respond(request, documents.landing(request, html=html), html, "landing")


@ogc_endpoint
def conformance(request: HttpRequest, user: Any, html: bool) -> HttpResponse:
    return _respond(request, documents.conformance(request, html=html), html, "conformance")


@ogc_endpoint
def api_definition(request: HttpRequest, user: Any, html: bool) -> HttpResponse:
    return _respond(request, openapi(request), False, "", media=documents.OPENAPI)


@ogc_endpoint
def collections(request: HttpRequest, user: Any, html: bool) -> HttpResponse:
    return _respond(request, documents.collections(request, html=html), html, "collections")


@ogc_endpoint
def collection(request: HttpRequest, user: Any, html: bool, collection_id: str) -> HttpResponse:
    document = documents.collection_doc(request, _collection(collection_id), html=html)
    return _respond(request, document, html, "collection")


@ogc_endpoint
def items(request: HttpRequest, user: Any, html: bool, collection_id: str) -> HttpResponse:
    found = _collection(collection_id)
    page = documents.items(request, found, user, html=html)
    response = _respond(
        request, page.document, html, "items", collection=found, media=documents.GEOJSON
    )
    response["Content-Crs"] = f"<{page.crs.uri}>"
    return response


@ogc_endpoint
def item(request: HttpRequest, user: Any, html: bool, collection_id: str, fid: str) -> HttpResponse:
    number = whole(fid, bengali=False)
    if number is None:
        raise Http404
    found = _collection(collection_id)
    page = documents.item(request, found, user, number)
    response = _respond(
        request, page.document, html, "item", collection=found, media=documents.GEOJSON
    )
    response["Content-Crs"] = f"<{page.crs.uri}>"
    return response
