"""Geometry helpers for tests: shapes of known size at known places."""

from __future__ import annotations

import math

from django.contrib.gis.geos import MultiPolygon, Point, Polygon

DHAKA = (90.4125, 23.8103)
TANGAIL = (89.92, 24.25)
METRES_PER_DEGREE = 111_320.0


def square(
    centre: tuple[float, float] = TANGAIL, side_m: float = 100.0, srid: int = 4326
) -> MultiPolygon:
    """A square of about `side_m` metres a side around `centre` (lon, lat)."""
    lon, lat = centre
    half_lat = side_m / 2 / METRES_PER_DEGREE
    half_lon = side_m / 2 / (METRES_PER_DEGREE * math.cos(math.radians(lat)))
    ring = [
        (lon - half_lon, lat - half_lat),
        (lon + half_lon, lat - half_lat),
        (lon + half_lon, lat + half_lat),
        (lon - half_lon, lat + half_lat),
        (lon - half_lon, lat - half_lat),
    ]
    return MultiPolygon(Polygon(ring), srid=srid)


def shifted(geom: MultiPolygon, *, east_m: float) -> MultiPolygon:
    lat = geom.centroid.y
    dx = east_m / (METRES_PER_DEGREE * math.cos(math.radians(lat)))
    coords = [[[(x + dx, y) for x, y in ring] for ring in poly] for poly in geom.coords]
    return MultiPolygon(*[Polygon(*rings) for rings in coords], srid=geom.srid)


def bow_tie(centre: tuple[float, float] = TANGAIL) -> Polygon:
    lon, lat = centre
    d = 0.001
    return Polygon(
        [
            (lon - d, lat - d),
            (lon + d, lat + d),
            (lon + d, lat - d),
            (lon - d, lat + d),
            (lon - d, lat - d),
        ],
        srid=4326,
    )


def point(centre: tuple[float, float] = TANGAIL) -> Point:
    return Point(*centre, srid=4326)
