"""Land area units of Bangladesh and their square-metre factors."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from gis.digits import TO_ASCII

# m² per unit. The traditional units are defined in square feet (0.09290304 m² exactly)
# or in decimals (1/100 acre), so every factor below is exact.
AREA_UNITS: dict[str, Decimal] = {
    "sq_m": Decimal("1"),
    "acre": Decimal("4046.8564224"),
    "decimal": Decimal("40.468564224"),  # shotangsho, 1/100 acre
    "ojutangsho": Decimal("0.40468564224"),  # 1/100 decimal
    "hectare": Decimal("10000"),
    "sq_ft": Decimal("0.09290304"),
    "katha": Decimal("66.8901888"),  # 720 sq ft
    "bigha": Decimal("1337.803776"),  # 14,400 sq ft = 20 katha
    "bigha_33dec": Decimal("1348.9521408"),  # 33⅓ decimal
    "bigha_30dec": Decimal("1214.05692672"),  # 30 decimal
    "bigha_35dec": Decimal("1416.39974784"),  # 35 decimal
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

LocalFactors = Mapping[str, Decimal | str | float]


# Digits with optional thousands separators, Western (1,234,567) or lakh (12,34,567).
# The last group must have three digits so that a decimal comma ("1,5") is refused
# rather than read as fifteen. Only ASCII [0-9]: Python's Decimal would otherwise accept
# any script's digits, exponents and underscores.
_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{2,3})*,[0-9]{3}|[0-9]*)(?:\.[0-9]*)?")


class UnknownUnit(ValueError):
    """An area unit that is neither in AREA_UNITS nor among the organisation's own units."""

    def __init__(self, unit: str, known: Iterable[str] = AREA_UNITS) -> None:
        listed = ", ".join(sorted(set(known)))
        super().__init__(f"Unknown area unit {unit!r}; known units: {listed}.")


class InvalidArea(ValueError):
    """An area or factor that is not a finite, non-negative number."""


def parse_decimal(text: str) -> Decimal:
    """A number typed in Bengali or ASCII digits, with optional "," thousands separators."""
    cleaned = text.strip().translate(TO_ASCII)
    if not _NUMBER.fullmatch(cleaned) or not any(c.isdigit() for c in cleaned):
        raise InvalidArea(
            f"{text!r} is not a number; use Bengali or ASCII digits, an optional '.' "
            "and ',' only between groups of thousands."
        )
    try:
        value = Decimal(cleaned.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
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
    # str() first so that 0.1 becomes Decimal("0.1"), not its binary approximation.
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
    """Square metres in `value` of `unit`."""
    return _as_decimal(value) * unit_factor(unit, local_factors)


def from_m2(
    area_m2: Decimal | int | float | str, unit: str, local_factors: LocalFactors | None = None
) -> Decimal:
    """How many `unit` make `area_m2` square metres."""
    return _as_decimal(area_m2) / unit_factor(unit, local_factors)
