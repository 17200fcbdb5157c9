"""Area units: every factor against its definition, parsing, and local units."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gis.units import (
    AREA_UNITS,
    UNIT_LABELS,
    InvalidArea,
    UnknownUnit,
    from_m2,
    parse_decimal,
    to_m2,
    unit_factor,
)

SQ_FT = Decimal("0.3048") ** 2  # the international foot is exactly 0.3048 m
ACRE = 43560 * SQ_FT  # an acre is exactly 43,560 sq ft


def test_every_unit_has_an_english_and_a_bengali_label() -> None:
    assert set(UNIT_LABELS) == set(AREA_UNITS)
    for english, bengali in UNIT_LABELS.values():
        assert english
        assert any("\u0980" <= ch <= "\u09ff" for ch in bengali)


def test_decimal_label_names_shotangsho() -> None:
    assert UNIT_LABELS["decimal"] == ("decimal (shotangsho)", "শতাংশ")


def test_every_factor_is_an_exact_positive_decimal() -> None:
    for factor in AREA_UNITS.values():
        assert isinstance(factor, Decimal)
        assert factor > 0


def test_square_foot_is_the_international_foot_squared() -> None:
    assert AREA_UNITS["sq_ft"] == SQ_FT


def test_one_acre_is_43560_square_feet() -> None:
    assert AREA_UNITS["acre"] == ACRE


def test_one_acre_is_100_decimals() -> None:
    assert AREA_UNITS["acre"] == 100 * AREA_UNITS["decimal"]


def test_one_decimal_is_100_ojutangsho() -> None:
    assert AREA_UNITS["decimal"] == 100 * AREA_UNITS["ojutangsho"]


def test_katha_is_720_square_feet() -> None:
    assert AREA_UNITS["katha"] == 720 * SQ_FT


def test_bigha_is_20_katha_and_14400_square_feet() -> None:
    assert AREA_UNITS["bigha"] == 20 * AREA_UNITS["katha"] == 14_400 * SQ_FT


def test_ganda_is_864_square_feet() -> None:
    assert AREA_UNITS["ganda"] == 864 * SQ_FT


def test_kani_is_20_ganda_and_17280_square_feet() -> None:
    assert AREA_UNITS["kani"] == 20 * AREA_UNITS["ganda"] == 17_280 * SQ_FT


@pytest.mark.parametrize(
    ("unit", "decimals"),
    [("bigha_33dec", Decimal(100) / 3), ("bigha_30dec", Decimal(30)), ("bigha_35dec", Decimal(35))],
)
def test_regional_bighas_are_their_number_of_decimals(unit: str, decimals: Decimal) -> None:
    assert AREA_UNITS[unit] == pytest.approx(decimals * AREA_UNITS["decimal"], abs=Decimal("1e-20"))


def test_one_hectare_is_about_2_471_acres() -> None:
    assert from_m2(AREA_UNITS["hectare"], "acre") == pytest.approx(
        Decimal("2.4710538"), rel=Decimal("1e-7")
    )


@pytest.mark.parametrize("unit", sorted(AREA_UNITS))
def test_to_m2_then_from_m2_returns_the_same_amount(unit: str) -> None:
    amount = Decimal("12.345")
    assert from_m2(to_m2(amount, unit), unit) == pytest.approx(amount, abs=Decimal("1e-20"))


def test_five_katha_in_square_metres() -> None:
    assert to_m2(5, "katha") == Decimal("334.450944")


def test_float_input_is_taken_at_its_printed_value() -> None:
    # 0.1 must not turn into 0.1000000000000000055511151231257827...
    assert to_m2(0.1, "acre") == Decimal("404.68564224")


def test_local_factor_overrides_the_table() -> None:
    local = {"bigha": Decimal("1600")}
    assert unit_factor("bigha", local) == Decimal("1600")
    assert to_m2(2, "bigha", local) == Decimal("3200")


def test_local_factor_extends_the_table() -> None:
    local = {"pakhi": "1618.74"}
    assert to_m2(1, "pakhi", local) == Decimal("1618.74")
    assert unit_factor("acre", local) == AREA_UNITS["acre"]


def test_local_factor_given_as_float_or_bengali_string() -> None:
    assert unit_factor("dun", {"dun": 5.5}) == Decimal("5.5")
    assert unit_factor("dun", {"dun": "৫.৫"}) == Decimal("5.5")


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), "abc", Decimal("NaN")])
def test_local_factor_that_is_not_positive_and_finite_is_rejected(
    bad: Decimal | float | str,
) -> None:
    with pytest.raises(InvalidArea):
        unit_factor("dun", {"dun": bad})


def test_unknown_unit_message_names_the_unit_and_lists_known_units() -> None:
    with pytest.raises(UnknownUnit) as excinfo:
        to_m2(1, "morgen")
    message = str(excinfo.value)
    assert "'morgen'" in message
    for unit in AREA_UNITS:
        assert unit in message


def test_unknown_unit_lists_the_organisations_own_units_too() -> None:
    with pytest.raises(UnknownUnit, match="pakhi"):
        unit_factor("morgen", {"pakhi": "1618.74"})


def test_unknown_unit_is_a_value_error() -> None:
    assert issubclass(UnknownUnit, ValueError)
    assert issubclass(InvalidArea, ValueError)


def test_bengali_digits_parse() -> None:
    assert parse_decimal("১২.৫") == Decimal("12.5")
    assert parse_decimal("০১২৩৪৫৬৭৮৯") == Decimal("123456789")


def test_to_m2_accepts_bengali_digits() -> None:
    assert to_m2("১২.৫", "decimal") == to_m2(Decimal("12.5"), "decimal")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,234,567", "1234567"), ("12,34,567", "1234567"), ("১,২৩,৪৫৬.৫", "123456.5"), (" 7 ", "7")],
)
def test_thousands_separators_western_and_lakh_are_accepted(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,5", "1e3", "1_000", "١٢", "12 5", ".", "1,,000"])
def test_anything_but_plain_digits_is_refused_with_a_clear_message(text: str) -> None:
    with pytest.raises(InvalidArea, match="is not a number"):
        parse_decimal(text)


@pytest.mark.parametrize("value", [-1, "-1", Decimal("-0.5"), -0.1])
def test_negative_area_is_rejected(value: Decimal | float | str) -> None:
    with pytest.raises(InvalidArea):
        to_m2(value, "acre")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN"), "NaN", "Infinity"])
def test_nan_and_infinite_area_is_rejected(value: Decimal | float | str) -> None:
    with pytest.raises(InvalidArea):
        to_m2(value, "acre")
