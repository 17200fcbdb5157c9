"""The dashboard's "Groups and their work": savings, people's cooperatives, training, public
action and watchdog checks, seats on public bodies. Figures only, no names.

Every figure counts through `selectors.counted` (what the user may count: a network's
partners' records too; the chosen organisation; the chosen area by each model's `in_area`)
and honours the date range by each record's own date (`WORK_DATE_FIELDS`). What is about the
present (savings balance, land farmed, seats held) is taken on the last day of the range, or
today when the range has no end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, IntegerField, Max, Q, QuerySet, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from landclaims.actions.models import Action, SafetyNetCheck
from landclaims.cooperatives.models import (
    Cooperative,
    CooperativeLand,
    CooperativeShare,
    Production,
)
from landclaims.dashboard.counting import DashboardFilters, counted
from landclaims.groups.models import LandlessGroup, Member
from landclaims.representation.models import Seat
from landclaims.savings.models import SavingsEntry
from landclaims.training.models import TIER_ORDER, GroupAttendance, TrainingEvent

TREND_MONTHS = 12
# Which date of each record the date range applies to.
WORK_DATE_FIELDS = {
    "savings": "meeting__met_on",
    "trainings": "started_on",
    "actions": "took_place_on",
    "safety_net_checks": "checked_on",
    "production": "year",
}
SEX_LABELS = {
    LandlessGroup.Sex.WOMEN: _("Women's groups"),
    LandlessGroup.Sex.MEN: _("Men's groups"),
}


def _in_range[Q_: QuerySet[Any]](records: Q_, column: str, filters: DashboardFilters) -> Q_:
    if filters.start is not None:
        records = records.filter(**{f"{column}__gte": filters.start})
    if filters.end is not None:
        records = records.filter(**{f"{column}__lte": filters.end})
    return records


def _sum(column: str, condition: Q) -> Sum:
    return Sum(column, filter=condition, default=0)


# Savings ------------------------------------------------------------------------------------

COLLECTION = Q(kind=SavingsEntry.Kind.COLLECTION)
CASH, RICE = Q(form=SavingsEntry.Form.CASH), Q(form=SavingsEntry.Form.RICE)


@dataclass(frozen=True)
class SavingsRow:
    key: str  # "women", "men" or "all"
    label: Any
    saving_groups: int  # groups with a collection in the date range
    balance_poisha: int  # every entry up to the day the figures are about
    cash_poisha: int  # collected in cash in the date range
    rice_kg: Decimal  # rice collected in the date range
    rice_poisha: int  # what that rice sold for
    withdrawn_poisha: int
    invested_poisha: int


@dataclass(frozen=True)
class SavingsMonth:
    month: date
    cash_poisha: int
    rice_poisha: int

    @property
    def total_poisha(self) -> int:
        return self.cash_poisha + self.rice_poisha


@dataclass(frozen=True)
class SavingsFigures:
    rows: list[SavingsRow]  # women's groups, men's groups, all
    months: list[SavingsMonth]  # the last 12 months of the range, oldest first


def _savings_totals(entries: QuerySet[SavingsEntry], filters: DashboardFilters, day: date) -> Any:
    in_range = Q(meeting__met_on__lte=day)
    if filters.start is not None:
        in_range &= Q(meeting__met_on__gte=filters.start)
    collected = in_range & COLLECTION
    return {
        "saving_groups": Count("meeting__group", filter=collected, distinct=True),
        "balance_poisha": _sum("change_poisha", Q(meeting__met_on__lte=day)),
        "cash_poisha": _sum("change_poisha", collected & CASH),
        "rice_kg": _sum("rice_kg", collected & RICE),
        "rice_poisha": _sum("change_poisha", collected & RICE),
        # Uses are negative on the ledger; shown as the amounts taken out.
        "withdrawn_poisha": _sum("change_poisha", in_range & Q(kind=SavingsEntry.Kind.WITHDRAWAL)),
        "invested_poisha": _sum("change_poisha", in_range & Q(kind=SavingsEntry.Kind.INVESTMENT)),
    }


def _savings_row(key: str, label: Any, totals: dict[str, Any]) -> SavingsRow:
    return SavingsRow(
        key,
        label,
        totals["saving_groups"],
        totals["balance_poisha"],
        totals["cash_poisha"],
        Decimal(totals["rice_kg"]),
        totals["rice_poisha"],
        -totals["withdrawn_poisha"],
        -totals["invested_poisha"],
    )


def savings_figures(*, user: Any, filters: DashboardFilters, today: date) -> SavingsFigures:
    """Savings of the counted groups' ledgers, by women's and men's groups: the balance (the
    sum of every entry, corrections included, up to the last day of the range); collected in
    cash, in rice (kg, and what it sold for), withdrawn and invested within the range, as
    recorded (corrections change the balance, not these sums); saving groups: those with a
    collection within the range; and the collections of each of the range's last 12 months."""
    day = filters.end or today
    entries = counted(SavingsEntry.objects.all(), user=user, filters=filters).order_by()
    aggregates = _savings_totals(entries, filters, day)
    by_sex = {
        row.pop("meeting__group__sex"): row
        for row in entries.values("meeting__group__sex").annotate(**aggregates)
    }
    rows = [_savings_row(sex, SEX_LABELS[sex], by_sex[sex]) for sex in SEX_LABELS if sex in by_sex]
    rows.append(_savings_row("all", _("All groups"), entries.aggregate(**aggregates)))
    return SavingsFigures(rows=rows, months=_savings_months(entries, filters, day))


