"""Bengali text helpers: people type case, dag and JL numbers in either digit set."""

from __future__ import annotations

import unicodedata

from gis.digits import BENGALI_DIGITS, TO_ASCII, TO_BENGALI

__all__ = ["BENGALI_DIGITS", "ascii_digits", "bengali_digits", "normalise_search"]


def ascii_digits(text: str) -> str:
    """Bengali digits to ASCII, NFC-normalised and stripped: the stored form of numbers."""
    return unicodedata.normalize("NFC", text).translate(TO_ASCII).strip()


def bengali_digits(text: str) -> str:
    return text.translate(TO_BENGALI)


def normalise_search(text: str) -> str:
    """A search term in one canonical form: NFC, ASCII digits, single spaces."""
    return " ".join(ascii_digits(text).split())
