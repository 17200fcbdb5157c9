"""Display filters for numbers and areas: `{% load lc_format %}{{ n|num }}`, `{{ m2|area }}`.

Every displayed figure goes through these, so the reader's language and chosen area unit
apply in one place.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

from gis.units import from_m2

register = template.Library()


@register.filter
def num(value: Any, decimals: int | None = None) -> str:
    """A number with thousands grouping; `decimals` fixes the places shown."""
    if value is None or value == "":
        return ""
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.filter
def area(square_metres: Any, unit: str = "acre") -> str:
    """An area held in m², shown in `unit` (acres unless told) to two places."""
    if square_metres is None or square_metres == "":
        return ""
    return num(from_m2(Decimal(str(square_metres)), unit), 2)
