"""Reads for the calendar, the cause list, the feed and the reminders.

Everything a person sees starts from `visible_to(user)`. The two reads for the reminder job
(`hearing_list_due_on`, `interim_order_list_expiring`) run for no one in particular; the
service then keeps, for each recipient, only what that recipient may be told.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import Length

from landclaims.agenda.models import CalendarToken
from landclaims.agenda.periods import Period
from landclaims.cases.models import CaseTask, Hearing, InterimOrder, order_in_force
from landclaims.cases.selectors import case_task_list_between, hearing_list_between

# How far back and ahead the calendar feed reaches.
FEED_DAYS_BACK = 60
FEED_DAYS_AHEAD = 365


@dataclass(frozen=True)
class AgendaDay:
    day: date
    hearings: list[Hearing]
    orders_made: list[InterimOrder] = field(default_factory=list)
    orders_lapsing: list[InterimOrder] = field(default_factory=list)  # their last day in force
    tasks: list[CaseTask] = field(default_factory=list)  # open tasks due that day

    @property
    def empty(self) -> bool:
        return not (self.hearings or self.orders_made or self.orders_lapsing or self.tasks)


def agenda_days(*, user: Any, period: Period) -> list[AgendaDay]:
    """Every day of the period, each with what the user may see on it, empty days too: the
    hearings, the interim orders made, the orders whose last day in force it is, and the
    open tasks due."""
    by_day: dict[date, list[Hearing]] = defaultdict(list)
    hearings = hearing_list_between(user=user, start=period.start, end=period.end)
    # Stable within a court and day, so the page does not reshuffle between visits.
    for hearing in hearings.order_by("scheduled_on", "case__court_name", "case__year", "id"):
        by_day[hearing.scheduled_on].append(hearing)
    made: dict[date, list[InterimOrder]] = defaultdict(list)
    for order in interim_order_list_made_between(user=user, start=period.start, end=period.end):
        made[order.made_on].append(order)
    lapsing: dict[date, list[InterimOrder]] = defaultdict(list)
    for order in interim_order_list_lapsing_between(user=user, start=period.start, end=period.end):
        lapsing[order.in_force_until].append(order)
    tasks: dict[date, list[CaseTask]] = defaultdict(list)
    for task in case_task_list_between(user=user, start=period.start, end=period.end):
        tasks[task.due_on].append(task)
    return [
        AgendaDay(day, by_day.get(day, []), made[day], lapsing[day], tasks[day])
        for day in period.days
    ]


def interim_order_list_made_between(*, user: Any, start: date, end: date) -> QuerySet[InterimOrder]:
    return (
        InterimOrder.objects.visible_to(user)
        .filter(made_on__range=(start, end))
        .select_related("case")
        .order_by("made_on", "case__court_name", "id")
    )


def in_force_on_last_day() -> Any:
    """An order still in force on its own last day (THE rule, order_in_force, read on the
    day of `in_force_until`): it lapses then, unless it was vacated or ended before."""
    return order_in_force(F("in_force_until"))  # type: ignore[arg-type]


def interim_order_list_lapsing_between(
    *, user: Any, start: date, end: date
) -> QuerySet[InterimOrder]:
    """Orders whose last day in force falls between `start` and `end` (vacated ones and those
    ended by a judgment before it no longer lapse: they ended)."""
    return (
        InterimOrder.objects.visible_to(user)
        .filter(in_force_until__range=(start, end))
        .filter(in_force_on_last_day())
        .select_related("case")
        .order_by("in_force_until", "case__court_name", "id")
    )


@dataclass
class CourtListing:
    court_name: str
    bench: str
    district: str
    hearings: list[Hearing] = field(default_factory=list)


@dataclass(frozen=True)
class CauseList:
    day: date
    courts: list[CourtListing]

    @property
    def hearing_count(self) -> int:
        return sum(len(court.hearings) for court in self.courts)


def cause_list_for(*, user: Any, day: date) -> CauseList:
    """The day's hearings, court by court (district, court, bench), cases by year and number."""
    hearings = (
        Hearing.objects.visible_to(user)
        .filter(scheduled_on=day)
        .select_related("case", "case__district")
        .order_by(
            "case__district__name_en",
            "case__court_name",
            "case__bench",
            "case__year",
            # Numbers are text: the shorter one first puts 9 before 12.
            Length("case__number"),
            "case__number",
            "id",
        )
    )
    courts: dict[tuple[int, str, str], CourtListing] = {}
    for hearing in hearings:
        case = hearing.case
        key = (case.district_id, case.court_name, case.bench)
        if key not in courts:
            courts[key] = CourtListing(case.court_name, case.bench, str(case.district.name_en))
        courts[key].hearings.append(hearing)
    return CauseList(day=day, courts=list(courts.values()))