def _first_of_month(day: date, back: int = 0) -> date:
    months = day.year * 12 + day.month - 1 - back
    return date(months // 12, months % 12 + 1, 1)


def _savings_months(
    entries: QuerySet[SavingsEntry], filters: DashboardFilters, day: date
) -> list[SavingsMonth]:
    first = _first_of_month(day, TREND_MONTHS - 1)
    if filters.start is not None and filters.start > first:
        first = filters.start
    found = {
        row["month"]: row
        for row in entries.filter(COLLECTION, meeting__met_on__range=(first, day))
        .annotate(month=TruncMonth("meeting__met_on"))
        .values("month")
        .annotate(cash=_sum("change_poisha", CASH), rice=_sum("change_poisha", RICE))
    }
    months = [_first_of_month(day, back) for back in reversed(range(TREND_MONTHS))]
    return [
        SavingsMonth(m, found.get(m, {}).get("cash", 0), found.get(m, {}).get("rice", 0))
        for m in months
        if m >= _first_of_month(first)
    ]


# People's cooperatives -------------------------------------------------------------------


@dataclass(frozen=True)
class TenureRow:
    tenure: str
    label: Any
    plots: int
    m2: Decimal


@dataclass(frozen=True)
class ActivityRow:
    activity: str
    label: Any
    harvests: int
    sales_poisha: int
    costs_poisha: int


@dataclass(frozen=True)
class CooperativeFigures:
    cooperatives: int
    registered: int
    member_groups: int
    contributions_poisha: int
    land: list[TenureRow]
    production: list[ActivityRow]

    @property
    def sales_poisha(self) -> int:
        return sum(row.sales_poisha for row in self.production)


def cooperative_figures(*, user: Any, filters: DashboardFilters, today: date) -> CooperativeFigures:
    """People's cooperatives as they are now (the date range does not apply to them): how
    many, how many registered (with a registration number), their member groups and what
    these paid in; the land they farm on the last day of the range, by tenure; and their
    production of the years the range touches, by activity."""
    cooperatives = counted(Cooperative.objects.all(), user=user, filters=filters).order_by()
    totals = cooperatives.aggregate(
        n=Count("pk"), registered=Count("pk", filter=~Q(registration_no=""))
    )
    shares = CooperativeShare.objects.filter(cooperative__in=cooperatives).aggregate(
        groups=Count("group", distinct=True), paid=Sum("contribution_poisha", default=0)
    )
    return CooperativeFigures(
        cooperatives=totals["n"],
        registered=totals["registered"],
        member_groups=shares["groups"],
        contributions_poisha=shares["paid"],
        land=_land_by_tenure(cooperatives, filters.end or today),
        production=_production_by_activity(cooperatives, filters),
    )


def _land_by_tenure(cooperatives: QuerySet[Cooperative], day: date) -> list[TenureRow]:
    farmed = CooperativeLand.objects.filter(
        Q(from_on__isnull=True) | Q(from_on__lte=day),
        Q(to_on__isnull=True) | Q(to_on__gte=day),
        cooperative__in=cooperatives,
    )
    found = {
        row["tenure"]: row
        for row in farmed.order_by()
        .values("tenure")
        .annotate(n=Count("pk"), m2=Sum("area_m2", default=Decimal(0)))
    }
    return [
        TenureRow(t.value, t.label, found.get(t, {}).get("n", 0), found.get(t, {}).get("m2", 0))
        for t in CooperativeLand.Tenure
    ]


def _production_by_activity(
    cooperatives: QuerySet[Cooperative], filters: DashboardFilters
) -> list[ActivityRow]:
    harvests = Production.objects.filter(cooperative__in=cooperatives)
    if filters.start is not None:
        harvests = harvests.filter(year__gte=filters.start.year)
    if filters.end is not None:
        harvests = harvests.filter(year__lte=filters.end.year)
    found = {
        row["activity"]: row
        for row in harvests.order_by()
        .values("activity")
        .annotate(
            n=Count("pk"),
            sales=Sum("sales_poisha", default=0),
            costs=Sum("costs_poisha", default=0),
        )
    }
    return [
        ActivityRow(a.value, a.label, found[a]["n"], found[a]["sales"], found[a]["costs"])
        for a in Production.Activity
        if a in found
    ]


# Training ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TierRow:
    tier: str
    label: Any
    trainings: int
    women: int
    men: int
    others: int
    groups_reached: int  # groups whose highest tier attended in the range is this one


def training_figures(*, user: Any, filters: DashboardFilters) -> list[TierRow]:
    """Trainings that started within the range, by tier: how many, the people the groups
    sent (group attendance, by sex), and the groups whose highest tier attended in those
    trainings is this one (in the order basic, follow-up, advanced, mixed)."""
    events = _in_range(
        counted(TrainingEvent.objects.all(), user=user, filters=filters),
        WORK_DATE_FIELDS["trainings"],
        filters,
    ).order_by()
    held = dict(events.values_list("tier").annotate(n=Count("pk")))
    attendance = GroupAttendance.objects.filter(event__in=events).order_by()
    people = {
        row.pop("event__tier"): row
        for row in attendance.values("event__tier").annotate(
            women=Sum("women"), men=Sum("men"), others=Sum("others")
        )
    }
    rank = Case(
        *(When(event__tier=tier, then=Value(i)) for i, tier in enumerate(TIER_ORDER)),
        output_field=IntegerField(),
    )
    highest = attendance.values("group").annotate(top=Max(rank)).values_list("top", flat=True)
    reached = [0] * len(TIER_ORDER)
    for top in highest:
        reached[top] += 1
    zero = {"women": 0, "men": 0, "others": 0}
    return [
        TierRow(
            tier.value, tier.label, held.get(tier, 0), **people.get(tier, zero), groups_reached=n
        )
        for tier, n in zip(TIER_ORDER, reached, strict=True)
    ]


# Public action and watchdog checks ----------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    kind: str
    label: Any
    actions: int
    women: int
    men: int
    others: int


@dataclass(frozen=True)
class OutcomeRow:
    outcome: str
    label: Any
    actions: int


@dataclass(frozen=True)
class ProgrammeRow:
    programme: str
    label: Any
    checks: int
    with_irregularities: int
    people_left_out: int


@dataclass(frozen=True)
class ActionFigures:
    by_kind: list[ActionRow]
    outcomes: list[OutcomeRow]
    checks: list[ProgrammeRow]


def action_figures(*, user: Any, filters: DashboardFilters) -> ActionFigures:
    """Actions that took place within the range, by kind (with the women, men and others
    taking part) and by outcome; safety-net checks made within the range, by programme, with
    how many found irregularities and the eligible people found left out."""
    actions = _in_range(
        counted(Action.objects.all(), user=user, filters=filters),
        WORK_DATE_FIELDS["actions"],
        filters,
    ).order_by()
    kinds = {
        row.pop("kind"): row
        for row in actions.values("kind").annotate(
            n=Count("pk"), w=Sum("women"), m=Sum("men"), o=Sum("others")
        )
    }
    outcomes = dict(actions.values_list("outcome").annotate(n=Count("pk")))
    checks = _in_range(
        counted(SafetyNetCheck.objects.all(), user=user, filters=filters),
        WORK_DATE_FIELDS["safety_net_checks"],
        filters,
    ).order_by()
    programmes = {
        row.pop("programme"): row
        for row in checks.values("programme").annotate(
            n=Count("pk"),
            bad=Count("pk", filter=Q(irregularities_found=True)),
            left_out=Sum("people_wrongly_left_out"),
        )
    }
    return ActionFigures(
        by_kind=[
            ActionRow(k.value, k.label, *kinds[k].values()) for k in Action.Kind if k in kinds
        ],
        outcomes=[OutcomeRow(o.value, o.label, outcomes.get(o, 0)) for o in Action.Outcome],
        checks=[
            ProgrammeRow(p.value, p.label, *programmes[p].values())
            for p in SafetyNetCheck.Programme
            if p in programmes
        ],
    )


# Seats on public bodies ---------------------------------------------------------------------


@dataclass(frozen=True)
class SeatRow:
    body: str
    label: Any
    women: int
    men: int
    others: int
    elected: int
    nominated: int

    @property
    def seats(self) -> int:
        return self.elected + self.nominated


def seat_figures(*, user: Any, filters: DashboardFilters, today: date) -> list[SeatRow]:
    """Seats the counted groups' members held at any time within the range (a missing end:
    today; a missing start: the end itself, so with no range, the seats held today), by body,
    by the member's sex and by how they came to it (elected or nominated)."""
    last = filters.end or today
    first = filters.start or last
    held = (
        counted(Seat.objects.all(), user=user, filters=filters)
        .filter(Q(to_on__isnull=True) | Q(to_on__gte=first), from_on__lte=last)
        .order_by()
    )
    sex = Member.Sex
    found = {
        row.pop("body"): row
        for row in held.values("body").annotate(
            women=Count("pk", filter=Q(member__sex=sex.FEMALE)),
            men=Count("pk", filter=Q(member__sex=sex.MALE)),
            others=Count("pk", filter=~Q(member__sex__in=[sex.FEMALE, sex.MALE])),
            elected=Count("pk", filter=Q(how=Seat.How.ELECTED)),
            nominated=Count("pk", filter=Q(how=Seat.How.NOMINATED)),
        )
    }
    return [SeatRow(b.value, b.label, **found[b]) for b in Seat.Body if b in found]


# Everything -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkFigures:
    savings: SavingsFigures
    cooperatives: CooperativeFigures
    training: list[TierRow]
    actions: ActionFigures
    seats: list[SeatRow]


def work_figures(*, user: Any, filters: DashboardFilters, today: date) -> WorkFigures:
    return WorkFigures(
        savings=savings_figures(user=user, filters=filters, today=today),
        cooperatives=cooperative_figures(user=user, filters=filters, today=today),
        training=training_figures(user=user, filters=filters),
        actions=action_figures(user=user, filters=filters),
        seats=seat_figures(user=user, filters=filters, today=today),
    )


WORK_DEFINITIONS: tuple[tuple[Any, Any], ...] = (
    (
        _("Savings"),
        _(
            "Ledgers of the counted groups: the balance is every entry, corrections included, "
            "up to the end of the date range (today when it has none); collections, "
            "withdrawals and investments are those of meetings within the range, as "
            "recorded; a saving group collected within the range."
        ),
    ),
    (
        _("People's cooperatives"),
        _(
            "Cooperatives as they are now; registered: with a registration number; land "
            "farmed on the last day of the range, by tenure; production of the years the "
            "range touches."
        ),
    ),
    (
        _("Training"),
        _(
            "Trainings that started within the range, by tier, with the women and men the "
            "groups sent; a group has reached the highest tier it attended."
        ),
    ),
    (
        _("Actions and watchdog checks"),
        _(
            "Actions that took place within the range, by kind and outcome; safety-net checks "
            "made within the range, by programme."
        ),
    ),
    (
        _("Seats on public bodies"),
        _(
            "Seats members held at any time within the range (with no range, today), by "
            "body, by the member's sex, elected or nominated."
        ),
    ),
)
