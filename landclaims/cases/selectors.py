"""Reads of court cases, hearings and orders, every one starting from what the user may see."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from gis.digits import TO_ASCII, TO_BENGALI
from landclaims.cases import limitation
from landclaims.cases.models import (
    CaseEvent,
    CaseNote,
    CaseParty,
    CaseTask,
    CourtClosure,
    Hearing,
    InterimOrder,
    Lawyer,
    LegalCase,
    LimitationRule,
    order_in_force,
)
from landclaims.claims.models import Claim
from landclaims.core.permissions import CASE_WRITERS, GROUP_NAME_READERS, has_role
from landclaims.core.text import name_contains, normalise_name, normalise_search
from landclaims.groups.models import LandlessGroup, Member
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea

# An order lapsing within this many days is flagged: someone must seek its extension.
ORDER_LAPSE_WARNING_DAYS = 7


def case_list(
    *,
    user: Any,
    case_type: str = "",
    status: str = "",
    district: Any = None,
    court: str = "",
    number: str = "",
    our_role: str = "",
    next_from: date | None = None,
    next_to: date | None = None,
    members_accused: bool = False,
    mine: bool = False,
) -> QuerySet[LegalCase]:
    """Cases the user may see, with their next date (`next_on`, `next_purpose`), soonest first;
    `mine`: only those the user is reminded of or is a lawyer on (see `mine_condition`)."""
    cases = _with_next_hearing(LegalCase.objects.visible_to(user), user).select_related("district")
    # Numbers are stored with ASCII digits; the API passes them as typed.
    number = normalise_search(number)
    exact = {"case_type": case_type, "status": status, "number": number, "our_role": our_role}
    cases = cases.filter(**{field: value for field, value in exact.items() if value})
    if district is not None:
        cases = cases.filter(district=district)
    if court:
        cases = cases.filter(name_contains(("court_name",), court))
    if next_from is not None:
        cases = cases.filter(next_on__gte=next_from)
    if next_to is not None:
        cases = cases.filter(next_on__lte=next_to)
    if members_accused:
        cases = cases.filter(Exists(_members_accused(user)))
    if mine:
        cases = cases.filter(mine_condition(user))
    # Cases without a pending date go last; pk keeps pages stable between requests.
    return cases.order_by(F("next_on").asc(nulls_last=True), "-year", "number", "pk")


def mine_condition(user: Any, case: str = "") -> Q:
    """THE rule for "my cases": I am the person reminded of the case, or one of its lawyers
    is me. `case` is the path to the case from the rows filtered ("case__" for hearings)."""
    lawyer_is_me = Lawyer.objects.filter(cases=OuterRef(f"{case}pk"), user=user)
    return Q(**{f"{case}responsible": user}) | Q(Exists(lawyer_is_me))


def _with_next_hearing(cases: QuerySet[LegalCase], user: Any) -> QuerySet[LegalCase]:
    # A case has at most one scheduled hearing (a database constraint), so [:1] is exact.
    pending = Hearing.objects.visible_to(user).filter(
        case=OuterRef("pk"), status=Hearing.Status.SCHEDULED
    )
    return cases.annotate(
        next_on=Subquery(pending.values("scheduled_on")[:1]),
        next_purpose=Subquery(pending.values("purpose")[:1]),
    )


def _members_accused(user: Any) -> QuerySet[CaseParty]:
    return CaseParty.objects.visible_to(user).filter(
        case=OuterRef("pk"),
        role=CaseParty.PartyRole.ACCUSED,
        side=CaseParty.Side.OURS,
        member__isnull=False,
    )


def case_district_list(*, user: Any) -> QuerySet[AdminArea]:
    """The districts of the cases the user may see, for the list's district filter."""
    districts = LegalCase.objects.visible_to(user).values("district")
    return AdminArea.objects.filter(pk__in=districts).order_by("name_en")


