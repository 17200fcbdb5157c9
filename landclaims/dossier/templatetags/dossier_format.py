"""Filters for the dossier: names and digits in the language the PDF is made in.

The dossier goes to officials who read names in Bengali; the English version keeps the
Bengali name beside the romanised one, since the Bengali spelling is the official one.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import get_language

from gis.units import from_m2
from landclaims.core.templatetags.lc_format import digits, num

register = template.Library()
# The reader's digits, as on every page (lc_format), under the dossier's own tag library.
register.filter("digits", digits)


@register.filter
def local_name(place: Any) -> str:
    """`name_bn` in Bengali; in English "name_en (name_bn)", or whichever one exists."""
    name_bn = getattr(place, "name_bn", "") or ""
    name_en = getattr(place, "name_en", "") or ""
    if (get_language() or "").startswith("bn"):
        return name_bn or name_en
    if name_en and name_bn and name_en != name_bn:
        return f"{name_en} ({name_bn})"
    return name_en or name_bn


@register.filter
def ddate(value: date | None) -> str:
    """A date as dd/mm/yyyy, the form Bangladeshi offices write."""
    if value is None:
        return ""
    return digits(value.strftime("%d/%m/%Y"))


@register.filter
def acres(square_metres: Any) -> str:
    return _area(square_metres, "acre")


@register.filter
def decimals(square_metres: Any) -> str:
    return _area(square_metres, "decimal")


def _area(square_metres: Any, unit: str) -> str:
    """In `unit` whatever the reader chose on the site: the dossier names its units. `num`
    rounds half up, so 809.37 m² reads 20.00 decimals, never 19.99."""
    if square_metres is None or square_metres == "":
        return ""
    return num(from_m2(Decimal(str(square_metres)), unit), 2)
