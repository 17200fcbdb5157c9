"""The last day to appeal or revise: pure computation over dates, no database, no HTTP.

How a period is counted (Limitation Act 1908, as it stands in Bangladesh):

- s.12(1): the day of the decision is excluded; a 30-day period from a judgment of 1 March
  ends on 31 March.
- s.12(2): where the rule says so, the time requisite for obtaining a certified copy of the
  decision is excluded: the days from the application for the copy to the day it was
  received (`received - applied` days). Only an application made before the period ran out
  counts, and one made before the decision counts from the decision. While a copy is
  applied for and not yet received, the period stands still: the last day shown is the
  earliest it can be, and it moves one day later for every day the copy is awaited.
- s.4: when the last day falls on a day the court is closed, the remedy may be filed on the
  day it reopens. Closed days are the weekly holidays (WEEKLY_HOLIDAYS) and the court
  closures administrators record (public holidays, vacations).
- s.5 (condonation of delay, "sufficient cause") is for the court to grant; it is never
  computed here, and a missed deadline stays missed.

Every other day counts: holidays inside the period are not excluded, only a closed last day
moves (s.4 speaks of the day the period expires).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# The courts sit Sunday to Thursday: Friday and Saturday are the Government's weekly
# holidays (since September 2009), on which the Supreme Court and the subordinate courts are
# closed. Public holidays and vacations are CourtClosure rows.
FRIDAY, SATURDAY = 4, 5
WEEKLY_HOLIDAYS = frozenset({FRIDAY, SATURDAY})


class Status(StrEnum):
    OPEN = "open"  # the last day has not passed and the remedy is not filed
    MET = "met"  # the remedy was filed (a case appealing or revising this one exists)
    MISSED = "missed"  # the last day passed with nothing filed: flagged, never hidden


@dataclass(frozen=True)
class Period:
    last_day: date
    # The s.12(2) days added for the certified copy, and whether it is still awaited.
    copy_days: int
    copy_pending: bool
    # The last day before s.4 moved it off a closed day (equal to last_day when it did not).
    expires_on: date

    @property
    def moved(self) -> bool:
        return self.expires_on != self.last_day


def is_closed(day: date, closures: Collection[date]) -> bool:
    return day.weekday() in WEEKLY_HOLIDAYS or day in closures


def next_open_day(day: date, closures: Collection[date]) -> date:
    """`day` itself when the courts sit on it, else the day they reopen (s.4)."""
    while is_closed(day, closures):
        day += timedelta(days=1)
    return day


def period(
    *,
    decided_on: date,
    days: int,
    today: date,
    closures: Collection[date] = (),
    copy_time_excluded: bool = False,
    copy_applied_on: date | None = None,
    copy_received_on: date | None = None,
) -> Period:
    """The last day for a remedy of `days` from a decision on `decided_on`."""
    if days <= 0:
        raise ValueError("A limitation period has at least one day.")
    plain_end = decided_on + timedelta(days=days)  # s.12(1): the decision day not counted
    copy_days, pending = 0, False
    if copy_time_excluded and copy_applied_on is not None:
        applied = max(copy_applied_on, decided_on)
        if applied <= plain_end:
            if copy_received_on is not None and copy_received_on >= applied:
                copy_days = (copy_received_on - applied).days
            else:
                pending = True
                copy_days = max((today - applied).days, 0)
    expires_on = plain_end + timedelta(days=copy_days)
    return Period(
        last_day=next_open_day(expires_on, closures),
        copy_days=copy_days,
        copy_pending=pending,
        expires_on=expires_on,
    )


def status(*, last_day: date, today: date, met: bool) -> Status:
    if met:
        return Status.MET
    return Status.MISSED if today > last_day else Status.OPEN


def days_left(*, last_day: date, today: date) -> int:
    """0 on the last day itself; negative once it has passed."""
    return (last_day - today).days
