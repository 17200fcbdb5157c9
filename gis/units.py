"""Land area units of Bangladesh and their square-metre factors."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

# m² per unit. The traditional units are defined in square feet (0.09290304 m² exactly).
AREA_UNITS: dict[str, Decimal] = {
    "sq_m": Decimal("1"),
    "acre": Decimal("4046.8564224"),
    "decimal": Decimal("40.468564224"),
    "ojutangsho": Decimal("0.40468564224"),
    "hectare": Decimal("10000"),
    "sq_ft": Decimal("0.09290304"),
    "katha": Decimal("66.8901888"),  # 720 sq ft
    "bigha": Decimal("1337.803776"),  # 14,400 sq ft = 20 katha
    "bigha_33dec": Decimal("1348.9521408"),  # 33⅓ decimal
    "bigha_30dec": Decimal("1214.05692672"),
    "bigha_35dec": Decimal("1416.39974784"),
    "ganda": Decimal("80.26822656"),  # 864 sq ft
    "kani": Decimal("1605.3645312"),  # 17,280 sq ft = 20 ganda
}

UNIT_LABELS: dict[str, tuple[str, str]] = {
    "sq_m": ("square metre", "বর্গমিটার"),
    "acre": ("acre", "একর"),
    "decimal": ("decimal (shotangsho)", "শতাংশ"),
    "ojutangsho": ("ojutangsho", "অযুতাংশ"),
    "hectare": ("hectare", "হেক্টর"),
    "sq_ft": ("square foot", "বর্গফুট"),
    "katha": ("katha (720 sq ft)", "কাঠা"),
    "bigha": ("bigha (14,400 sq ft)", "বিঘা"),
    "bigha_33dec": ("bigha of 33⅓ decimal", "বিঘা (৩৩⅓ শতাংশ)"),
    "bigha_30dec": ("bigha of 30 decimal", "বিঘা (৩০ শতাংশ)"),
    "bigha_35dec": ("bigha of 35 decimal", "বিঘা (৩৫ শতাংশ)"),
    "ganda": ("ganda (864 sq ft)", "গণ্ডা"),
    "kani": ("kani (17,280 sq ft)", "কানি"),
}

_BENGALI_TO_ASCII = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")

LocalFactors = Mapping[str, Decimal | str | float]


class UnknownUnit(ValueError):
    def __init__(self, unit: str, known: list[str]) -> None:
        super().__init__(f"Unknown area unit {unit!r}; known units: {', '.join(sorted(known))}.")


class InvalidArea(ValueError):
    pass


def parse_decimal(text: str) -> Decimal:
    """A number typed in Bengali or ASCII digits, with optional thousands separators."""
    cleaned = unicodedata.normalize("NFC", text).translate(_BENGALI_TO_ASCII)
    cleaned = cleaned.replace(",", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise InvalidArea(f"{text!r} is not a number.") from exc
    return _finite_non_negative(value)


def _finite_non_negative(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise InvalidArea(f"{value} is not a finite number.")
    if value < 0:
        raise InvalidArea(f"An area cannot be negative ({value}).")
    return value


def _as_decimal(value: Decimal | int | float | str) -> Decimal:
    if isinstance(value, str):
        return parse_decimal(value)
    return _finite_non_negative(Decimal(str(value)))


def unit_factor(unit: str, local_factors: LocalFactors | None = None) -> Decimal:
    """Square metres per `unit`; an organisation's local factors override or extend the table."""
    if local_factors and unit in local_factors:
        factor = _as_decimal(local_factors[unit])
        if factor == 0:
            raise InvalidArea(f"The local factor for {unit!r} must be more than zero.")
        return factor
    if unit not in AREA_UNITS:
        raise UnknownUnit(unit, [*AREA_UNITS, *(local_factors or {})])
    return AREA_UNITS[unit]


def to_m2(
    value: Decimal | int | float | str, unit: str, local_factors: LocalFactors | None = None
) -> Decimal:
    return _as_decimal(value) * unit_factor(unit, local_factors)


def from_m2(
    area_m2: Decimal | int | float | str, unit: str, local_factors: LocalFactors | None = None
) -> Decimal:
    return _as_decimal(area_m2) / unit_factor(unit, local_factors)
