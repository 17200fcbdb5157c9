"""The bridge between GeoDjango's GEOS geometries and the shapely ones `gis/` works with."""

from __future__ import annotations

import shapely
from django.contrib.gis.geos import GEOSGeometry
from shapely.geometry.base import BaseGeometry


def to_shapely(geom: GEOSGeometry) -> BaseGeometry:
    return shapely.from_wkb(bytes(geom.wkb))


def from_shapely(geom: BaseGeometry, *, srid: int) -> GEOSGeometry:
    return GEOSGeometry(memoryview(shapely.to_wkb(geom)), srid=srid)
