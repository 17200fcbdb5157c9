# ruff: noqa: RUF001, RUF003 (Bengali digits are the point of these tests)
"""Numbers, areas and dates as a Bangla or English reader sees them; the Bangla calendar;
Bengali digits typed into number and date fields."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from gis.units import to_m2
from landclaims.core import display
from landclaims.core.bangla_calendar import BanglaDate, to_bangla
from landclaims.core.forms import LocalDateField, LocalDecimalField, LocalIntegerField
from landclaims.core.templatetags.lc_format import area, area_text, day, digits, moment, num


def render(source: str, **context: object) -> str:
    return Template("{% load lc_format %}" + source).render(Context(context))


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "english", "bangla"),
    [
        (1234567, None, "1,234,567", "১২,৩৪,৫৬৭"),
        (Decimal("1234567.891"), 2, "1,234,567.89", "১২,৩৪,৫৬৭.৮৯"),
        (-1234567, None, "-1,234,567", "-১২,৩৪,৫৬৭"),
        (Decimal("-0.004"), 2, "0.00", "০.০০"),
        (0, None, "0", "০"),
        (999, None, "999", "৯৯৯"),
        (1000, None, "1,000", "১,০০০"),
        (100000, None, "100,000", "১,০০,০০০"),
        (123456789012, None, "123,456,789,012", "১,২৩,৪৫,৬৭,৮৯,০১২"),
        (2.5, None, "2.5", "২.৫"),
        (Decimal("12.345"), 2, "12.35", "১২.৩৫"),  # half up, as people round
        ("7", None, "7", "৭"),
    ],
)
def test_num_groups_in_lakhs_with_bengali_digits_in_bangla_and_western_in_english(
    value, decimals, english, bangla
) -> None:
    with translation.override("en"):
        assert num(value, decimals) == english
    with translation.override("bn"):
        assert num(value, decimals) == bangla


def test_num_leaves_nothing_for_none_and_text_as_it_is() -> None:
    with translation.override("bn"):
        assert num(None) == ""
        assert num("") == ""
        assert num("n/a") == "n/a"
        assert render("{{ n|num:2 }}", n=Decimal("1234.5")) == "১,২৩৪.৫০"


def test_digits_turns_only_the_digits_of_a_reference() -> None:
    with translation.override("bn"):
        assert digits("Writ 364/2017") == "Writ ৩৬৪/২০১৭"
    with translation.override("en"):
        assert digits("364/2017") == "364/2017"


# --- dates ----------------------------------------------------------------------------------


def test_day_names_the_month_in_the_readers_language() -> None:
    with translation.override("en"):
        assert day(date(2024, 5, 12)) == "12 May 2024"
        assert day(date(2024, 5, 12), "l, j F Y") == "Sunday, 12 May 2024"
    with translation.override("bn"):
        assert day(date(2024, 5, 12)) == "১২ মে ২০২৪"
        assert day(None) == ""


def test_moment_shows_dhaka_time() -> None:
    at = datetime(2024, 5, 12, 4, 30, tzinfo=ZoneInfo("UTC"))
    with translation.override("en"):
        assert moment(at) == "12 May 2024, 10:30"
    with translation.override("bn"):
        assert moment(at) == "১২ মে ২০২৪, ১০:৩০"


def test_the_bangla_date_is_shown_beside_whole_dates_only_when_asked() -> None:
    with translation.override("bn"):
        assert day(date(2024, 4, 14)) == "১৪ এপ্রিল ২০২৪"
        with display.override(display.Display(bangla_calendar=True)):
            assert day(date(2024, 4, 14)) == "১৪ এপ্রিল ২০২৪ (১ বৈশাখ ১৪৩১)"
            assert day(date(2024, 4, 14), "F Y") == "এপ্রিল ২০২৪"  # a month heading
    with translation.override("en"), display.override(display.Display(bangla_calendar=True)):
        assert day(date(2024, 12, 16)) == "16 December 2024 (1 Poush 1431)"


# --- the Bangla calendar --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gregorian", "bangla", "text"),
    [
        (date(2024, 4, 14), BanglaDate(1431, 1, 1), "১ বৈশাখ ১৪৩১"),  # Pohela Boishakh
        (date(2024, 4, 13), BanglaDate(1430, 12, 30), "৩০ চৈত্র ১৪৩০"),  # last day of Chaitra
        (date(2025, 4, 13), BanglaDate(1431, 12, 30), "৩০ চৈত্র ১৪৩১"),
        (date(2023, 12, 16), BanglaDate(1430, 9, 1), "১ পৌষ ১৪৩০"),  # Victory Day
        (date(2024, 12, 16), BanglaDate(1431, 9, 1), "১ পৌষ ১৪৩১"),
        (date(2024, 2, 21), BanglaDate(1430, 11, 8), "৮ ফাল্গুন ১৪৩০"),  # Language Movement Day
        (date(2025, 2, 21), BanglaDate(1431, 11, 8), "৮ ফাল্গুন ১৪৩১"),
        (date(2024, 3, 26), BanglaDate(1430, 12, 12), "১২ চৈত্র ১৪৩০"),  # Independence Day
        (date(2025, 3, 26), BanglaDate(1431, 12, 12), "১২ চৈত্র ১৪৩১"),
        (date(2024, 3, 14), BanglaDate(1430, 11, 30), "৩০ ফাল্গুন ১৪৩০"),  # leap year: Falgun 30
        (date(2025, 3, 14), BanglaDate(1431, 11, 29), "২৯ ফাল্গুন ১৪৩১"),  # not leap: 29 days
        (date(2024, 3, 15), BanglaDate(1430, 12, 1), "১ চৈত্র ১৪৩০"),
        (date(2025, 3, 15), BanglaDate(1431, 12, 1), "১ চৈত্র ১৪৩১"),
        (date(2024, 10, 17), BanglaDate(1431, 7, 1), "১ কার্তিক ১৪৩১"),  # after 6 × 31 days
        (date(2024, 5, 14), BanglaDate(1431, 1, 31), "৩১ বৈশাখ ১৪৩১"),
    ],
)
def test_the_revised_bangla_calendar(gregorian, bangla, text) -> None:
    assert to_bangla(gregorian) == bangla
    assert to_bangla(gregorian).format("bn") == text


def test_every_day_of_a_leap_cycle_follows_the_one_before() -> None:
    day_ = date(2023, 4, 14)
    previous = to_bangla(day_)
    while day_ < date(2028, 4, 14):
        day_ = date.fromordinal(day_.toordinal() + 1)
        current = to_bangla(day_)
        if current.day != 1:
            assert (current.year, current.month, current.day) == (
                previous.year,
                previous.month,
                previous.day + 1,
            )
        elif current.month == 1:
            assert (current.year, previous.month) == (previous.year + 1, 12)
        else:
            assert (current.year, current.month) == (previous.year, previous.month + 1)
        previous = current


# --- areas ----------------------------------------------------------------------------------


def test_area_is_shown_in_the_readers_unit_or_the_one_named() -> None:
    one_acre = Decimal("4046.8564224")
    with translation.override("en"):
        assert area(one_acre) == "1.00"  # acres unless the reader chose otherwise
        assert area(one_acre, "decimal") == "100.00"
        with display.override(display.Display(area_unit="decimal")):
            assert area(one_acre) == "100.00"
            assert area(one_acre, "acre") == "1.00"
            assert area_text(one_acre) == "100.00 decimal (shotangsho)"
    with translation.override("bn"), display.override(display.Display(area_unit="bigha")):
        assert area_text(to_m2("3", "bigha")) == "৩.০০ বিঘা"
        assert render("{{ m2|area }} {% area_unit %}", m2=to_m2("20", "katha")) == "১.০০ বিঘা"
        assert area(None) == ""


def test_an_organisations_local_unit_uses_its_local_factor() -> None:
    local = display.Display(area_unit="bigha_local", local_factors={"bigha_local": "1618.74"})
    with translation.override("bn"), display.override(local):
        assert area(Decimal("3237.48")) == "২.০০"
        assert area_text(Decimal("161874")) == "১০০.০০ bigha local"
    # A unit the organisation dropped falls back to acres rather than failing the page.
    with translation.override("en"), display.override(display.Display(area_unit="bigha_local")):
        assert area(Decimal("4046.8564224")) == "1.00"


# --- Bengali digits typed in ----------------------------------------------------------------


def test_number_and_date_fields_take_bengali_digits() -> None:
    assert LocalIntegerField().clean("১২,৩৪৫") == 12345
    assert LocalIntegerField().clean("42") == 42
    assert LocalDecimalField(decimal_places=2).clean("১২.৫০") == Decimal("12.50")
    assert LocalDateField().clean("১২/০৫/২০২৪") == date(2024, 5, 12)
    assert LocalDateField().clean("২০২৪-০৫-১২") == date(2024, 5, 12)
    assert LocalDateField().clean("2024-05-12") == date(2024, 5, 12)
