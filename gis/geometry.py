"""Checks a boundary must pass before it is stored. A legal boundary is never repaired silently."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from gis.crs import BANGLADESH_BOUNDS, in_bangladesh

# in_bangladesh lives in gis.crs (resolve_btm_variant needs it) and is re-exported here.
__all__ = [
    "MAX_VERTICES",
    "GeometryProblem",
    "as_multipolygon",
    "check_parcel_geometry",
    "check_point",
    "in_bangladesh",
    "suggest_repair",
    "swap_xy",
    "vertex_count",
]

# Surveyed mouza parcels have tens of vertices; tens of thousands means a mistaken import.
MAX_VERTICES = 20_000


@dataclass(frozen=True)
class GeometryProblem:
    """One reason a geometry cannot be stored, with a stable code and a message for people."""

    code: str
    message: str


def vertex_count(geom: BaseGeometry) -> int:
    """Number of coordinates in `geom`, closing points of rings included."""
    return int(shapely.get_num_coordinates(geom))


def _swap(coords: NDArray[np.float64]) -> NDArray[np.float64]:
    swapped = coords.copy()
    swapped[:, [0, 1]] = coords[:, [1, 0]]
    return swapped


def swap_xy(geom: BaseGeometry) -> BaseGeometry:
    """`geom` with x and y exchanged (Z kept), for data typed as (lat, lon)."""
    # shapely.ops.transform is deprecated in shapely 2.2; shapely.transform is vectorised.
    return shapely.transform(geom, _swap, include_z=None)


def _finite(geom: BaseGeometry) -> bool:
    return bool(np.isfinite(shapely.get_coordinates(geom)).all())


def _envelope_problems(geom: BaseGeometry) -> list[GeometryProblem]:
    if in_bangladesh(geom):
        return []
    if in_bangladesh(swap_xy(geom)):
        message = (
            "Latitude and longitude look swapped: with x and y exchanged the shape lies in "
            "Bangladesh. Coordinates must be (longitude, latitude)."
        )
        return [GeometryProblem("swapped_lat_lon", message)]
    bounds = ", ".join(f"{v:.5f}" for v in geom.bounds)
    message = (
        f"Outside Bangladesh: bounds ({bounds}) are not within {BANGLADESH_BOUNDS} "
        "(longitude, latitude in EPSG:4326)."
    )
    return [GeometryProblem("outside_bangladesh", message)]


def _vertex_problems(geom: BaseGeometry, max_vertices: int) -> list[GeometryProblem]:
    count = vertex_count(geom)
    if count <= max_vertices:
        return []
    message = f"{count} vertices; at most {max_vertices} are accepted. Simplify it first."
    return [GeometryProblem("too_many_vertices", message)]


def check_parcel_geometry(
    geom: BaseGeometry, *, max_vertices: int = MAX_VERTICES
) -> list[GeometryProblem]:
    """Every problem with a lon/lat parcel boundary; an empty list when it can be stored."""
    if geom.is_empty:
        return [GeometryProblem("empty", "The boundary is empty.")]
    problems = []
    if not isinstance(geom, Polygon | MultiPolygon):
        message = f"A parcel needs a Polygon or MultiPolygon, not a {geom.geom_type}."
        problems.append(GeometryProblem("not_polygonal", message))
    if not _finite(geom):
        # Validity and bounds mean nothing with NaN or infinite coordinates.
        message = "The boundary has non-finite coordinates (NaN or infinity)."
        problems.append(GeometryProblem("non_finite", message))
        return problems + _vertex_problems(geom, max_vertices)
    if not problems and not geom.is_valid:
        message = f"Invalid boundary: {explain_validity(geom)}."
        problems.append(GeometryProblem("invalid", message))
    return problems + _envelope_problems(geom) + _vertex_problems(geom, max_vertices)


def check_point(geom: BaseGeometry) -> list[GeometryProblem]:
    """Envelope, swap and finiteness checks for a village or incident location."""
    if geom.is_empty:
        return [GeometryProblem("empty", "The location is empty.")]
    if not _finite(geom):
        message = "The location has non-finite coordinates (NaN or infinity)."
        return [GeometryProblem("non_finite", message)]
    return _envelope_problems(geom)


def as_multipolygon(geom: BaseGeometry) -> MultiPolygon:
    """`geom` as a MultiPolygon, the type parcels are stored as."""
    if isinstance(geom, MultiPolygon):
        return geom
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    raise ValueError(f"Expected a Polygon or MultiPolygon, not a {geom.geom_type}.")


def _polygons(geom: BaseGeometry) -> Iterator[Polygon]:
    if isinstance(geom, Polygon):
        yield geom
    elif hasattr(geom, "geoms"):  # MultiPolygon or GeometryCollection
        for part in geom.geoms:
            yield from _polygons(part)


def suggest_repair(geom: BaseGeometry) -> MultiPolygon:
    """A valid, polygonal version of `geom` to show the user; this module never applies it."""
    # make_valid may also return lines or points where the boundary collapsed; a parcel
    # keeps only its areas. The result is empty when nothing polygonal survives.
    repaired = shapely.make_valid(geom)
    return MultiPolygon([p for p in _polygons(repaired) if not p.is_empty])
