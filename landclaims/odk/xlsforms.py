"""The field forms, written as XLSForms in Python and turned into XForms by pyxform.

CONTRACT (filled in by the forms work): see FORM_IDS and the functions below."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The six forms, by their stable form_id (never renamed: phones keep filled-in forms by it).
FORM_IDS = ("lc_group", "lc_parcel", "lc_incident", "lc_hearing", "lc_savings", "lc_training")


@dataclass(frozen=True)
class BuiltForm:
    form_id: str
    title: str  # in the active language
    version: str  # changes only when the form's definition changes
    xml: bytes  # the XForm
    md5: str  # hex MD5 of `xml` (the form list's hash is "md5:" + this)
    media: tuple[str, ...]  # the CSV choice lists it uses, e.g. ("groups.csv",)


def forms_for(user: Any) -> list[BuiltForm]:
    """The forms this person may send (by their role), in FORM_IDS order."""
    raise NotImplementedError


def built(form_id: str) -> BuiltForm:
    """One form, built (cached per process); KeyError for an unknown form_id."""
    raise NotImplementedError