def hearing_list_for_feed(*, user: Any, today: date) -> QuerySet[Hearing]:
    """The latest date of every hearing series within the feed's window.

    "Latest" is decided over the whole series before the window is applied, so a series
    adjourned beyond the window does not fall back to showing its stale earlier date.
    """
    # Unscoped on purpose: a series never leaves its case, so it is visible when its row is.
    later = Hearing.objects.filter(series=OuterRef("series"), sequence__gt=OuterRef("sequence"))
    return (
        Hearing.objects.visible_to(user)
        .filter(
            scheduled_on__range=(
                today - timedelta(days=FEED_DAYS_BACK),
                today + timedelta(days=FEED_DAYS_AHEAD),
            )
        )
        .filter(~Exists(later))
        .select_related("case")
        .order_by("scheduled_on", "id")
    )


def calendar_token_get(*, user: Any) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user).first()


def calendar_token_owner(*, token: str) -> Any | None:
    """The active person whose live token this is, or None (unknown, revoked, inactive)."""
    if not token:
        return None
    found = (
        CalendarToken.objects.filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    return found.user if found else None


def hearing_list_due_on(*, day: date) -> QuerySet[Hearing]:
    """Scheduled hearings on `day`, for the reminder job (not scoped: see the module doc)."""
    return (
        Hearing.objects.filter(scheduled_on=day, status=Hearing.Status.SCHEDULED)
        .select_related("case", "case__responsible")
        .prefetch_related("case__lawyers__user")
        .order_by("scheduled_on", "case__court_name", "id")
    )


def interim_order_list_expiring(*, start: date, end: date) -> QuerySet[InterimOrder]:
    """Protective orders in force on `start` (THE rule, order_in_force) whose last day falls
    between `start` and `end`."""
    return (
        InterimOrder.objects.freezing()
        .in_force(start)
        .filter(in_force_until__range=(start, end))
        .select_related("case", "case__responsible")
        .prefetch_related("case__lawyers__user")
        .order_by("in_force_until", "id")
    )


def interim_order_list_for_feed(*, user: Any, today: date) -> QuerySet[InterimOrder]:
    """Orders whose last day in force is within the feed's window."""
    return interim_order_list_lapsing_between(
        user=user,
        start=today - timedelta(days=FEED_DAYS_BACK),
        end=today + timedelta(days=FEED_DAYS_AHEAD),
    )


def case_task_list_for_feed(*, user: Any, today: date) -> QuerySet[CaseTask]:
    """The user's own open tasks due within the feed's window."""
    return case_task_list_between(
        user=user,
        start=today - timedelta(days=FEED_DAYS_BACK),
        end=today + timedelta(days=FEED_DAYS_AHEAD),
    ).filter(assignee=user)


def case_task_list_to_remind(*, today: date) -> QuerySet[CaseTask]:
    """Open tasks due tomorrow or overdue, with their assignee, for the reminder job (not
    scoped: the service tells each assignee only about tasks of cases they may see)."""
    return (
        CaseTask.objects.filter(done_on__isnull=True, assignee__isnull=False)
        .filter(due_on__lte=today + timedelta(days=1))
        .exclude(due_on=today)
        .select_related("case", "assignee")
        .order_by("due_on", "id")
    )
