"""Bengali text helpers: people type case, dag and JL numbers in either digit set."""

from __future__ import annotations

import unicodedata

BENGALI_DIGITS = "০১২৩৪৫৬৭৮৯"
_TO_ASCII = str.maketrans(BENGALI_DIGITS, "0123456789")
_TO_BENGALI = str.maketrans("0123456789", BENGALI_DIGITS)


def ascii_digits(text: str) -> str:
    """Bengali digits to ASCII, NFC-normalised and stripped: the stored form of numbers."""
    return unicodedata.normalize("NFC", text).translate(_TO_ASCII).strip()


def bengali_digits(text: str) -> str:
    return text.translate(_TO_BENGALI)


def normalise_search(text: str) -> str:
    """A search term in one canonical form: NFC, ASCII digits, single spaces."""
    return " ".join(ascii_digits(text).split())
