"""Coordinate systems: accepted codes, BTM variants, PostGIS rows and geodesic area."""

from __future__ import annotations

import math

import pytest
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.geometry.polygon import orient

from gis.crs import (
    ACCEPTED_SRIDS,
    BTM_FN0_SRID,
    BTM_SRID,
    STORAGE_SRID,
    UTM45N_SRID,
    UTM46N_SRID,
    AmbiguousCRS,
    UnsupportedCRS,
    check_srid,
    geodesic_area_m2,
    resolve_btm_variant,
    spatial_ref_sys_row,
    transform,
)

DHAKA = Point(90.4125, 23.8103)
# A 0.01° square near Dhaka, about 1.13 km².
SQUARE = box(90.40, 23.80, 90.41, 23.81)


def test_accepted_srids_are_storage_both_btm_variants_and_utm() -> None:
    assert {STORAGE_SRID, BTM_SRID, BTM_FN0_SRID, UTM45N_SRID, UTM46N_SRID} == ACCEPTED_SRIDS
    assert (BTM_SRID, BTM_FN0_SRID, STORAGE_SRID) == (9678, 3106, 4326)


@pytest.mark.parametrize("srid", [4326, 9678, 3106, 32645, 32646])
def test_accepted_srids_pass_check(srid: int) -> None:
    assert check_srid(srid) == srid


def test_web_mercator_3857_is_refused_naming_the_accepted_codes() -> None:
    with pytest.raises(UnsupportedCRS) as excinfo:
        check_srid(3857)
    message = str(excinfo.value)
    assert "3857" in message
    for srid in ACCEPTED_SRIDS:
        assert str(srid) in message


def test_btm_northings_of_dhaka_differ_by_exactly_2000000_m() -> None:
    btm = transform(DHAKA, STORAGE_SRID, BTM_SRID)
    btm0 = transform(DHAKA, STORAGE_SRID, BTM_FN0_SRID)
    assert isinstance(btm, Point) and isinstance(btm0, Point)
    assert btm0.y - btm.y == pytest.approx(2_000_000, abs=1e-3)
    assert btm0.x == pytest.approx(btm.x, abs=1e-3)


def test_dhaka_lies_east_of_the_btm_central_meridian() -> None:
    # BTM: central meridian 90°E, false easting 500,000 m.
    btm = transform(DHAKA, STORAGE_SRID, BTM_SRID)
    assert isinstance(btm, Point)
    assert 500_000 < btm.x < 600_000


def test_utm_round_trip_returns_the_same_point() -> None:
    back = transform(transform(DHAKA, STORAGE_SRID, UTM46N_SRID), UTM46N_SRID, STORAGE_SRID)
    assert isinstance(back, Point)
    assert (back.x, back.y) == pytest.approx((DHAKA.x, DHAKA.y), abs=1e-9)


def test_transform_to_the_same_srid_returns_the_geometry() -> None:
    assert transform(SQUARE, STORAGE_SRID, STORAGE_SRID) is SQUARE


def test_transform_keeps_every_vertex_and_the_type() -> None:
    moved = transform(SQUARE, STORAGE_SRID, BTM_SRID)
    assert isinstance(moved, Polygon)
    assert len(moved.exterior.coords) == len(SQUARE.exterior.coords)


def test_declared_9678_with_9678_coordinates_resolves_to_9678() -> None:
    parcel = transform(SQUARE, STORAGE_SRID, BTM_SRID)
    assert resolve_btm_variant(parcel, BTM_SRID) == BTM_SRID


def test_declared_9678_with_3106_coordinates_resolves_to_3106() -> None:
    parcel = transform(SQUARE, STORAGE_SRID, BTM_FN0_SRID)
    assert resolve_btm_variant(parcel, BTM_SRID) == BTM_FN0_SRID


def test_declared_3106_with_9678_coordinates_resolves_to_9678() -> None:
    parcel = transform(SQUARE, STORAGE_SRID, BTM_SRID)
    assert resolve_btm_variant(parcel, BTM_FN0_SRID) == BTM_SRID


def test_btm_coordinates_that_fit_neither_variant_are_ambiguous() -> None:
    # Northings of 9 million metres are in neither variant's Bangladesh.
    nowhere = box(540_000, 9_000_000, 541_000, 9_001_000)
    with pytest.raises(AmbiguousCRS, match="9678"):
        resolve_btm_variant(nowhere, BTM_SRID)


def test_non_btm_declared_srid_is_returned_unchanged() -> None:
    parcel = transform(SQUARE, STORAGE_SRID, UTM46N_SRID)
    assert resolve_btm_variant(parcel, UTM46N_SRID) == UTM46N_SRID


def test_spatial_ref_sys_row_for_9678_has_false_northing_minus_2000000() -> None:
    row = spatial_ref_sys_row(BTM_SRID)
    assert row["srid"] == row["auth_srid"] == BTM_SRID
    assert row["auth_name"] == "EPSG"
    assert "+y_0=-2000000" in str(row["proj4text"])


def test_spatial_ref_sys_row_srtext_is_wkt1_for_gulshan_303() -> None:
    srtext = str(spatial_ref_sys_row(BTM_SRID)["srtext"])
    assert srtext.startswith("PROJCS[")
    assert "Gulshan 303" in srtext


def test_geodesic_area_of_a_001_degree_square_matches_a_spherical_estimate() -> None:
    # Independent estimate on the sphere of WGS84's authalic radius.
    radius = 6_371_007.2
    lat1, lat2 = math.radians(23.80), math.radians(23.81)
    spherical = radius**2 * math.radians(0.01) * (math.sin(lat2) - math.sin(lat1))
    area = geodesic_area_m2(SQUARE)
    assert 1_100_000 < area < 1_200_000
    assert area == pytest.approx(spherical, rel=0.01)


def test_geodesic_area_agrees_with_btm_planar_area_within_half_a_percent() -> None:
    planar = transform(SQUARE, STORAGE_SRID, BTM_SRID).area
    assert geodesic_area_m2(SQUARE) == pytest.approx(planar, rel=0.005)


def test_geodesic_area_does_not_depend_on_ring_orientation() -> None:
    clockwise = orient(SQUARE, sign=-1.0)
    assert geodesic_area_m2(clockwise) == pytest.approx(geodesic_area_m2(SQUARE), rel=1e-12)


def test_geodesic_area_subtracts_a_hole_whatever_its_orientation() -> None:
    hole = box(90.402, 23.802, 90.404, 23.804)
    expected = geodesic_area_m2(SQUARE) - geodesic_area_m2(hole)
    for ring in (list(hole.exterior.coords), list(hole.exterior.coords)[::-1]):
        with_hole = Polygon(SQUARE.exterior.coords, [ring])
        assert geodesic_area_m2(with_hole) == pytest.approx(expected, rel=1e-9)


def test_geodesic_area_of_oppositely_wound_parts_is_their_sum() -> None:
    other = box(90.50, 23.80, 90.51, 23.81)
    parts = MultiPolygon([orient(SQUARE, sign=1.0), orient(other, sign=-1.0)])
    expected = geodesic_area_m2(SQUARE) + geodesic_area_m2(other)
    assert geodesic_area_m2(parts) == pytest.approx(expected, rel=1e-9)
