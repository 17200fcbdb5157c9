"""Checks a boundary must pass before it is stored. A legal boundary is never repaired silently."""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from gis.crs import BANGLADESH_BOUNDS, in_bangladesh

MAX_VERTICES = 20_000


@dataclass(frozen=True)
class GeometryProblem:
    code: str
    message: str


def vertex_count(geom: BaseGeometry) -> int:
    return int(shapely.get_num_coordinates(geom))


def swap_xy(geom: BaseGeometry) -> BaseGeometry:
    return shapely.transform(geom, lambda xy: xy[:, ::-1])


def _finite(geom: BaseGeometry) -> bool:
    return all(math.isfinite(v) for v in shapely.get_coordinates(geom).ravel())


def _envelope_problems(geom: BaseGeometry) -> list[GeometryProblem]:
    if in_bangladesh(geom):
        return []
    if in_bangladesh(swap_xy(geom)):
        return [
            GeometryProblem(
                "swapped_lat_lon",
                "Latitude and longitude look swapped: swapped, the shape lies in Bangladesh.",
            )
        ]
    bounds = ", ".join(f"{v:.5f}" for v in geom.bounds)
    return [
        GeometryProblem(
            "outside_bangladesh",
            f"Outside Bangladesh: bounds ({bounds}) are not within {BANGLADESH_BOUNDS} "
            "(longitude, latitude in EPSG:4326).",
        )
    ]


def check_parcel_geometry(
    geom: BaseGeometry, *, max_vertices: int = MAX_VERTICES
) -> list[GeometryProblem]:
    """Every problem with a lon/lat parcel boundary; an empty list when it can be stored."""
    if geom.is_empty:
        return [GeometryProblem("empty", "The boundary is empty.")]
    if not isinstance(geom, Polygon | MultiPolygon):
        return [
            GeometryProblem("not_polygonal", f"A parcel needs a polygon, not a {geom.geom_type}.")
        ]
    if not _finite(geom):
        return [
            GeometryProblem(
                "non_finite", "The boundary has non-finite coordinates (NaN or infinity)."
            )
        ]
    problems = []
    if not geom.is_valid:
        problems.append(GeometryProblem("invalid", f"Invalid boundary: {explain_validity(geom)}."))
    problems.extend(_envelope_problems(geom))
    count = vertex_count(geom)
    if count > max_vertices:
        problems.append(
            GeometryProblem(
                "too_many_vertices", f"{count} vertices; at most {max_vertices} are accepted."
            )
        )
    return problems


def check_point(geom: BaseGeometry) -> list[GeometryProblem]:
    """Envelope, swap and finiteness checks for a village or incident location."""
    if geom.is_empty:
        return [GeometryProblem("empty", "The location is empty.")]
    if not _finite(geom):
        return [GeometryProblem("non_finite", "The location has non-finite coordinates.")]
    return _envelope_problems(geom)


def as_multipolygon(geom: BaseGeometry) -> MultiPolygon:
    if isinstance(geom, MultiPolygon):
        return geom
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    raise ValueError(f"Expected a Polygon or MultiPolygon, not a {geom.geom_type}.")


def suggest_repair(geom: BaseGeometry) -> MultiPolygon:
    """A valid version of `geom` to show the user; never applied without their consent."""
    repaired = shapely.make_valid(geom)
    polygons = [
        g for g in getattr(repaired, "geoms", [repaired]) if isinstance(g, Polygon | MultiPolygon)
    ]
    parts: list[Polygon] = []
    for polygon in polygons:
        parts.extend(polygon.geoms if isinstance(polygon, MultiPolygon) else [polygon])
    return MultiPolygon(parts)