def court_name_list(*, user: Any) -> list[tuple[str, str]]:
    """The courts the user's cases are in: (English name, Bengali name or ""), one per
    English name, in order (a few hundred at most: districts by court kinds)."""
    rows = (
        LegalCase.objects.visible_to(user)
        .values_list("court_name", "court_name_bn")
        .distinct()
        .order_by("court_name", "-court_name_bn")
    )
    courts: dict[str, str] = {}
    for name, name_bn in rows:
        courts.setdefault(name, name_bn)
    return list(courts.items())


def case_get(*, user: Any, pk: int) -> LegalCase:
    return case_list(user=user).get(pk=pk)


class CaseAction(StrEnum):
    """A write that legal staff may make on a case (the API lists them as `next_actions`)."""

    HEARING_SCHEDULE = "hearing_schedule"
    HEARING_HELD = "hearing_held"
    HEARING_ADJOURN = "hearing_adjourn"
    HEARING_MOVE = "hearing_move"
    ORDER_RECORD = "order_record"
    JUDGMENT_RECORD = "judgment_record"


def case_next_actions(
    *, case: LegalCase, next_hearing_on: date | None, today: date
) -> list[CaseAction]:
    """What may be recorded on a case now, given its status and its scheduled hearing (the
    case's one hearing with status scheduled, None when it has none).

    A disposed or withdrawn case takes no more writes. A case without a date gets one fixed;
    a date that has come is held or adjourned; one still ahead may be moved or adjourned.
    Orders and the judgment may come at any time while the case is pending.
    """
    if case.status != LegalCase.Status.PENDING:
        return []
    if next_hearing_on is None:
        on_the_date = [CaseAction.HEARING_SCHEDULE]
    elif next_hearing_on <= today:
        on_the_date = [CaseAction.HEARING_HELD, CaseAction.HEARING_ADJOURN]
    else:
        on_the_date = [CaseAction.HEARING_MOVE, CaseAction.HEARING_ADJOURN]
    return [*on_the_date, CaseAction.ORDER_RECORD, CaseAction.JUDGMENT_RECORD]


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case page shows, each part read within what the user may see."""

    case: LegalCase
    parties_ours: list[CaseParty]
    parties_theirs: list[CaseParty]
    events: list[CaseEvent]
    hearings: list[Hearing]
    scheduled: Hearing | None
    orders_in_force: list[InterimOrder]
    orders_other: list[InterimOrder]
    ancestors: list[LegalCase]  # the case it appeals, that one's parent, ... nearest first
    children: list[LegalCase]
    claims: list[Claim]
    parcels: list[Parcel]
    groups: list[LandlessGroup]
    lawyers: list[Lawyer]
    today: date
    notes: list[CaseNote] = field(default_factory=list)  # newest first
    tasks_open: list[CaseTask] = field(default_factory=list)  # by due date, `overdue` flagged
    tasks_done: list[CaseTask] = field(default_factory=list)
    # Orders a judgment today would end (in force, or not yet in force), for its form.
    orders_open: list[InterimOrder] = field(default_factory=list)


def case_detail(*, user: Any, pk: int) -> CaseDetail:
    """The case page's contents; LegalCase.DoesNotExist when the user may not see the case."""
    case = case_get(user=user, pk=pk)
    parties = case_party_list(user=user, case=case)
    hearings = list(hearing_list_for_case(user=user, case=case))
    orders = list(interim_order_list_for_case(user=user, case=case))
    return CaseDetail(
        case=case,
        parties_ours=[p for p in parties if p.side == CaseParty.Side.OURS],
        parties_theirs=[p for p in parties if p.side == CaseParty.Side.THEIRS],
        events=list(
            CaseEvent.objects.visible_to(user).filter(case=case).order_by("happened_on", "id")
        ),
        hearings=hearings,
        scheduled=next((h for h in hearings if h.status == Hearing.Status.SCHEDULED), None),
        orders_in_force=[o for o in orders if o.in_force],
        orders_other=[o for o in orders if not o.in_force],
        ancestors=case_ancestor_list(user=user, case=case),
        children=list(LegalCase.objects.visible_to(user).filter(parent=case)),
        claims=list(Claim.objects.visible_to(user).filter(cases=case).order_by("pk")),
        parcels=list(case_parcel_list(user=user, case=case)),
        groups=list(case_group_list(user=user, case=case)),
        lawyers=list(Lawyer.objects.visible_to(user).filter(cases=case)),
        today=timezone.localdate(),
        notes=list(case_note_list(user=user, case=case)),
        tasks_open=list(case_task_list_open(user=user, case=case)),
        tasks_done=list(case_task_list_done(user=user, case=case)),
        orders_open=[o for o in orders if _not_ended(o, timezone.localdate())],
    )


