"""Money on the dashboard: amounts are held in poisha (1 taka = 100 poisha) and shown in taka."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from landclaims.core.templatetags.lc_format import format_number

register = template.Library()


def poisha_to_taka(poisha: int) -> Decimal:
    return Decimal(poisha) / 100


@register.filter
def taka(poisha: Any) -> str:
    """An amount in poisha as taka in the reader's digits: whole taka when it has no
    poisha, else with two places."""
    if poisha is None or poisha == "":
        return ""
    return format_number(poisha_to_taka(int(poisha)), 2 if int(poisha) % 100 else 0)
