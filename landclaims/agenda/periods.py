"""The day, week or month a calendar page shows, and the pages before and after it."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# Courts sit Sunday to Thursday and the weekend is Friday and Saturday, so a week that
# starts on Sunday keeps the court week together with the weekend at its end.
FIRST_WEEKDAY = calendar.SUNDAY


class View(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class Period:
    view: View
    anchor: date  # the date asked for
    start: date  # first day shown
    end: date  # last day shown, inclusive
    previous: date  # an anchor for the page before
    following: date  # an anchor for the page after

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]


def period_for(view: View, anchor: date) -> Period:
    if view == View.DAY:
        return _day(anchor)
    if view == View.MONTH:
        return _month(anchor)
    return _week(anchor)


def in_weeks[T](days: list[T]) -> list[list[T]]:
    """Days (from a period's first day) in rows of seven, for a month grid."""
    return [days[n : n + 7] for n in range(0, len(days), 7)]


def week_start(day: date) -> date:
    return day - timedelta(days=(day.weekday() - FIRST_WEEKDAY) % 7)


def _day(anchor: date) -> Period:
    return Period(
        View.DAY,
        anchor,
        anchor,
        anchor,
        anchor - timedelta(days=1),
        anchor + timedelta(days=1),
    )


def _week(anchor: date) -> Period:
    start = week_start(anchor)
    return Period(
        View.WEEK,
        anchor,
        start,
        start + timedelta(days=6),
        start - timedelta(days=7),
        start + timedelta(days=7),
    )


def _month(anchor: date) -> Period:
    """The whole weeks that hold the month, so the page is a grid of full rows."""
    first = anchor.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    following = last + timedelta(days=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    start = week_start(first)
    end = week_start(last) + timedelta(days=6)
    return Period(View.MONTH, anchor, start, end, previous, following)
