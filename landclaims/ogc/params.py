"""The query parameters of OGC API - Features (Part 1 core, Part 2 CRS by reference).

Each parser raises ParameterError (landclaims.core.params, where the rules for numbers and
boxes live), which the views answer with a 400 naming the parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.gis.geos import Polygon
from django.http import QueryDict
from django.utils.translation import gettext as _

from landclaims.core.params import ParameterError, bbox, whole, whole_number

__all__ = ["ParameterError"]  # the OGC views catch it from here

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG_URI = "http://www.opengis.net/def/crs/EPSG/0/{}"

DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000


@dataclass(frozen=True)
class Crs:
    uri: str
    srid: int
    # EPSG:4326 is latitude first (Part 2 follows the CRS's own axis order); CRS84 is
    # longitude first, like the stored data.
    lat_first: bool
    decimals: int  # enough for about a centimetre


SUPPORTED_CRS: dict[str, Crs] = {
    crs.uri: crs
    for crs in (
        Crs(CRS84, 4326, False, 7),
        Crs(EPSG_URI.format(4326), 4326, True, 7),
        Crs(EPSG_URI.format(9678), 9678, False, 2),  # Bangladesh Transverse Mercator
        Crs(EPSG_URI.format(3106), 3106, False, 2),  # the same, false northing 0
    )
}
STORAGE_CRS = SUPPORTED_CRS[CRS84]


def crs_param(query: QueryDict, name: str) -> Crs:
    value = query.get(name, CRS84).strip()
    value = value.removeprefix("[").removesuffix("]")  # the safe-CURIE form, [EPSG:4326]
    code = whole(value[5:], bengali=False) if value.upper().startswith("EPSG:") else None
    if code is not None:
        value = EPSG_URI.format(code)
    if value not in SUPPORTED_CRS:
        raise ParameterError(
            name, _("Supported: %(list)s.") % {"list": ", ".join(sorted(SUPPORTED_CRS))}
        )
    return SUPPORTED_CRS[value]


def limit_param(query: QueryDict) -> int:
    return whole_number(query, "limit", DEFAULT_LIMIT, minimum=1, maximum=MAX_LIMIT)


def offset_param(query: QueryDict) -> int:
    # Up to bigint: PostgreSQL's OFFSET takes one, and a larger page is simply empty.
    return whole_number(query, "offset", 0, maximum=2**63 - 1)


def bbox_param(query: QueryDict) -> Polygon | None:
    """The bbox in EPSG:4326 (longitude, latitude), from the CRS `bbox-crs` names."""
    value = query.get("bbox", "").strip()
    if not value:
        return None
    crs = crs_param(query, "bbox-crs")
    return bbox(value, "bbox", srid=crs.srid, lat_first=crs.lat_first)


@dataclass(frozen=True)
class Interval:
    start: date | None  # None: open
    end: date | None


def datetime_param(query: QueryDict) -> Interval | None:
    """An instant or an interval ("a/b", "../b", "a/.."); the records' times are days."""
    value = query.get("datetime", "").strip()
    if not value:
        return None
    parts = value.split("/")
    if len(parts) > 2:
        raise ParameterError("datetime", _("Give a date, or two separated by /."))
    bounds = [_day(part) for part in parts]
    if len(bounds) == 1:
        if bounds[0] is None:
            raise ParameterError("datetime", _("Give a date, or two separated by /."))
        return Interval(bounds[0], bounds[0])
    interval = Interval(bounds[0], bounds[1])
    if interval.start and interval.end and interval.start > interval.end:
        raise ParameterError("datetime", _("The interval ends before it starts."))
    return interval


def _day(text: str) -> date | None:
    if text in ("", ".."):
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise ParameterError(
            "datetime", _("Give dates as RFC 3339, e.g. 2024-06-01 or 2024-06-01T00:00:00Z.")
        ) from exc


FORMATS = ("json", "geojson", "html")


def wants_html(query: QueryDict, accept: str) -> bool:
    """f=html or f=json decide; without f, a browser (Accept: text/html) gets HTML."""
    f = query.get("f", "").strip().lower()
    if f:
        if f not in FORMATS:
            raise ParameterError("f", _("Give json or html."))
        return f == "html"
    return "text/html" in accept
