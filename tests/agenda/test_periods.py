"""Which days a calendar page shows, and where previous and next lead."""

from __future__ import annotations

from datetime import date

from landclaims.agenda.periods import View, in_weeks, period_for


def test_a_week_runs_from_sunday_to_saturday_so_the_court_week_stays_together() -> None:
    period = period_for(View.WEEK, date(2024, 6, 5))  # a Wednesday
    assert (period.start, period.end) == (date(2024, 6, 2), date(2024, 6, 8))
    assert len(period.days) == 7


def test_a_saturday_belongs_to_the_week_that_began_the_sunday_before() -> None:
    period = period_for(View.WEEK, date(2024, 6, 1))
    assert (period.start, period.end) == (date(2024, 5, 26), date(2024, 6, 1))


def test_week_pages_step_by_seven_days() -> None:
    period = period_for(View.WEEK, date(2024, 6, 5))
    assert (period.previous, period.following) == (date(2024, 5, 26), date(2024, 6, 9))


def test_a_day_page_shows_one_day_and_steps_by_one() -> None:
    period = period_for(View.DAY, date(2024, 3, 1))
    assert period.days == [date(2024, 3, 1)]
    assert (period.previous, period.following) == (date(2024, 2, 29), date(2024, 3, 2))


def test_a_month_page_is_the_whole_weeks_around_the_month() -> None:
    period = period_for(View.MONTH, date(2024, 6, 15))
    assert (period.start, period.end) == (date(2024, 5, 26), date(2024, 7, 6))
    weeks = in_weeks(period.days)
    assert len(weeks) == 6
    assert all(len(week) == 7 for week in weeks)


def test_month_pages_step_to_the_first_of_the_neighbouring_months_even_from_the_31st() -> None:
    period = period_for(View.MONTH, date(2024, 1, 31))
    assert (period.previous, period.following) == (date(2023, 12, 1), date(2024, 2, 1))
