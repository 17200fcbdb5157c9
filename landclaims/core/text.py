"""Bengali text helpers: people type case, dag and JL numbers in either digit set, and the
same name in more than one sequence of code points."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from django.db.models import Q

from gis.digits import BENGALI_DIGITS, TO_ASCII, TO_BENGALI

__all__ = [
    "BENGALI_DIGITS",
    "ascii_digits",
    "bengali_digits",
    "name_contains",
    "normalise_name",
    "normalise_search",
]

# ত + hasanta + ZWJ: how khanda ta was written before Unicode 4.1 gave it ৎ (U+09CE); some
# keyboards and old files still produce it.
OLD_KHANDA_TA = "\u09a4\u09cd\u200d"
KHANDA_TA = "\u09ce"


def ascii_digits(text: str) -> str:
    """Bengali digits to ASCII, NFC-normalised and stripped: the stored form of numbers."""
    return unicodedata.normalize("NFC", text).translate(TO_ASCII).strip()


def bengali_digits(text: str) -> str:
    return text.translate(TO_BENGALI)


def normalise_name(text: str) -> str:
    """A name in the one form it is stored, searched and matched in.

    NFC, which also splits the precomposed nukta letters ড় ঢ় য় (U+09DC, U+09DD, U+09DF,
    which phone keyboards type) into letter + nukta, as Unicode's composition exclusions
    require; the old khanda ta as ৎ; single spaces. The database checks the NFC part.
    """
    text = unicodedata.normalize("NFC", text).replace(OLD_KHANDA_TA, KHANDA_TA)
    return " ".join(text.split())


def normalise_search(text: str) -> str:
    """A search term for numbers (case, dag, khatian): NFC, ASCII digits, single spaces."""
    return " ".join(ascii_digits(text).split())


def name_contains(fields: Iterable[str], text: str) -> Q:
    """Records whose name, in any of `fields`, contains the typed `text`, whichever key
    sequence and digit set it was typed with ("২ নং" finds "2 নং" and the other way)."""
    name = normalise_name(text)
    forms = {name, name.translate(TO_ASCII), name.translate(TO_BENGALI)}
    match = Q()
    for field in fields:
        for form in sorted(forms):
            match |= Q(**{f"{field}__icontains": form})
    return match
