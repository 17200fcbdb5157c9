"""Boundary checks: every problem reported, nothing repaired silently."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box

from gis.geometry import (
    MAX_VERTICES,
    GeometryProblem,
    as_multipolygon,
    check_parcel_geometry,
    check_point,
    in_bangladesh,
    suggest_repair,
    swap_xy,
    vertex_count,
)

DHAKA = Point(90.4125, 23.8103)
PARCEL = box(90.40, 23.70, 90.41, 23.71)
# Two triangles touching at (90.405, 23.705): the classic self-intersecting "bow-tie".
BOW_TIE = Polygon([(90.40, 23.70), (90.41, 23.71), (90.41, 23.70), (90.40, 23.71)])


def codes(problems: list[GeometryProblem]) -> list[str]:
    return [p.code for p in problems]


def with_nan_vertex() -> Polygon:
    # numpy warns about NaN while GEOS builds the ring; the NaN is the point of the test.
    with np.errstate(invalid="ignore"):
        return Polygon([(90.40, 23.70), (math.nan, 23.71), (90.41, 23.70), (90.40, 23.70)])


def test_valid_parcel_in_dhaka_has_no_problems() -> None:
    assert check_parcel_geometry(PARCEL) == []


def test_valid_multipolygon_parcel_has_no_problems() -> None:
    parcel = MultiPolygon([PARCEL, box(90.42, 23.70, 90.43, 23.71)])
    assert check_parcel_geometry(parcel) == []


def test_empty_boundary_is_flagged_empty() -> None:
    assert codes(check_parcel_geometry(Polygon())) == ["empty"]


def test_linestring_is_flagged_not_polygonal_naming_its_type() -> None:
    problems = check_parcel_geometry(LineString([(90.40, 23.70), (90.41, 23.71)]))
    assert codes(problems) == ["not_polygonal"]
    assert "LineString" in problems[0].message


def test_bow_tie_is_invalid_with_self_intersection_reason() -> None:
    problems = check_parcel_geometry(BOW_TIE)
    assert codes(problems) == ["invalid"]
    assert "Self-intersection" in problems[0].message
    assert "90.405 23.705" in problems[0].message


def test_polygon_in_india_is_flagged_outside_with_its_bounds() -> None:
    problems = check_parcel_geometry(box(80.00, 23.70, 80.01, 23.71))
    assert codes(problems) == ["outside_bangladesh"]
    assert "80.00000" in problems[0].message


def test_parcel_typed_as_lat_lon_is_flagged_swapped_not_outside() -> None:
    assert codes(check_parcel_geometry(swap_xy(PARCEL))) == ["swapped_lat_lon"]


def test_parcel_straddling_the_border_envelope_is_outside() -> None:
    straddling = box(87.99, 23.70, 88.01, 23.71)
    assert not in_bangladesh(straddling)
    assert codes(check_parcel_geometry(straddling)) == ["outside_bangladesh"]


def test_nan_coordinates_are_flagged_non_finite() -> None:
    assert codes(check_parcel_geometry(with_nan_vertex())) == ["non_finite"]


def test_polygon_with_25000_vertices_is_flagged() -> None:
    dense = DHAKA.buffer(0.001, quad_segs=6250)
    assert vertex_count(dense) > 25_000 > MAX_VERTICES
    problems = check_parcel_geometry(dense)
    assert codes(problems) == ["too_many_vertices"]
    assert str(MAX_VERTICES) in problems[0].message


def test_vertex_limit_can_be_lowered() -> None:
    assert codes(check_parcel_geometry(PARCEL, max_vertices=4)) == ["too_many_vertices"]
    assert check_parcel_geometry(PARCEL, max_vertices=5) == []


def test_every_problem_is_reported_together() -> None:
    bow_tie_in_india = shapely.transform(BOW_TIE, lambda xy: xy - [10.4, 0])
    problems = check_parcel_geometry(bow_tie_in_india, max_vertices=3)
    assert codes(problems) == ["invalid", "outside_bangladesh", "too_many_vertices"]


def test_line_outside_bangladesh_reports_both_problems() -> None:
    line = LineString([(80.40, 23.70), (80.41, 23.71)])
    assert codes(check_parcel_geometry(line)) == ["not_polygonal", "outside_bangladesh"]


def test_checking_never_repairs_the_boundary() -> None:
    before = BOW_TIE.wkb
    check_parcel_geometry(BOW_TIE)
    assert BOW_TIE.wkb == before
    assert not BOW_TIE.is_valid


def test_dhaka_point_has_no_problems() -> None:
    assert check_point(DHAKA) == []


def test_swapped_dhaka_point_is_detected_as_swapped() -> None:
    problems = check_point(Point(DHAKA.y, DHAKA.x))
    assert codes(problems) == ["swapped_lat_lon"]
    assert "swapped" in problems[0].message


def test_point_in_india_is_flagged_outside() -> None:
    assert codes(check_point(Point(80.0, 23.8))) == ["outside_bangladesh"]


def test_nan_and_empty_points_are_flagged() -> None:
    assert codes(check_point(Point(math.nan, 23.8))) == ["non_finite"]
    assert codes(check_point(Point())) == ["empty"]


def test_swap_xy_exchanges_coordinates_and_twice_is_identity() -> None:
    swapped = swap_xy(DHAKA)
    assert isinstance(swapped, Point)
    assert (swapped.x, swapped.y) == pytest.approx((DHAKA.y, DHAKA.x))
    assert swap_xy(swap_xy(PARCEL)).equals(PARCEL)


def test_as_multipolygon_wraps_a_polygon_in_a_multipolygon_of_one() -> None:
    wrapped = as_multipolygon(PARCEL)
    assert isinstance(wrapped, MultiPolygon)
    assert len(wrapped.geoms) == 1
    assert wrapped.geoms[0].equals(PARCEL)


def test_as_multipolygon_returns_a_multipolygon_unchanged() -> None:
    parts = MultiPolygon([PARCEL])
    assert as_multipolygon(parts) is parts


def test_as_multipolygon_refuses_a_point_naming_its_type() -> None:
    with pytest.raises(ValueError, match="Point"):
        as_multipolygon(DHAKA)


def test_suggest_repair_of_bow_tie_is_two_valid_parts_and_input_is_unchanged() -> None:
    before = BOW_TIE.wkb
    repaired = suggest_repair(BOW_TIE)
    assert isinstance(repaired, MultiPolygon)
    assert repaired.is_valid
    assert len(repaired.geoms) == 2
    assert repaired.area == pytest.approx(0.5 * PARCEL.area)
    assert BOW_TIE.wkb == before


def test_suggest_repair_keeps_only_polygonal_parts() -> None:
    # A spike out of the square collapses to a line under make_valid; a parcel drops it.
    spiked = Polygon(
        [
            (90.40, 23.70),
            (90.41, 23.70),
            (90.41, 23.71),
            (90.405, 23.71),
            (90.405, 23.72),  # the spike's tip
            (90.405, 23.71),
            (90.40, 23.71),
        ]
    )
    assert shapely.make_valid(spiked).geom_type == "GeometryCollection"
    repaired = suggest_repair(spiked)
    assert isinstance(repaired, MultiPolygon)
    assert repaired.is_valid
    assert repaired.area == pytest.approx(PARCEL.area)


def test_vertex_count_includes_the_closing_point() -> None:
    assert vertex_count(PARCEL) == 5


def test_geometry_problem_is_immutable() -> None:
    problem = GeometryProblem("empty", "The boundary is empty.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        problem.code = "invalid"  # type: ignore[misc]


def test_swap_xy_keeps_the_z_coordinate() -> None:
    swapped = swap_xy(Point(90.4, 23.8, 7.0))
    assert isinstance(swapped, Point)
    assert (swapped.x, swapped.y, swapped.z) == pytest.approx((23.8, 90.4, 7.0))