def _not_ended(order: InterimOrder, day: date) -> bool:
    # The same as order_not_ended(day), on an order already read with its `in_force` flag.
    return order.vacated_on is None and (order.in_force or order.in_force_from > day)  # type: ignore[attr-defined]


def order_not_ended(day: date) -> Q:
    """An order a judgment of `day` would end: in force that day (THE rule, order_in_force)
    or not yet in force, and not vacated or ended before."""
    return (order_in_force(day) | Q(in_force_from__gt=day)) & Q(vacated_on__isnull=True)


def interim_order_list_open(
    *, user: Any, case: LegalCase, on: date | None = None
) -> QuerySet[InterimOrder]:
    """The case's orders a judgment of `on` (default today) would end: the ones its form
    offers to keep in force."""
    day = on or timezone.localdate()
    return InterimOrder.objects.visible_to(user).filter(case=case).filter(order_not_ended(day))


def interim_order_get(*, user: Any, case: LegalCase, pk: int) -> InterimOrder:
    return InterimOrder.objects.visible_to(user).select_related("case").get(case=case, pk=pk)


def case_note_list(*, user: Any, case: LegalCase) -> QuerySet[CaseNote]:
    """The case's note log, newest first, with who wrote each line."""
    notes = CaseNote.objects.visible_to(user).filter(case=case).select_related("written_by")
    return notes.order_by("-written_on", "-id")


def case_task_list_open(
    *, user: Any, case: LegalCase, on: date | None = None
) -> QuerySet[CaseTask]:
    """The case's open tasks, soonest due first, flagged `overdue` on `on` (default today)."""
    day = on or timezone.localdate()
    overdue = ExpressionWrapper(Q(due_on__lt=day), output_field=BooleanField())
    return (
        CaseTask.objects.visible_to(user)
        .filter(case=case, done_on__isnull=True)
        .select_related("assignee")
        .annotate(overdue=overdue)
        .order_by("due_on", "id")
    )


def case_task_list_done(*, user: Any, case: LegalCase) -> QuerySet[CaseTask]:
    return (
        CaseTask.objects.visible_to(user)
        .filter(case=case, done_on__isnull=False)
        .select_related("assignee")
        .order_by("-done_on", "-id")
    )


def case_task_get(*, user: Any, case: LegalCase, pk: int) -> CaseTask:
    return CaseTask.objects.visible_to(user).select_related("case").get(case=case, pk=pk)


def case_task_list_between(
    *, user: Any, start: date, end: date, mine: bool = False
) -> QuerySet[CaseTask]:
    """Open tasks due between `start` and `end`, for the calendar (`mine`: given to the user
    or in the user's own cases)."""
    tasks = CaseTask.objects.visible_to(user)
    if mine:
        tasks = tasks.filter(Q(assignee=user) | mine_condition(user, case="case__"))
    return (
        tasks.filter(done_on__isnull=True, due_on__range=(start, end))
        .select_related("case", "assignee")
        .order_by("due_on", "id")
    )


