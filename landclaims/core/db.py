"""Database expressions shared by constraints and selectors."""

from __future__ import annotations

from django.db.models import FloatField, Func, Q
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual

from gis.crs import BANGLADESH_BOUNDS


class XMin(Func):
    function = "ST_XMin"
    output_field = FloatField()


class XMax(Func):
    function = "ST_XMax"
    output_field = FloatField()


class YMin(Func):
    function = "ST_YMin"
    output_field = FloatField()


class YMax(Func):
    function = "ST_YMax"
    output_field = FloatField()


def inside_bangladesh(field: str) -> Q:
    """A condition true when the geometry in `field` is empty or inside Bangladesh's envelope."""
    min_x, min_y, max_x, max_y = BANGLADESH_BOUNDS
    return Q(**{f"{field}__isnull": True}) | Q(
        GreaterThanOrEqual(XMin(field), min_x),
        LessThanOrEqual(XMax(field), max_x),
        GreaterThanOrEqual(YMin(field), min_y),
        LessThanOrEqual(YMax(field), max_y),
    )


class GeodesicArea(Func):
    """Area in m² on the spheroid: ST_Area(geometry::geography)."""

    template = "ST_Area((%(expressions)s)::geography)"
    output_field = FloatField()
