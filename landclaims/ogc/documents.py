"""The documents of the service: landing page, conformance, collections, items, one item.

Each is a dict that is sent as JSON or rendered as HTML; links are absolute.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.contrib.gis.db.models.functions import AsGeoJSON, GeomOutputGeoFunc, Transform
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gis.crs import BANGLADESH_BOUNDS
from landclaims.core.params import plain_text, whole
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.core.text import ascii_digits
from landclaims.ogc.collections import COLLECTIONS, Collection, Queryable
from landclaims.ogc.params import (
    CRS84,
    STORAGE_CRS,
    SUPPORTED_CRS,
    Crs,
    ParameterError,
    bbox_param,
    crs_param,
    datetime_param,
    limit_param,
    offset_param,
)

GEOJSON = "application/geo+json"
JSON = "application/json"
HTML = "text/html"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
]
# Parameters every items request may carry besides a collection's queryables. The key may
# ride in the query string for clients that cannot send a header.
ITEMS_PARAMS = frozenset({"limit", "offset", "bbox", "bbox-crs", "crs", "datetime", "f", "api_key"})


class FlipCoordinates(GeomOutputGeoFunc):
    function = "ST_FlipCoordinates"


def url(request: HttpRequest, name: str, *args: Any, **query: str) -> str:
    """An absolute link; the caller's key stays in links when it came in the query string,
    so a client that follows them keeps its access."""
    params = QueryDict(mutable=True)
    params.update({k: v for k, v in query.items() if v})
    if request.GET.get("api_key"):
        params["api_key"] = request.GET["api_key"]
    suffix = f"?{params.urlencode()}" if params else ""
    return request.build_absolute_uri(reverse(f"ogc:{name}", args=args)) + suffix


def _link(href: str, rel: str, media: str, title: str) -> dict[str, str]:
    return {"href": href, "rel": rel, "type": media, "title": title}


def _pair(request: HttpRequest, name: str, *args: Any, html: bool, media: str = JSON) -> list:
    """The self link and the alternate-format link of a document."""
    json_link = _link(url(request, name, *args, f="json"), "self", media, _("This document"))
    html_link = _link(url(request, name, *args, f="html"), "alternate", HTML, _("As HTML"))
    if html:
        json_link["rel"], html_link["rel"] = "alternate", "self"
    return [json_link, html_link]


def landing(request: HttpRequest, *, html: bool) -> dict[str, Any]:
    return {
        "title": _("landclaims: khas land parcels, landless groups and court cases"),
        "description": _(
            "OGC API - Features over what you may see in landclaims. Add it in QGIS as a "
            "WFS / OGC API - Features connection."
        ),
        "links": [
            *_pair(request, "landing", html=html),
            _link(url(request, "openapi"), "service-desc", OPENAPI, _("API definition")),
            _link(url(request, "conformance"), "conformance", JSON, _("Conformance classes")),
            _link(url(request, "collections"), "data", JSON, _("Collections")),
        ],
    }


def conformance(request: HttpRequest, *, html: bool) -> dict[str, Any]:
    return {"conformsTo": CONFORMANCE, "links": _pair(request, "conformance", html=html)}


def collection_doc(request: HttpRequest, collection: Collection, *, html: bool) -> dict[str, Any]:
    items = _("Items")
    return {
        "id": collection.id,
        "title": str(collection.title),
        "description": str(collection.description),
        "itemType": "feature",
        "extent": {
            "spatial": {"bbox": [list(BANGLADESH_BOUNDS)], "crs": CRS84},
            "temporal": {"interval": [[None, None]]},
        },
        "crs": list(SUPPORTED_CRS),
        "storageCrs": CRS84,
        "links": [
            *_pair(request, "collection", collection.id, html=html),
            _link(url(request, "items", collection.id, f="json"), "items", GEOJSON, items),
            _link(url(request, "items", collection.id, f="html"), "items", HTML, items),
        ],
    }


def collections(request: HttpRequest, *, html: bool) -> dict[str, Any]:
    return {
        "collections": [collection_doc(request, c, html=html) for c in COLLECTIONS.values()],
        "crs": list(SUPPORTED_CRS),
        "links": _pair(request, "collections", html=html),
    }


@dataclass(frozen=True)
class Page:
    document: dict[str, Any]
    crs: Crs


def items(request: HttpRequest, collection: Collection, user: Any, *, html: bool) -> Page:
    query = request.GET
    _check_known(query, collection)
    crs = crs_param(query, "crs")
    limit, offset = limit_param(query), offset_param(query)
    rows = _filtered(collection, collection.rows(user=user), query)
    matched = rows.count()
    page = list(_with_geometry(rows, collection, crs).order_by("pk")[offset : offset + limit])
    show_names = _show_names(user)
    document = {
        "type": "FeatureCollection",
        "features": [_feature(request, collection, row, show_names) for row in page],
        "numberMatched": matched,
        "numberReturned": len(page),
        "timeStamp": timezone.now().isoformat(timespec="seconds"),
        "links": _page_links(request, collection, offset, limit, matched, html=html),
    }
    return Page(document, crs)


def item(request: HttpRequest, collection: Collection, user: Any, fid: int) -> Page:
    """One feature; the model's DoesNotExist when the user may not see it."""
    crs = crs_param(request.GET, "crs")
    row = _with_geometry(collection.rows(user=user), collection, crs).get(pk=fid)
    feature = _feature(request, collection, row, _show_names(user))
    feature["links"] = [
        *_pair(request, "item", collection.id, fid, html=False, media=GEOJSON),
        _link(url(request, "collection", collection.id), "collection", JSON, _("Collection")),
    ]
    return Page(feature, crs)