def case_task_assignee_list(*, user: Any, case: LegalCase) -> QuerySet[Any]:
    """People a task on the case may be given to: active staff of the case's organisation
    (the service checks each can see the case)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, membership__organisation=case.organisation_id)
        .order_by("username")
    )


def interim_order_list_between(*, user: Any, start: date, end: date) -> QuerySet[InterimOrder]:
    """Orders made, or whose last day falls, between `start` and `end`, for the calendar;
    each flagged `in_force` today (an order vacated since shows as ended)."""
    return (
        interim_order_list_flagged(user=user)
        .filter(Q(made_on__range=(start, end)) | Q(in_force_until__range=(start, end)))
        .select_related("case")
        .order_by("made_on", "id")
    )


def case_party_list(*, user: Any, case: LegalCase) -> list[CaseParty]:
    """Parties with, for members, only their pseudonymous code: the member's row (name, NID,
    phone) is never loaded for this page."""
    parties = CaseParty.objects.visible_to(user).filter(case=case)
    return list(parties.annotate(member_code=F("member__code")))


def hearing_list_for_case(*, user: Any, case: LegalCase) -> QuerySet[Hearing]:
    """All of the case's hearings by date, each with the one it was adjourned from and to."""
    return (
        Hearing.objects.visible_to(user)
        .filter(case=case)
        .select_related("previous", "next_hearing")
        .order_by("scheduled_on", "id")
    )


def interim_order_list_flagged(*, user: Any, on: date | None = None) -> QuerySet[InterimOrder]:
    """Every order the user may see, flagged `in_force` on `on` (default today)."""
    day = on or timezone.localdate()
    flag = ExpressionWrapper(order_in_force(day), output_field=BooleanField())
    return InterimOrder.objects.visible_to(user).annotate(in_force=flag)


def interim_order_list_for_case(
    *, user: Any, case: LegalCase, on: date | None = None
) -> QuerySet[InterimOrder]:
    """The case's orders, flagged `in_force` on `on` (default today) and `lapses_soon`."""
    day = on or timezone.localdate()
    soon = day + timedelta(days=ORDER_LAPSE_WARNING_DAYS)
    lapsing = order_in_force(day) & Q(in_force_until__lte=soon)
    return (
        interim_order_list_flagged(user=user, on=day)
        .filter(case=case)
        .annotate(lapses_soon=ExpressionWrapper(lapsing, output_field=BooleanField()))
        .order_by(F("in_force_until").asc(nulls_last=True), "-made_on", "id")
    )


def case_ancestor_list(*, user: Any, case: LegalCase, limit: int = 10) -> list[LegalCase]:
    """The chain of cases this one appeals or revises, as far up as the user may see."""
    chain: list[LegalCase] = []
    parent_id = case.parent_id
    while parent_id is not None and len(chain) < limit:
        parent = LegalCase.objects.visible_to(user).filter(pk=parent_id).first()
        if parent is None:
            break
        chain.append(parent)
        parent_id = parent.parent_id
    return chain


def case_parcel_list(*, user: Any, case: LegalCase) -> QuerySet[Parcel]:
    """Parcels linked to the case directly or through its claims."""
    through_claims = Claim.objects.visible_to(user).filter(cases=case).values("parcels")
    return (
        Parcel.objects.visible_to(user)
        .filter(Q(cases=case) | Q(pk__in=through_claims))
        .distinct()
        .select_related("mouza")
        .prefetch_related("dags")
    )


def case_group_list(*, user: Any, case: LegalCase) -> QuerySet[LandlessGroup]:
    """The landless groups behind the case's claims."""
    through_claims = Claim.objects.visible_to(user).filter(cases=case).values("groups")
    return (
        LandlessGroup.objects.visible_to(user)
        .filter(pk__in=through_claims)
        .select_related("village")
    )


def hearing_get(*, user: Any, case: LegalCase, pk: int) -> Hearing:
    return Hearing.objects.visible_to(user).select_related("case").get(case=case, pk=pk)


def hearing_list_between(
    *, user: Any, start: date, end: date, mine: bool = False
) -> QuerySet[Hearing]:
    hearings = Hearing.objects.visible_to(user).filter(scheduled_on__range=(start, end))
    if mine:
        hearings = hearings.filter(mine_condition(user, case="case__"))
    return hearings.select_related("case").order_by("scheduled_on", "case__court_name")


def interim_order_list_in_force(*, user: Any, on: date | None = None) -> QuerySet[InterimOrder]:
    day = on or timezone.localdate()
    return InterimOrder.objects.visible_to(user).in_force(day)


def interim_order_list_freezing(*, user: Any, today: date) -> QuerySet[InterimOrder]:
    """Stays, status quo orders and injunctions in force on `today`."""
    return InterimOrder.objects.visible_to(user).freezing().in_force(today)


