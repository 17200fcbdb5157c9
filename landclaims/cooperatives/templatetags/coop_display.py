"""Money on the cooperative pages: stored in poisha, read in taka."""

from decimal import Decimal
from typing import Any

from django import template

from landclaims.core.templatetags.lc_format import format_number

register = template.Library()


@register.filter
def taka(poisha: Any) -> str:
    """Whole poisha as taka in the reader's digits and grouping ("১২,৩৪৫.৫০"); whole taka
    without decimals."""
    if poisha is None or poisha == "":
        return ""
    amount = Decimal(int(poisha)) / 100
    return format_number(amount, 0 if amount == amount.to_integral_value() else 2)
