"""Display of savings: `{% load savings_display %}`, then `{{ poisha|taka }}` (1,250.50 in
English, ১,২৫০.৫০ in Bangla; the amount as taka with paisa, never a float)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from landclaims.core.templatetags.lc_format import format_number, taka

register = template.Library()


# One definition of how money reads (core/templatetags/lc_format.py), loadable here too.
register.filter("taka", taka)


@register.filter
def kg(value: Any) -> str:
    """A weight in kg without trailing zeros (12.5, not 12.500)."""
    if value is None or value == "":
        return ""
    number = Decimal(value).normalize()
    return format_number(number.quantize(Decimal(1)) if number == number.to_integral() else number)