def case_list_with_freezing_order(*, user: Any, today: date) -> QuerySet[LegalCase]:
    """Cases with a stay, status quo order or injunction in force on `today`."""
    orders = interim_order_list_freezing(user=user, today=today)
    return LegalCase.objects.visible_to(user).filter(pk__in=orders.values("case"))


def under_freezing_order(*, user: Any, today: date) -> Q:
    """A Parcel condition: a stay, status quo order or injunction in force covers the parcel,
    directly or through a claim the case concerns."""
    cases = case_list_with_freezing_order(user=user, today=today)
    through_claims = Claim.objects.visible_to(user).filter(cases__in=cases, parcels__isnull=False)
    # One IN over a UNION lets PostgreSQL start from the few parcels under an order. No NULL
    # may enter the list (a case with no parcel of its own): `id IN (..., NULL)` is NULL, not
    # false, and a parcel would be neither frozen nor free in exports and tiles.
    direct = cases.filter(parcels__isnull=False).values("parcels")
    return Q(pk__in=direct.union(through_claims.values("parcels")))


# --- Limitation deadlines (the computation is in cases/limitation.py) ----------------------

# Beyond the longest period in the table, the days a judgment may still have a deadline
# ahead: time awaiting a certified copy (s.12(2)) and a last day moved off closed days (s.4).
# A copy awaited longer than this drops out of the calendar and the reminders, not off the
# case page.
DEADLINE_MARGIN_DAYS = 120
# The events the computation reads.
_LIMITATION_EVENTS = (
    CaseEvent.Kind.JUDGMENT,
    CaseEvent.Kind.CONVICTED,
    CaseEvent.Kind.ACQUITTED,
    CaseEvent.Kind.CERTIFIED_COPY_APPLIED,
    CaseEvent.Kind.CERTIFIED_COPY_RECEIVED,
)
_DECIDED = (LegalCase.Status.DISPOSED, LegalCase.Status.ON_APPEAL)


@dataclass(frozen=True)
class Deadline:
    """The last day for one remedy against one case's judgment."""

    case: LegalCase
    rule: LimitationRule
    decided_on: date
    period: limitation.Period
    status: limitation.Status
    days_left: int  # 0 on the last day, negative after it
    filed: LegalCase | None  # the appeal or revision that met it, when the reader may see it

    @property
    def last_day(self) -> date:
        return self.period.last_day

    @property
    def days_over(self) -> int:
        """Days since a missed last day."""
        return -self.days_left

    @property
    def missed(self) -> bool:
        return self.status == limitation.Status.MISSED

    @property
    def met(self) -> bool:
        return self.status == limitation.Status.MET


def case_deadline_list(*, user: Any, case: LegalCase) -> list[Deadline]:
    """The case's deadlines to appeal or revise its judgment, open, met and missed alike."""
    cases = LegalCase.objects.visible_to(user).filter(pk=case.pk)
    return deadlines_for_cases(
        cases, children=LegalCase.objects.visible_to(user), today=timezone.localdate()
    )


def deadline_list_upcoming(
    *, user: Any, start: date, end: date, today: date | None = None, mine: bool = False
) -> list[Deadline]:
    """Deadlines whose last day falls between `start` and `end`, in the cases the user may see
    (`mine`: in the user's own cases, see `mine_condition`).

    Bounded: only disposed cases (or cases on appeal) whose judgment is recent enough to have
    a last day on or after `start` are read."""
    cases = decided_since(LegalCase.objects.visible_to(user), start=start)
    if mine:
        cases = cases.filter(mine_condition(user))
    found = deadlines_for_cases(
        cases, children=LegalCase.objects.visible_to(user), today=today or timezone.localdate()
    )
    return [deadline for deadline in found if start <= deadline.last_day <= end]


