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

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.db.models.functions import Length
from django.utils.translation import get_language

from landclaims.agenda.models import CalendarToken
from landclaims.agenda.periods import Period
from landclaims.cases.models import (
    CaseParty,
    CaseTask,
    Hearing,
    InterimOrder,
    LegalCase,
    order_in_force,
)
from landclaims.cases.selectors import (
    Deadline,
    case_task_list_between,
    deadline_list_upcoming,
    deadlines_for_cases,
    decided_since,
    hearing_list_between,
    mine_condition,
)

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
    # Last days to appeal or revise falling on this day (open, met and missed alike).
    deadlines: list[Deadline] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.hearings or self.orders_made or self.orders_lapsing or self.tasks or self.deadlines
        )


def agenda_days(*, user: Any, period: Period, mine: bool = False) -> list[AgendaDay]:
    """Every day of the period, each with what the user may see on it (`mine`: in the user's
    own cases), empty days too: the hearings, the interim orders made, the orders whose last
    day in force it is, the open tasks due and the last days to appeal or revise."""
    by_day: dict[date, list[Hearing]] = defaultdict(list)
    hearings = hearing_list_between(user=user, start=period.start, end=period.end, mine=mine)
    # Stable within a court and day, so the page does not reshuffle between visits.
    for hearing in hearings.order_by("scheduled_on", "case__court_name", "case__year", "id"):
        by_day[hearing.scheduled_on].append(hearing)
    window = {"user": user, "start": period.start, "end": period.end, "mine": mine}
    made: dict[date, list[InterimOrder]] = defaultdict(list)
    for order in interim_order_list_made_between(**window):
        made[order.made_on].append(order)
    lapsing: dict[date, list[InterimOrder]] = defaultdict(list)
    for order in interim_order_list_lapsing_between(**window):
        lapsing[order.in_force_until].append(order)
    tasks: dict[date, list[CaseTask]] = defaultdict(list)
    for task in case_task_list_between(**window):
        tasks[task.due_on].append(task)
    deadlines: dict[date, list[Deadline]] = defaultdict(list)
    for deadline in deadline_list_upcoming(**window):
        deadlines[deadline.last_day].append(deadline)
    return [
        AgendaDay(
            day,
            by_day.get(day, []),
            orders_made=made[day],
            orders_lapsing=lapsing[day],
            tasks=tasks[day],
            deadlines=deadlines[day],
        )
        for day in period.days
    ]


def _orders(user: Any, mine: bool) -> QuerySet[InterimOrder]:
    orders = InterimOrder.objects.visible_to(user)
    return orders.filter(mine_condition(user, case="case__")) if mine else orders


def interim_order_list_made_between(
    *, user: Any, start: date, end: date, mine: bool = False
) -> QuerySet[InterimOrder]:
    return (
        _orders(user, mine)
        .filter(made_on__range=(start, end))
        .select_related("case")
        .order_by("made_on", "case__court_name", "id")
    )


def in_force_on_last_day() -> Any:
    """An order still in force on its own last day (THE rule, order_in_force, read on the
    day of `in_force_until`): it lapses then, unless it was vacated or ended before."""
    return order_in_force(F("in_force_until"))  # type: ignore[arg-type]


def interim_order_list_lapsing_between(
    *, user: Any, start: date, end: date, mine: bool = False
) -> QuerySet[InterimOrder]:
    """Orders whose last day in force falls between `start` and `end` (vacated ones and those
    ended by a judgment before it no longer lapse: they ended)."""
    return (
        _orders(user, mine)
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


def cause_list_for(*, user: Any, day: date, mine: bool = False) -> CauseList:
    """The day's hearings, court by court (district, court, bench), cases by year and number,
    each with its parties, our lawyers and the date it was adjourned from (`previous`)."""
    hearings = Hearing.objects.visible_to(user).filter(scheduled_on=day)
    if mine:
        hearings = hearings.filter(mine_condition(user, case="case__"))
    parties = CaseParty.objects.visible_to(user).annotate(member_code=F("member__code"))
    hearings = (
        hearings.select_related("case", "case__district", "previous")
        .prefetch_related(Prefetch("case__parties", queryset=parties), "case__lawyers")
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
        _describe_parties(hearing)
        key = (case.district_id, case.court_name, case.bench)
        if key not in courts:
            # The reader's language: the court's and district's Bengali names where known.
            district = case.district
            bangla = (get_language() or "").startswith("bn") and district.name_bn
            courts[key] = CourtListing(
                case.court, case.bench, str(district.name_bn if bangla else district.name_en)
            )
        courts[key].hearings.append(hearing)
    return CauseList(day=day, courts=list(courts.values()))


def _describe_parties(hearing: Hearing) -> None:
    """The lines a cause list prints for a hearing's case: each side's parties (a member by
    code, never by name) and our lawyers."""
    parties = hearing.case.parties.all()

    def side(which: str) -> str:
        return ", ".join(
            p.member_code if p.member_id else p.name for p in parties if p.side == which
        )

    hearing.parties_ours = side(CaseParty.Side.OURS)  # type: ignore[attr-defined]
    hearing.parties_theirs = side(CaseParty.Side.THEIRS)  # type: ignore[attr-defined]
    lawyers = ", ".join(lawyer.name for lawyer in hearing.case.lawyers.all())
    hearing.our_lawyers = lawyers  # type: ignore[attr-defined]


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


def deadline_list_for_feed(*, user: Any, today: date) -> list[Deadline]:
    """Last days to appeal or revise within the feed's window."""
    return deadline_list_upcoming(
        user=user,
        start=today - timedelta(days=FEED_DAYS_BACK),
        end=today + timedelta(days=FEED_DAYS_AHEAD),
        today=today,
    )


def deadline_list_due(*, today: date, lead_days: tuple[int, ...]) -> list[Deadline]:
    """Open deadlines whose last day is exactly `lead_days` away, for the reminder job (not
    scoped: see the module doc)."""
    cases = decided_since(LegalCase.objects.all(), start=today)
    found = deadlines_for_cases(cases, children=LegalCase.objects.all(), today=today)
    return [d for d in found if not d.met and not d.missed and d.days_left in lead_days]


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
