"""Display of savings: `{% load savings_display %}`, then `{{ poisha|taka }}` (1,250.50 in
English, ১,২৫০.৫০ in Bangla; the amount as taka with paisa, never a float)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import pgettext_lazy

from landclaims.core.templatetags.lc_format import format_number

register = template.Library()


@register.filter
def taka(poisha: Any) -> str:
    if poisha is None or poisha == "":
        return ""
    return format_number(Decimal(int(poisha)) / 100, 2)


@register.filter
def kg(value: Any) -> str:
    """A weight in kg without trailing zeros (12.5, not 12.500)."""
    if value is None or value == "":
        return ""
    number = Decimal(value).normalize()
    return format_number(number.quantize(Decimal(1)) if number == number.to_integral() else number)


# The kinds of entry as the savings pages name them. "Collection" alone is already the OGC
# pages' word for a data collection, so the ledger's words carry their own context.
ENTRY_KINDS = {
    "collection": pgettext_lazy("savings", "Collection"),
    "withdrawal": pgettext_lazy("savings", "Withdrawal"),
    "investment": pgettext_lazy("savings", "Collective investment"),
    "correction": pgettext_lazy("savings", "Correction"),
}


@register.filter
def entry_kind(entry: Any) -> str:
    """An entry's kind in words: `{{ entry|entry_kind }}`."""
    return str(ENTRY_KINDS.get(entry.kind, entry.get_kind_display()))
