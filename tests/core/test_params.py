"""The one rule for whole numbers, finite numbers and boxes in query strings and headers."""

from __future__ import annotations

import math

import pytest

from gis.crs import area_of_use, bounds_to_lonlat
from landclaims.core.params import ParameterError, bbox, finite_number, whole, whole_number


@pytest.mark.parametrize(
    ("text", "value"), [("12", 12), (" 12 ", 12), ("১২", 12), ("0", 0), ("9" * 18, 10**18 - 1)]
)
def test_whole_reads_ascii_and_bengali_digits(text, value) -> None:
    assert whole(text) == value


@pytest.mark.parametrize(
    "text",
    ["", "--5", "-1", "+1", "²", "1²", "١٢", "\uff11\uff12", "1e3", "1.0", "9" * 19, "1 2", "nan"],
)
def test_whole_refuses_what_is_not_a_plain_whole_number(text) -> None:
    assert whole(text) is None


def test_whole_can_refuse_bengali_digits_where_the_value_is_opaque() -> None:
    assert whole("১২", bengali=False) is None


def test_whole_number_names_the_parameter_and_the_range() -> None:
    assert whole_number({}, "limit", 100, minimum=1, maximum=500) == 100
    with pytest.raises(ParameterError) as error:
        whole_number({"limit": "501"}, "limit", 100, minimum=1, maximum=500)
    assert error.value.name == "limit"
    assert "1" in error.value.reason and "500" in error.value.reason


@pytest.mark.parametrize(
    ("text", "value"), [("90.4", 90.4), ("-1", -1.0), ("১.৫", 1.5), ("1e3", 1000.0), (".5", 0.5)]
)
def test_finite_number_reads_decimals(text, value) -> None:
    assert finite_number(text, "x") == value


@pytest.mark.parametrize(
    "text", ["nan", "inf", "-Infinity", "1e999", "1e300000", "²", "--1", "", "0x10", "1_000"]
)
def test_finite_number_refuses_what_is_not_finite(text) -> None:
    with pytest.raises(ParameterError):
        finite_number(text, "x")


def test_a_box_in_the_national_grid_becomes_the_lon_lat_box_around_it() -> None:
    box = bbox("480000,650000,520000,690000", "bbox", srid=9678)
    west, south, east, north = box.extent
    assert box.srid == 4326
    assert 89.7 < west < east < 90.3 and 23.9 < south < north < 24.5  # around Tangail


@pytest.mark.parametrize(
    ("text", "srid"),
    [
        ("1e300,1e300,1e300,1e300", 9678),
        ("-1e300,-1e300,1e300,1e300", 9678),
        ("0,0,1,1", 9678),  # 1 m from the grid's origin, off Bangladesh
        ("-181,0,0,1", 4326),
        ("0,0,1,91", 4326),
    ],
)
def test_a_box_outside_where_its_crs_is_used_is_refused(text, srid) -> None:
    with pytest.raises(ParameterError) as error:
        bbox(text, "bbox", srid=srid)
    assert error.value.name == "bbox"


def test_a_box_proj_cannot_transform_comes_back_not_finite() -> None:
    corners = bounds_to_lonlat((1e300, 1e300, 1e300, 1e300), 9678)
    assert not all(math.isfinite(c) for c in corners)
    assert area_of_use(9678) == (88.01, 20.52, 92.67, 26.64)
