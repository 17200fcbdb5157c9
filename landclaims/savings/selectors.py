"""Reads of group savings, every one starting from what the user may see.

The balance is the sum of the entries' `change_poisha`; a corrected entry keeps its own
change and its corrections add theirs, so every figure here counts the entry for what it is
worth after its corrections (its "current" value) while the ledger shows both.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, QuerySet, Sum, Window
from django.db.models.functions import Coalesce

from landclaims.groups.models import LandlessGroup
from landclaims.savings.models import SavingsEntry, SavingsMeeting

Kind = SavingsEntry.Kind
Form = SavingsEntry.Form


def savings_entry_list(*, user: Any, group: LandlessGroup | None = None) -> QuerySet[SavingsEntry]:
    entries = SavingsEntry.objects.visible_to(user).select_related("meeting__group")
    if group is not None:
        entries = entries.filter(meeting__group=group)
    return entries.order_by("meeting__met_on", "id")


def savings_meeting_list(
    *, user: Any, group: LandlessGroup | None = None
) -> QuerySet[SavingsMeeting]:
    meetings = SavingsMeeting.objects.visible_to(user).select_related("group")
    if group is not None:
        meetings = meetings.filter(group=group)
    return meetings.order_by("-met_on", "-id")


def savings_meeting_get(*, user: Any, pk: int) -> SavingsMeeting:
    return SavingsMeeting.objects.visible_to(user).select_related("group").get(pk=pk)


def savings_entry_get(*, user: Any, pk: int) -> SavingsEntry:
    return SavingsEntry.objects.visible_to(user).select_related("meeting__group").get(pk=pk)


def savings_ledger(*, user: Any, group: LandlessGroup) -> QuerySet[SavingsEntry]:
    """The group's ledger in date order, each entry annotated with `balance_poisha` (the
    running balance after it) and `is_corrected` (a later correction names it)."""
    order = [F("meeting__met_on").asc(), F("id").asc()]
    corrected = SavingsEntry.objects.filter(corrects=OuterRef("pk"))
    return savings_entry_list(user=user, group=group).annotate(
        balance_poisha=Window(Sum("change_poisha"), order_by=order),
        is_corrected=Exists(corrected),
    )


def savings_balance(*, user: Any, group: LandlessGroup) -> int:
    """The group's savings now, in poisha."""
    entries = savings_entry_list(user=user, group=group).order_by()
    return int(entries.aggregate(total=Coalesce(Sum("change_poisha"), 0))["total"])


@dataclass
class MonthTotals:
    """One month of a group's savings, each entry counted for its current value."""

    month: date  # the first of the month
    collected_cash_poisha: int = 0
    rice_kg: Decimal = Decimal(0)
    rice_sold_poisha: int = 0
    withdrawn_poisha: int = 0  # positive: what went out
    invested_poisha: int = 0  # positive: what went out
    balance_poisha: int = 0  # at the month's end
    meetings: int = 0


def savings_monthly_totals(*, user: Any, group: LandlessGroup) -> list[MonthTotals]:
    """The group's months, oldest first: collected (cash, rice in kg and what it sold for),
    withdrawn, invested, and the balance at the month's end."""
    months: dict[date, MonthTotals] = {}
    for meeting in savings_meeting_list(user=user, group=group).order_by("met_on"):
        month = meeting.met_on.replace(day=1)
        months.setdefault(month, MonthTotals(month=month)).meetings += 1
    for original, value, kg in _current_entries(user=user, group=group):
        totals = months[original.meeting.met_on.replace(day=1)]
        _add_to_month(totals, original, value, kg)
    balance = 0
    for month in sorted(months):
        totals = months[month]
        balance += (
            totals.collected_cash_poisha
            + totals.rice_sold_poisha
            - totals.withdrawn_poisha
            - totals.invested_poisha
        )
        totals.balance_poisha = balance
    return [months[m] for m in sorted(months)]


def _add_to_month(totals: MonthTotals, original: SavingsEntry, value: int, kg: Decimal) -> None:
    if original.kind == Kind.COLLECTION and original.form == Form.RICE:
        totals.rice_kg += kg
        totals.rice_sold_poisha += value
    elif original.kind == Kind.COLLECTION:
        totals.collected_cash_poisha += value
    elif original.kind == Kind.WITHDRAWAL:
        totals.withdrawn_poisha -= value
    elif original.kind == Kind.INVESTMENT:
        totals.invested_poisha -= value