def _show_names(user: Any) -> bool:
    return has_role(user, GROUP_NAME_READERS)


def _feature(
    request: HttpRequest, collection: Collection, row: Any, show_names: bool
) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": row.pk,
        "geometry": json.loads(row.geometry_json) if row.geometry_json else None,
        "properties": {"id": row.pk, **collection.properties(row, show_names)},
    }


def _with_geometry(rows: QuerySet[Any], collection: Collection, crs: Crs) -> QuerySet[Any]:
    shape: Any = F(collection.geometry_field)
    if crs.srid != STORAGE_CRS.srid:
        shape = Transform(shape, crs.srid)
    if crs.lat_first:
        shape = FlipCoordinates(shape)
    return rows.annotate(geometry_json=AsGeoJSON(shape, precision=crs.decimals))


def _check_known(query: QueryDict, collection: Collection) -> None:
    known = ITEMS_PARAMS | {q.name for q in collection.queryables}
    unknown = sorted(set(query) - known)
    if unknown:
        raise ParameterError(
            unknown[0],
            _("Unknown parameter. This collection takes %(known)s.")
            % {"known": ", ".join(sorted(known - {"api_key"}))},
        )


def _filtered(collection: Collection, rows: QuerySet[Any], query: QueryDict) -> QuerySet[Any]:
    box = bbox_param(query)
    if box is not None:
        rows = rows.filter(**{f"{collection.geometry_field}__intersects": box})
    interval = datetime_param(query)
    if interval is not None:
        rows = _in_interval(rows, collection, interval.start, interval.end)
    for queryable in collection.queryables:
        if queryable.name in query:
            rows = rows.filter(_condition(queryable, query[queryable.name]))
    return rows


def _in_interval(rows: QuerySet[Any], collection: Collection, start: Any, end: Any) -> Any:
    if collection.temporal is None:
        return rows  # no time of its own: every feature is timeless, so none is excluded
    rows = rows.filter(**{f"{collection.temporal}__isnull": False})
    if start is not None:
        rows = rows.filter(**{f"{collection.temporal}__gte": start})
    if end is not None:
        rows = rows.filter(**{f"{collection.temporal}__lte": end})
    return rows


def _condition(queryable: Queryable, raw: str) -> Q:
    value: Any = plain_text(raw, queryable.name).strip()
    if queryable.kind == "integer":
        value = whole(value)
        if value is None:
            raise ParameterError(queryable.name, _("Give a whole number, e.g. 10."))
    elif queryable.values and value not in queryable.values:
        raise ParameterError(
            queryable.name, _("One of: %(values)s.") % {"values": ", ".join(queryable.values)}
        )
    else:
        value = ascii_digits(value)  # dag, JL and khatian numbers typed in Bengali digits
    return queryable.condition(value)


def _page_links(
    request: HttpRequest,
    collection: Collection,
    offset: int,
    limit: int,
    matched: int,
    *,
    html: bool,
) -> list[dict[str, str]]:
    def at(start: int, f: str) -> str:
        query = {k: v for k, v in request.GET.items() if k not in ("offset", "f", "api_key")}
        return url(request, "items", collection.id, **query, offset=str(start), f=f)

    media, rel = (HTML, "self") if html else (GEOJSON, "self")
    links = [
        _link(at(offset, "html" if html else "json"), rel, media, _("This page")),
        _link(at(offset, "json" if html else "html"), "alternate", GEOJSON if html else HTML, ""),
        _link(url(request, "collection", collection.id), "collection", JSON, _("Collection")),
    ]
    f = "html" if html else "json"
    if offset + limit < matched:
        links.append(_link(at(offset + limit, f), "next", media, _("Next page")))
    if offset > 0:
        links.append(_link(at(max(offset - limit, 0), f), "prev", media, _("Previous page")))
    return links
