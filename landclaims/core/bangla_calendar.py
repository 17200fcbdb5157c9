"""The revised Bangla calendar of Bangladesh (Bangla Academy 1987, revised 2019).

The year starts on 14 April (1 Boishakh). Boishakh to Ashwin have 31 days, Kartik to Magh
30, Falgun 29 (30 when the Gregorian year it falls in is a leap year), Chaitra 30, so every
day keeps the same Gregorian date: 16 December is always 1 Poush and 21 February 8 Falgun.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from landclaims.core.text import bengali_digits

MONTHS_BN = (
    "বৈশাখ",
    "জ্যৈষ্ঠ",
    "আষাঢ়",
    "শ্রাবণ",
    "ভাদ্র",
    "আশ্বিন",
    "কার্তিক",
    "অগ্রহায়ণ",
    "পৌষ",
    "মাঘ",
    "ফাল্গুন",
    "চৈত্র",
)
MONTHS_EN = (
    "Boishakh",
    "Joishtho",
    "Asharh",
    "Srabon",
    "Bhadro",
    "Ashwin",
    "Kartik",
    "Ogrohayon",
    "Poush",
    "Magh",
    "Falgun",
    "Choitro",
)


@dataclass(frozen=True)
class BanglaDate:
    year: int
    month: int  # 1 = Boishakh
    day: int

    def format(self, language: str = "bn") -> str:
        if language == "bn":
            return f"{bengali_digits(str(self.day))} {MONTHS_BN[self.month - 1]} " + (
                bengali_digits(str(self.year))
            )
        return f"{self.day} {MONTHS_EN[self.month - 1]} {self.year}"


def _month_lengths(falgun_year: int) -> tuple[int, ...]:
    """Days in each month of the Bangla year whose Falgun falls in `falgun_year`."""
    falgun = 30 if calendar.isleap(falgun_year) else 29
    return (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, falgun, 30)


def to_bangla(day: date) -> BanglaDate:
    """The Bangla date of a Gregorian day."""
    start_year = day.year if day >= date(day.year, 4, 14) else day.year - 1
    offset = (day - date(start_year, 4, 14)).days
    for month, length in enumerate(_month_lengths(start_year + 1), start=1):
        if offset < length:
            return BanglaDate(year=start_year - 593, month=month, day=offset + 1)
        offset -= length
    raise AssertionError(f"{day} fell outside its Bangla year")  # pragma: no cover