def decided_since(cases: QuerySet[LegalCase], *, start: date) -> QuerySet[LegalCase]:
    """Disposed cases whose judgment may still have a deadline on or after `start`."""
    longest = LimitationRule.objects.filter(active=True).aggregate(n=Max("days"))["n"] or 0
    earliest = start - timedelta(days=longest + DEADLINE_MARGIN_DAYS)
    judged = CaseEvent.objects.filter(
        case=OuterRef("pk"), kind=CaseEvent.Kind.JUDGMENT, happened_on__gte=earliest
    )
    return cases.filter(status__in=_DECIDED).filter(Exists(judged))


def deadlines_for_cases(
    cases: QuerySet[LegalCase], *, children: QuerySet[LegalCase], today: date
) -> list[Deadline]:
    """Every applicable rule's deadline for each case with a judgment, by last day.

    `children` is where an appeal or revision filed against one of the cases is looked for
    (the reader's visible cases; all cases for the reminder job)."""
    rules: dict[str, list[LimitationRule]] = defaultdict(list)
    for rule in LimitationRule.objects.filter(active=True).order_by("days", "pk"):
        rules[rule.case_type].append(rule)
    events = CaseEvent.objects.filter(kind__in=_LIMITATION_EVENTS).order_by("happened_on", "id")
    decided = list(
        cases.filter(case_type__in=list(rules), status__in=_DECIDED)
        .select_related("responsible", "district")
        .prefetch_related(Prefetch("events", queryset=events, to_attr="limitation_events"))
    )
    decided = [case for case in decided if _judgment_on(case) is not None]
    if not decided:
        return []
    filed: dict[int, list[LegalCase]] = defaultdict(list)
    for child in children.filter(parent__in=[case.pk for case in decided]).order_by("pk"):
        filed[child.parent_id].append(child)
    first = min(on for case in decided if (on := _judgment_on(case)) is not None)
    closures = set(CourtClosure.objects.filter(on__gt=first).values_list("on", flat=True))
    found = [
        _deadline(case, rule, filed[case.pk], closures, today)
        for case in decided
        for rule in _rules_for(case, rules[case.case_type])
    ]
    return sorted(found, key=lambda d: (d.last_day, d.case.pk, d.rule.pk))


def _judgment_on(case: LegalCase) -> date | None:
    judgments = [e for e in case.limitation_events if e.kind == CaseEvent.Kind.JUDGMENT]  # type: ignore[attr-defined]
    return judgments[-1].happened_on if judgments else None


def _rules_for(case: LegalCase, rules: Iterable[LimitationRule]) -> list[LimitationRule]:
    """The rules for the case's forum and decision. A rule for a conviction or an acquittal
    applies when the case records that decision, or records neither (both are shown then)."""
    kinds = {e.kind for e in case.limitation_events}  # type: ignore[attr-defined]
    decisions = kinds & {CaseEvent.Kind.CONVICTED, CaseEvent.Kind.ACQUITTED}
    return [
        rule
        for rule in rules
        if rule.forum_level in ("", case.forum_level)
        and (not rule.decision or not decisions or rule.decision in decisions)
    ]


def _deadline(
    case: LegalCase,
    rule: LimitationRule,
    children: list[LegalCase],
    closures: set[date],
    today: date,
) -> Deadline:
    decided_on = _judgment_on(case)
    assert decided_on is not None
    applied = _first_event(case, CaseEvent.Kind.CERTIFIED_COPY_APPLIED, after=decided_on)
    received = (
        _first_event(case, CaseEvent.Kind.CERTIFIED_COPY_RECEIVED, after=applied)
        if applied is not None
        else None
    )
    counted = limitation.period(
        decided_on=decided_on,
        days=rule.days,
        today=today,
        closures=closures,
        copy_time_excluded=rule.copy_time_excluded,
        copy_applied_on=applied,
        copy_received_on=received,
    )
    # Met when a case of the remedy's type was filed against this one.
    filed = next((c for c in children if c.case_type == rule.remedy_case_type), None)
    return Deadline(
        case=case,
        rule=rule,
        decided_on=decided_on,
        period=counted,
        status=limitation.status(last_day=counted.last_day, today=today, met=filed is not None),
        days_left=limitation.days_left(last_day=counted.last_day, today=today),
        filed=filed,
    )


