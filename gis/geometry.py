"""Checks a boundary must pass before it is stored. A legal boundary is never repaired silently."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from gis.crs import BANGLADESH_BOUNDS, in_bangladesh

# in_bangladesh lives in gis.crs (resolve_btm_variant needs it) and is re-exported here.
__all__ = [
    "MAX_VERTICES",
    "RING_NOT_CLOSED",
    "RING_TOO_SHORT",
    "GeometryProblem",
    "as_multipolygon",
    "as_multipolygons",
    "check_parcel_geometries",
    "check_parcel_geometry",
    "check_point",
    "in_bangladesh",
    "polygons_from_closed_lines",
    "spatial_order",
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


# A ring GEOS cannot even build (GDAL passes it on as WKB) or builds but cannot use.
RING_NOT_CLOSED = GeometryProblem(
    "ring_not_closed",
    "A ring of the boundary is not closed: its last position must repeat its first.",
)
RING_TOO_SHORT = GeometryProblem(
    "ring_too_short",
    "A ring of the boundary has fewer than four positions (at least three corners and the "
    "first repeated last).",
)


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
    bounds = np.asarray(geom.bounds, dtype=np.float64)
    return _envelope_problem(int(_envelope_codes(bounds[np.newaxis, :])[0]), bounds)


# Where a lon/lat shape lies against Bangladesh's envelope, per row of an (n, 4) bounds array.
_INSIDE, _SWAPPED, _OUTSIDE = 0, 1, 2


def _inside(
    min_x: NDArray[np.float64],
    min_y: NDArray[np.float64],
    max_x: NDArray[np.float64],
    max_y: NDArray[np.float64],
) -> NDArray[np.bool_]:
    b = BANGLADESH_BOUNDS
    # The same test as gis.crs.in_bangladesh; NaN bounds (empty, non-finite) are never inside.
    with np.errstate(invalid="ignore"):
        return (b[0] <= min_x) & (max_x <= b[2]) & (b[1] <= min_y) & (max_y <= b[3])


def _envelope_codes(bounds: NDArray[np.float64]) -> NDArray[np.int8]:
    min_x, min_y, max_x, max_y = bounds.T
    codes = np.full(len(bounds), _OUTSIDE, dtype=np.int8)
    codes[_inside(min_y, min_x, max_y, max_x)] = _SWAPPED
    codes[_inside(min_x, min_y, max_x, max_y)] = _INSIDE
    return codes


def _envelope_problem(code: int, bounds: NDArray[np.float64]) -> list[GeometryProblem]:
    if code == _INSIDE:
        return []
    if code == _SWAPPED:
        message = (
            "Latitude and longitude look swapped: with x and y exchanged the shape lies in "
            "Bangladesh. Coordinates must be (longitude, latitude)."
        )
        return [GeometryProblem("swapped_lat_lon", message)]
    listed = ", ".join(f"{v:.5f}" for v in bounds)
    message = (
        f"Outside Bangladesh: bounds ({listed}) are not within {BANGLADESH_BOUNDS} "
        "(longitude, latitude in EPSG:4326)."
    )
    return [GeometryProblem("outside_bangladesh", message)]


def _vertex_problems(count: int, max_vertices: int) -> list[GeometryProblem]:
    if count <= max_vertices:
        return []
    message = f"{count} vertices; at most {max_vertices} are accepted. Simplify it first."
    return [GeometryProblem("too_many_vertices", message)]


def check_parcel_geometry(
    geom: BaseGeometry, *, max_vertices: int = MAX_VERTICES
) -> list[GeometryProblem]:
    """Every problem with a lon/lat parcel boundary; an empty list when it can be stored."""
    one = np.empty(1, dtype=object)
    one[0] = geom
    return check_parcel_geometries(one, max_vertices=max_vertices)[0]


def check_parcel_geometries(
    geoms: NDArray[np.object_], *, max_vertices: int = MAX_VERTICES
) -> list[list[GeometryProblem]]:
    """check_parcel_geometry for many lon/lat boundaries at once, one list per geometry.

    Vectorised with shapely 2, so a file of 100,000 parcels is checked in a fraction of a
    second; the per-row check above runs through here too, so the rules live in one place.
    A missing geometry (None) has no problems here: whether a row may lack a boundary is
    the caller's rule.
    """
    geoms = np.asarray(geoms, dtype=object)
    facts = _GeometryFacts.of(geoms)
    invalid_reasons: dict[int, str] = {}
    to_validate = np.flatnonzero(facts.present & ~facts.empty & facts.polygonal & facts.finite)
    if len(to_validate):
        valid = shapely.is_valid(geoms[to_validate])
        # Reasons are costly; only the few invalid shapes need one.
        bad = to_validate[~valid]
        invalid_reasons = dict(zip(bad.tolist(), shapely.is_valid_reason(geoms[bad]), strict=True))
    results: list[list[GeometryProblem]] = [[] for _ in range(len(geoms))]
    flagged = ~facts.present | facts.empty | ~facts.polygonal | ~facts.finite
    flagged |= (facts.envelope != _INSIDE) | (facts.vertices > max_vertices)
    flagged[list(invalid_reasons)] = True
    for i in np.flatnonzero(flagged & facts.present).tolist():
        results[i] = facts.problems(i, geoms[i], invalid_reasons.get(i), max_vertices)
    return results


@dataclass(frozen=True)
class _GeometryFacts:
    """What the rules need to know about each geometry, computed for all of them at once."""

    present: NDArray[np.bool_]
    empty: NDArray[np.bool_]
    polygonal: NDArray[np.bool_]
    finite: NDArray[np.bool_]
    vertices: NDArray[np.int64]
    bounds: NDArray[np.float64]
    envelope: NDArray[np.int8]

    @classmethod
    def of(cls, geoms: NDArray[np.object_]) -> _GeometryFacts:
        present = ~shapely.is_missing(geoms)
        coords, index = shapely.get_coordinates(geoms, return_index=True)
        finite = np.ones(len(geoms), dtype=bool)
        finite[np.unique(index[~np.isfinite(coords).all(axis=1)])] = False
        bounds = shapely.bounds(geoms)
        return cls(
            present=present,
            empty=shapely.is_empty(geoms) & present,
            polygonal=np.isin(shapely.get_type_id(geoms), _POLYGONAL_TYPE_IDS),
            finite=finite,
            vertices=shapely.get_num_coordinates(geoms),
            bounds=bounds,
            envelope=_envelope_codes(bounds),
        )

    def problems(
        self, i: int, geom: BaseGeometry, invalid_reason: str | None, max_vertices: int
    ) -> list[GeometryProblem]:
        if self.empty[i]:
            return [GeometryProblem("empty", "The boundary is empty.")]
        problems = []
        if not self.polygonal[i]:
            message = f"A parcel needs a Polygon or MultiPolygon, not a {geom.geom_type}."
            problems.append(GeometryProblem("not_polygonal", message))
        vertex_problems = _vertex_problems(int(self.vertices[i]), max_vertices)
        if not self.finite[i]:
            # Validity and bounds mean nothing with NaN or infinite coordinates.
            message = "The boundary has non-finite coordinates (NaN or infinity)."
            return [*problems, GeometryProblem("non_finite", message), *vertex_problems]
        if invalid_reason is not None and invalid_reason.startswith("Too few points"):
            # A ring of three positions or fewer: nothing to repair, the survey is missing.
            problems.append(RING_TOO_SHORT)
        elif invalid_reason is not None:
            problems.append(GeometryProblem("invalid", f"Invalid boundary: {invalid_reason}."))
        envelope = _envelope_problem(int(self.envelope[i]), self.bounds[i])
        return problems + envelope + vertex_problems


_POLYGONAL_TYPE_IDS = (
    shapely.GeometryType.POLYGON.value,
    shapely.GeometryType.MULTIPOLYGON.value,
)


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


def as_multipolygons(geoms: NDArray[np.object_]) -> NDArray[np.object_]:
    """as_multipolygon for many geometries at once (Polygons wrapped, None kept)."""
    geoms = np.asarray(geoms, dtype=object).copy()
    single = shapely.get_type_id(geoms) == shapely.GeometryType.POLYGON.value
    if single.any():
        geoms[single] = shapely.multipolygons(geoms[single][:, np.newaxis])
    others = ~single & ~shapely.is_missing(geoms)
    others &= shapely.get_type_id(geoms) != shapely.GeometryType.MULTIPOLYGON.value
    if others.any():
        kind = shapely.get_type_id(geoms[others][0])
        raise ValueError(f"Expected Polygons or MultiPolygons, not type id {kind}.")
    return geoms


def polygons_from_closed_lines(
    geoms: NDArray[np.object_],
) -> tuple[NDArray[np.object_], NDArray[np.bool_]]:
    """Closed LineStrings (a walk around a field recorded as a trace, e.g. a Kobo
    geotrace) as Polygons, and which rows were turned; every other geometry is kept."""
    geoms = np.asarray(geoms, dtype=object).copy()
    lines = shapely.get_type_id(geoms) == shapely.GeometryType.LINESTRING.value
    closed = np.zeros(len(geoms), dtype=bool)
    if lines.any():
        closed[lines] = shapely.is_closed(geoms[lines])
        closed &= shapely.get_num_coordinates(geoms) >= 4
        # Rare (one per walked field), so one at a time.
        for i in np.flatnonzero(closed):
            geoms[i] = Polygon(shapely.get_coordinates(geoms[i]))
    return geoms, closed


def spatial_order(geoms: NDArray[np.object_]) -> NDArray[np.intp]:
    """An order of `geoms` along a Z-order (Morton) curve of their bounding-box centres,
    missing and empty ones last. Writing rows in this order keeps a spatial (GiST) index's
    inserts local, which makes them markedly faster than in file order."""
    bounds = shapely.bounds(np.asarray(geoms, dtype=object))
    centres = np.column_stack([bounds[:, 0] + bounds[:, 2], bounds[:, 1] + bounds[:, 3]]) / 2
    known = np.isfinite(centres).all(axis=1)
    codes = np.full(len(centres), np.iinfo(np.uint64).max, dtype=np.uint64)
    if known.any():
        low, high = centres[known].min(axis=0), centres[known].max(axis=0)
        scaled = (centres[known] - low) / np.where(high > low, high - low, 1.0) * 65535
        grid = scaled.astype(np.uint64)
        codes[known] = _spread_bits(grid[:, 0]) | (_spread_bits(grid[:, 1]) << np.uint64(1))
    return np.argsort(codes, kind="stable")


def _spread_bits(values: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """16-bit integers with a zero bit inserted after every bit (for interleaving)."""
    v = values.astype(np.uint64)
    for shift, mask in ((8, 0x00FF00FF), (4, 0x0F0F0F0F), (2, 0x33333333), (1, 0x55555555)):
        v = (v | (v << np.uint64(shift))) & np.uint64(mask)
    return v
