"""Money: stored as whole poisha (1 taka = 100 poisha), never as a float. The one place
taka become poisha and back, for the pages, the API, the services and field submissions."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from landclaims.core.text import ascii_digits

POISHA_PER_TAKA = 100


def poisha_from_taka(taka: Decimal | int | str | None, *, field: str) -> int:
    """An amount of taka (Bengali or ASCII digits, at most two decimals) in whole poisha;
    nothing is 0. A ValidationError on `field` says what is wrong with it."""
    if taka is None or taka == "":
        return 0
    try:
        amount = taka if isinstance(taka, Decimal) else Decimal(ascii_digits(str(taka)).strip())
    except InvalidOperation:
        raise ValidationError(
            {field: _("Write the amount in taka, e.g. 1500 or 1500.50.")}
        ) from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError({field: _("The amount cannot be negative.")})
    scaled = amount * POISHA_PER_TAKA
    if scaled != scaled.to_integral_value():
        raise ValidationError({field: _("Taka have at most two decimals (poisha).")})
    return int(scaled)


def taka_from_poisha(poisha: int) -> Decimal:
    return Decimal(int(poisha)) / POISHA_PER_TAKA
