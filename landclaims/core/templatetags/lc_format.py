"""Display filters for numbers, areas and dates: `{% load lc_format %}`, then
`{{ n|num }}`, `{{ n|num:2 }}`, `{{ m2|area }}` (the reader's unit), `{{ m2|area:"acre" }}`,
`{{ m2|area_text }}` (with the unit's name), `{% area_unit %}`, `{{ d|day }}`, `{{ dt|moment }}`.

Every displayed figure goes through these, so the reader's language and chosen area unit
apply in one place. In Bangla, numbers use Bengali digits and lakh grouping
(১২,৩৪,৫৬৭.৮৯); in English, ASCII digits and Western grouping (1,234,567.89), as English
readers abroad (funders) expect. Never use them inside URLs, ids, form values or data
attributes: those keep ASCII digits.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

from gis.units import InvalidArea, UnknownUnit, from_m2
from landclaims.core import display
from landclaims.core.bangla_calendar import to_bangla
from landclaims.core.money import taka_from_poisha
from landclaims.core.text import bengali_digits

register = template.Library()


def _bangla() -> bool:
    return (get_language() or "").split("-")[0] == "bn"


def _group(digits: str, lakh: bool) -> str:
    """1234567 as 1,234,567 or, in the lakh system, 12,34,567."""
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    size = 2 if lakh else 3
    groups = []
    while head:
        groups.insert(0, head[-size:])
        head = head[:-size]
    return ",".join([*groups, tail])


def format_number(value: Any, decimals: int | None = None, *, bangla: bool | None = None) -> str:
    """A number grouped for the active language; `decimals` fixes the places shown."""
    if value is None or value == "":
        return ""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    if not number.is_finite():
        return str(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)
    bangla = _bangla() if bangla is None else bangla
    whole, _, fraction = format(abs(number), "f").partition(".")
    text = _group(whole, lakh=bangla) + (f".{fraction}" if fraction else "")
    if number < 0 and number != 0:
        text = f"-{text}"
    return bengali_digits(text) if bangla else text


@register.filter
def num(value: Any, decimals: int | None = None) -> str:
    return format_number(value, decimals)


@register.filter
def digits(value: Any) -> str:
    """Any text (a reference number) with its digits in the reader's script."""
    if value is None:
        return ""
    return bengali_digits(str(value)) if _bangla() else str(value)


def _area_value(square_metres: Any, unit: str | None) -> Decimal | None:
    current = display.current()
    chosen = unit or current.unit()
    try:
        return from_m2(Decimal(str(square_metres)), chosen, current.local_factors)
    except (InvalidArea, UnknownUnit, InvalidOperation):
        return None


@register.filter
def area(square_metres: Any, unit: str | None = None) -> str:
    """An area held in m², in `unit` or else the reader's chosen unit, to two places."""
    if square_metres is None or square_metres == "":
        return ""
    value = _area_value(square_metres, unit)
    return "" if value is None else format_number(value, 2)


@register.filter
def area_text(square_metres: Any, unit: str | None = None) -> str:
    """An area with its unit's name: "1.25 acre", "৩৭.৫০ শতাংশ"."""
    shown = area(square_metres, unit)
    return f"{shown} {area_unit(unit)}" if shown else ""


@register.simple_tag
def area_unit(unit: str | None = None) -> str:
    """The name of `unit`, or of the reader's unit, in the active language."""
    return display.unit_label(unit or display.current().unit(), "bn" if _bangla() else "en")


def _localised(value: date, fmt: str) -> str:
    text = date_format(value, fmt)
    return bengali_digits(text) if _bangla() else text


def _with_bangla_date(text: str, day_: date, fmt: str) -> str:
    # Only beside a whole date, not a month heading ("F Y") or a weekday ("D").
    if not display.current().bangla_calendar or not ({"j", "d"} & set(fmt)):
        return text
    return f"{text} ({to_bangla(day_).format('bn' if _bangla() else 'en')})"


@register.filter
def day(value: Any, fmt: str = "j F Y") -> str:
    """A date with the month's name in the active language (and the Bangla date beside it
    when the reader asked for it)."""
    if not isinstance(value, date):
        return "" if value is None else str(value)
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return _with_bangla_date(_localised(value, fmt), value, fmt)


@register.filter
def moment(value: Any, fmt: str = "j F Y, H:i") -> str:
    """A date and time in Dhaka time, localised like `day`."""
    if not isinstance(value, datetime):
        return day(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return _with_bangla_date(_localised(local, fmt), local.date(), fmt)


@register.filter
def place(value: Any) -> str:
    """A place's name in the reader's language (core.display.place_name): the Bengali name
    on Bangla pages where it is known, the English one otherwise."""
    return display.place_name(value)


@register.filter
def taka(poisha: Any) -> str:
    """An amount in poisha as taka with its paisa, in the reader's digits and grouping:
    1,250.50 in English, ১,২৫০.৫০ in Bangla."""
    if poisha is None or poisha == "":
        return ""
    return format_number(taka_from_poisha(poisha), 2)
