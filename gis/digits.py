"""Bengali digits: people type areas, dates and reference numbers in either digit set."""

from __future__ import annotations

BENGALI_DIGITS = "০১২৩৪৫৬৭৮৯"
TO_ASCII = str.maketrans(BENGALI_DIGITS, "0123456789")
TO_BENGALI = str.maketrans("0123456789", BENGALI_DIGITS)