def _current_entries(*, user: Any, group: LandlessGroup) -> list[tuple[SavingsEntry, int, Decimal]]:
    """Each original entry with its current value (own change plus its corrections') and
    current rice weight (the latest correction's, else its own)."""
    originals: dict[int, SavingsEntry] = {}
    values: dict[int, int] = defaultdict(int)
    weights: dict[int, Decimal] = {}
    for entry in savings_entry_list(user=user, group=group):
        root = entry.corrects_id or entry.pk
        if entry.corrects_id is None:
            originals[root] = entry
        values[root] += entry.change_poisha
        weights[root] = entry.rice_kg or Decimal(0)
    return [(originals[pk], values[pk], weights[pk]) for pk in originals]


@dataclass(frozen=True)
class SavingsSummary:
    """What the group page's savings tab shows."""

    balance_poisha: int
    meetings: list[SavingsMeeting] = field(default_factory=list)  # the latest few
    meeting_count: int = 0


def savings_summary(*, user: Any, group: LandlessGroup, latest: int = 3) -> SavingsSummary:
    meetings = savings_meeting_list(user=user, group=group)
    return SavingsSummary(
        balance_poisha=savings_balance(user=user, group=group),
        meetings=list(meetings[:latest]),
        meeting_count=meetings.count(),
    )


@dataclass(frozen=True)
class SavingsTotals:
    """Savings of one kind of group (women's or men's) within what the user sees."""

    groups_saving: int = 0  # groups with at least one entry
    collected_poisha: int = 0  # cash and rice collected, after corrections
    rice_kg: Decimal = Decimal(0)
    withdrawn_poisha: int = 0  # positive
    invested_poisha: int = 0  # positive
    balance_poisha: int = 0


def savings_totals_by_group_sex(
    *,
    user: Any,
    area: Any = None,
    organisation: Any = None,
    on_or_before: date | None = None,
) -> dict[str, SavingsTotals]:
    """Savings of the women's and of the men's groups the user may see, as
    {"women": SavingsTotals, "men": SavingsTotals}, for pages (a dashboard card, an area or
    an organisation page). Narrowed to groups in `area` (an AdminArea, via
    SavingsEntry.objects.in_area), to one `organisation` (a network's page passes each
    partner in turn), and to entries of meetings up to `on_or_before`.

    Corrections count under the kind of the entry they correct (a corrected collection is
    still collected money). Rice kg is the collections' current weight. The dashboard's own
    figures are computed in its SQL; this is the pages' reading of the same rule."""
    entries = SavingsEntry.objects.visible_to(user)
    if area is not None:
        entries = entries.in_area(area)
    if organisation is not None:
        entries = entries.filter(meeting__group__organisation=organisation)
    if on_or_before is not None:
        entries = entries.filter(meeting__met_on__lte=on_or_before)
    rows = (
        entries.annotate(
            root_kind=Coalesce("corrects__kind", "kind"),
            sex=F("meeting__group__sex"),
        )
        .values("sex", "root_kind")
        .annotate(total=Sum("change_poisha"))
        .order_by()
    )
    sums: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        sums[row["sex"]][row["root_kind"]] += row["total"]
    saving = (
        entries.values("meeting__group__sex")
        .annotate(n=Count("meeting__group", distinct=True))
        .order_by()
    )
    groups = {row["meeting__group__sex"]: row["n"] for row in saving}
    kg = _rice_kg_by_sex(entries)
    result = {}
    for sex in (LandlessGroup.Sex.WOMEN, LandlessGroup.Sex.MEN):
        by_kind = sums[sex]
        result[str(sex)] = SavingsTotals(
            groups_saving=groups.get(sex, 0),
            collected_poisha=by_kind[Kind.COLLECTION],
            rice_kg=kg.get(sex, Decimal(0)),
            withdrawn_poisha=-by_kind[Kind.WITHDRAWAL],
            invested_poisha=-by_kind[Kind.INVESTMENT],
            balance_poisha=sum(by_kind.values()),
        )
    return result


def _rice_kg_by_sex(entries: QuerySet[SavingsEntry]) -> dict[str, Decimal]:
    """Current rice weight of the rice collections: the latest correction's weight when
    corrected (none when corrected to zero), else the entry's own."""
    latest = SavingsEntry.objects.filter(corrects=OuterRef("pk")).order_by("-id")
    originals = entries.filter(kind=Kind.COLLECTION, form=Form.RICE, corrects__isnull=True)
    weighed = originals.annotate(
        was_corrected=Exists(latest),
        latest_kg=latest.values("rice_kg")[:1],
    )
    kg: dict[str, Decimal] = defaultdict(Decimal)
    for sex, own, corrected, latest_kg in weighed.values_list(
        "meeting__group__sex", "rice_kg", "was_corrected", "latest_kg"
    ):
        kg[sex] += (latest_kg or Decimal(0)) if corrected else own
    return kg
