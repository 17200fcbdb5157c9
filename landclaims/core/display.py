"""The reader's display settings (area unit, Bangla calendar dates) for this request.

Like Django's active language, they are set per thread by UserPreferenceMiddleware and
read by the lc_format filters, so `{{ m2|area }}` needs no context and works the same in
pages, e-mails and PDFs. `display_for(user)` with `override(...)` renders for someone else
(the recipient of an e-mail).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from asgiref.local import Local

from gis.units import AREA_UNITS, UNIT_LABELS

DEFAULT_AREA_UNIT = "acre"
# The units offered on the preferences page, in the order people know them.
CHOICE_UNITS = ("acre", "decimal", "bigha", "katha", "hectare", "sq_m", "ganda", "kani")


@dataclass(frozen=True)
class Display:
    area_unit: str = DEFAULT_AREA_UNIT
    local_factors: Mapping[str, Decimal | str | float] = field(default_factory=dict)
    bangla_calendar: bool = False

    def unit(self) -> str:
        """The chosen unit if it still exists (an organisation may drop a local unit)."""
        if self.area_unit in AREA_UNITS or self.area_unit in self.local_factors:
            return self.area_unit
        return DEFAULT_AREA_UNIT


DEFAULT = Display()
_state = Local()


def current() -> Display:
    return getattr(_state, "display", DEFAULT)


def activate(display: Display) -> None:
    _state.display = display


def deactivate() -> None:
    if hasattr(_state, "display"):
        del _state.display


@contextmanager
def override(display: Display) -> Iterator[None]:
    previous = getattr(_state, "display", None)
    _state.display = display
    try:
        yield
    finally:
        if previous is None:
            deactivate()
        else:
            _state.display = previous


def local_factors_of(user: Any) -> Mapping[str, Any]:
    membership = getattr(user, "membership", None) if user is not None else None
    try:
        units = membership.organisation.local_area_units if membership else None
    except AttributeError:
        units = None
    return units if isinstance(units, Mapping) else {}


def display_for(user: Any) -> Display:
    """The display settings a user saved, or the defaults."""
    preference = getattr(user, "preference", None) if user is not None else None
    if preference is None:
        return DEFAULT
    return Display(
        area_unit=preference.area_unit,
        local_factors=local_factors_of(user),
        bangla_calendar=preference.bangla_calendar,
    )


def unit_label(unit: str, language: str) -> str:
    """A unit's name in `language`; an organisation's own units are shown by their key."""
    if unit in UNIT_LABELS:
        english, bengali = UNIT_LABELS[unit]
        return bengali if language == "bn" else english
    return unit.replace("_", " ")


def unit_choices(local_factors: Mapping[str, Any], language: str) -> list[tuple[str, str]]:
    known = [(unit, unit_label(unit, language)) for unit in CHOICE_UNITS]
    return known + [(unit, unit_label(unit, language)) for unit in local_factors]


def bangla_active(language: str | None = None) -> bool:
    """Whether `language` (by default the active one) is Bangla."""
    from django.utils.translation import get_language

    return (language or get_language() or "").split("-")[0] == "bn"


def place_name(place: Any, language: str | None = None) -> str:
    """A village's, mouza's, union's, upazila's or district's name in the reader's language:
    `name_bn` on Bangla pages where it is known, else `name_en` (and the other way round).

    The one rule for places on pages (`{{ area|place }}` in lc_format), in labels built in
    Python (the group label) and in exports that follow the reader's language."""
    if place is None:
        return ""
    name_bn = getattr(place, "name_bn", "") or ""
    name_en = getattr(place, "name_en", "") or ""
    if bangla_active(language):
        return name_bn or name_en
    return name_en or name_bn