def _first_event(case: LegalCase, kind: str, *, after: date) -> date | None:
    """The date of the case's first event of `kind` on or after `after` (a copy applied for
    before the judgment was a copy of something else)."""
    events = case.limitation_events  # type: ignore[attr-defined]
    return next((e.happened_on for e in events if e.kind == kind and e.happened_on >= after), None)


@dataclass(frozen=True)
class PartyConflict:
    """A party of another case of the organisation with the same name as one being added."""

    name: str  # as typed
    case: LegalCase
    side: str  # the party's side in that other case
    role_label: str

    @property
    def side_label(self) -> str:
        return str(CaseParty.Side(self.side).label)


CONFLICTS_SHOWN = 50


def case_party_conflicts(
    *, user: Any, names: Iterable[str], exclude_case: LegalCase | None = None
) -> list[PartyConflict]:
    """Other cases the user may see where a party has one of `names`, compared as the
    organisation writes them: any letter case, spacing or digit set (Bengali or ASCII).

    Shown before a party is saved: a name on our side here that is on the other side of
    another case (or the other way round) is the classic conflict."""
    wanted: dict[str, str] = {}
    for typed in names:
        name = normalise_name(typed)
        if name:
            for form in (name, name.translate(TO_ASCII), name.translate(TO_BENGALI)):
                wanted.setdefault(form.casefold(), typed.strip())
    if not wanted:
        return []
    match = Q()
    for form in wanted:
        match |= Q(name__iexact=form)
    parties = CaseParty.objects.visible_to(user).filter(match, member__isnull=True)
    if exclude_case is not None:
        parties = parties.exclude(case=exclude_case)
    rows = parties.select_related("case").order_by("case__year", "case__number", "id")
    return [
        PartyConflict(
            name=wanted.get(party.name.casefold(), party.name),
            case=party.case,
            side=party.side,
            role_label=str(party.get_role_display()),
        )
        for party in rows[:CONFLICTS_SHOWN]
    ]


def lawyer_list(*, user: Any) -> QuerySet[Lawyer]:
    """The organisation's lawyer directory."""
    return Lawyer.objects.visible_to(user).select_related("user").order_by("name", "pk")


def lawyer_get(*, user: Any, pk: int) -> Lawyer:
    return lawyer_list(user=user).get(pk=pk)


def case_party_get(*, user: Any, case: LegalCase, pk: int) -> CaseParty:
    return CaseParty.objects.visible_to(user).get(case=case, pk=pk)


def member_by_code(*, user: Any, code: str) -> Member:
    """The member with pseudonymous `code` among those the user may see (codes are unique
    within a group): Member.DoesNotExist when none, MultipleObjectsReturned when several.
    Only the code columns are loaded: nobody's name is decrypted."""
    if not has_role(user, GROUP_NAME_READERS):
        raise Member.DoesNotExist
    members = Member.objects.visible_to(user).filter(code__iexact=normalise_search(code))
    return members.select_related("group").only("pk", "code", "group__organisation_id").get()


def case_claim_candidates(
    *, user: Any, claim: int | None = None, parcel: int | None = None, group: int | None = None
) -> QuerySet[Claim]:
    """The claims offered when a case is opened from a claim's, parcel's or group's page."""
    claims = Claim.objects.visible_to(user)
    if claim is not None:
        return claims.filter(pk=claim)
    if parcel is not None:
        return claims.filter(parcels=parcel).order_by("pk")
    if group is not None:
        return claims.filter(groups=group).order_by("pk")
    return claims.none()


def case_responsible_choices(*, organisation_id: int | None) -> QuerySet[Any]:
    """The people a case's reminders may go to: the organisation's legal staff and
    administrators."""
    return (
        get_user_model()
        .objects.filter(
            membership__organisation_id=organisation_id,
            membership__role__in=CASE_WRITERS,
            is_active=True,
        )
        .order_by("username")
    )


def organisation_users(*, organisation_id: int | None) -> QuerySet[Any]:
    """Accounts of the organisation, for linking a lawyer to the person who signs in."""
    return (
        get_user_model()
        .objects.filter(membership__organisation_id=organisation_id, is_active=True)
        .order_by("username")
    )
