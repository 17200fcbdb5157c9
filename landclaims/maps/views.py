"""Map pages, popups and vector tiles: HTTP in, selectors, HTTP out.

Selectors only read. Before a read of the zoomed-out stage counts, the view asks the write
side (`stage_counts_refresh`) to recount what the last writes marked stale.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gis.tiles import Tile, TileOutOfRange
from landclaims.api.authentication import key_in_headers, user_for_key
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.groups.selectors import group_label
from landclaims.incidents.models import Incident
from landclaims.maps.embed import map_context
from landclaims.maps.forms import InViewForm, MapFilterForm
from landclaims.maps.selectors import (
    MapFilters,
    area_popup,
    boundary_tile,
    incident_popup,
    incident_tile,
    map_search,
    order_tile,
    parcel_list_in_view,
    parcel_popup,
    parcel_tile,
    parcel_tile_reads_stage_counts,
    tile_etag,
)
from landclaims.maps.services import stage_counts_refresh
from landclaims.maps.side_list import in_view_document
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea

MVT_TYPE = "application/vnd.mapbox-vector-tile"


@login_required
@require_GET
def map_view(request: HttpRequest) -> HttpResponse:
    form = MapFilterForm(request.GET, user=request.user, list_areas=True)
    valid = form.is_valid()
    filters = form.filters() if valid else MapFilters()
    hits = map_search(user=request.user, text=form.cleaned_data["q"]) if valid else []
    show_names = has_role(request.user, GROUP_NAME_READERS)
    context = {
        "form": form,
        "filters": filters,
        "hits": hits,
        **map_context(user=request.user, filters=filters, height="100%"),
        "show_names": show_names,
        "group_label": group_label(filters.group) if filters.group else "",
    }
    return render(request, "maps/map.html", context, status=200 if valid else 400)


@login_required
@require_GET
def in_view_view(request: HttpRequest) -> HttpResponse:
    """The side list: the parcels in the box the map shows, under its filters, as JSON."""
    form = InViewForm(request.GET, user=request.user)
    if not form.is_valid():
        return filter_refusal(form)
    found = parcel_list_in_view(
        user=request.user, filters=form.filters(), bbox=form.cleaned_data["bbox"]
    )
    show_names = has_role(request.user, GROUP_NAME_READERS)
    response = JsonResponse(in_view_document(found, show_names=show_names))
    response["Cache-Control"] = "private, no-cache"
    return response


def filter_refusal(form: MapFilterForm) -> HttpResponse:
    """A 400 naming each filter parameter that cannot be used, and why."""
    errors = "; ".join(f"{field}: {' '.join(e)}" for field, e in form.errors.items())
    return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")


def _tile_caller(request: HttpRequest) -> Any | None:
    """The signed-in person, or the owner of the API key in a header or `api_key`, as the
    REST API and OGC API take it (QGIS and scripts have no session)."""
    if request.user.is_authenticated:
        return request.user
    secret = key_in_headers(request) or request.GET.get("api_key")
    return user_for_key(secret) if secret else None


def _unauthorised() -> HttpResponse:
    # A 401, not a redirect to the login page: a map layer or script cannot follow one.
    text = _("Log in, or send an API key in the X-API-Key header or the api_key parameter.")
    response = HttpResponse(text, status=401, content_type="text/plain; charset=utf-8")
    response["WWW-Authenticate"] = 'Token realm="landclaims"'
    return response


@require_GET
def tile_view(request: HttpRequest, layer: str, z: int, x: int, y: int) -> HttpResponse:
    user = _tile_caller(request)
    if user is None:
        return _unauthorised()
    try:
        tile = Tile(z, x, y)
    except TileOutOfRange as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    form = MapFilterForm(request.GET, user=user)
    if not form.is_valid():
        return filter_refusal(form)
    filters, today = form.filters(), timezone.localdate()
    etag = f'"{tile_etag(user=user, layer=layer, tile=tile, filters=filters, today=today)}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    elif layer == "parcels":
        if parcel_tile_reads_stage_counts(tile=tile, filters=filters):
            stage_counts_refresh()
        body = parcel_tile(user=user, tile=tile, filters=filters, today=today)
        response = HttpResponse(body, content_type=MVT_TYPE)
    elif layer == "orders":
        body = order_tile(user=user, tile=tile, filters=filters, today=today)
        response = HttpResponse(body, content_type=MVT_TYPE)
    elif layer == "incidents":
        body = incident_tile(user=user, tile=tile, filters=filters)
        response = HttpResponse(body, content_type=MVT_TYPE)
    else:
        response = HttpResponse(boundary_tile(tile=tile), content_type=MVT_TYPE)
    # Tiles differ by user; the browser keeps them and asks each time whether they changed.
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Cookie, Authorization, X-API-Key"
    return response


@login_required
@require_GET
def parcel_popup_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        popup = parcel_popup(user=request.user, pk=pk, today=timezone.localdate())
    except Parcel.DoesNotExist as exc:
        raise Http404(_("No such parcel.")) from exc
    return render(request, "maps/parcel_popup.html", {"p": popup})


@login_required
@require_GET
def area_popup_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = MapFilterForm(request.GET, user=request.user)
    if not form.is_valid():
        return filter_refusal(form)
    stage_counts_refresh()
    try:
        popup = area_popup(user=request.user, pk=pk, filters=form.filters())
    except AdminArea.DoesNotExist as exc:
        raise Http404(_("No such area.")) from exc
    return render(request, "maps/area_popup.html", {"a": popup})


@login_required
@require_GET
def incident_popup_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        incident = incident_popup(user=request.user, pk=pk)
    except Incident.DoesNotExist as exc:
        raise Http404(_("No such incident.")) from exc
    return render(request, "maps/incident_popup.html", {"incident": incident})
