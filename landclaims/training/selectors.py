"""Reads of trainings and attendance, every one starting from what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.selectors import with_labels
from landclaims.places.models import AdminArea
from landclaims.training.models import (
    TIER_ORDER,
    GroupAttendance,
    MemberAttendance,
    Tier,
    TrainingEvent,
)


def with_totals(events: QuerySet[TrainingEvent]) -> QuerySet[TrainingEvent]:
    """`events` with `women`, `men`, `others` (people counted over all groups) and
    `group_count` (groups that attended)."""
    return events.annotate(
        women=Coalesce(Sum("group_attendance__women"), 0),
        men=Coalesce(Sum("group_attendance__men"), 0),
        others=Coalesce(Sum("group_attendance__others"), 0),
        group_count=Count("group_attendance__group", distinct=True),
    )


@dataclass(frozen=True)
class TrainingFilters:
    tier: str = ""
    topic: str = ""
    date_from: date | None = None
    date_to: date | None = None
    area: AdminArea | None = None
    group: LandlessGroup | None = None


def training_list(*, user: Any) -> QuerySet[TrainingEvent]:
    return TrainingEvent.objects.visible_to(user).select_related("district", "place")


def training_list_filtered(*, user: Any, filters: TrainingFilters) -> QuerySet[TrainingEvent]:
    """The trainings page: newest first, narrowed by tier, topic, dates (a training that
    overlaps them), area and a group that attended."""
    events = training_list(user=user)
    if filters.tier:
        events = events.filter(tier=filters.tier)
    if filters.topic:
        events = events.filter(topics__contains=[filters.topic])
    if filters.date_from is not None:
        events = events.filter(ended_on__gte=filters.date_from)
    if filters.date_to is not None:
        events = events.filter(started_on__lte=filters.date_to)
    if filters.area is not None:
        events = events.in_area(filters.area)  # type: ignore[assignment]
    if filters.group is not None:
        attended = GroupAttendance.objects.filter(group=filters.group).values("event")
        events = events.filter(pk__in=attended)
    return with_totals(events).order_by("-started_on", "-pk")


def training_get(*, user: Any, pk: int) -> TrainingEvent:
    return with_totals(training_list(user=user)).get(pk=pk)


def training_group_attendance(*, user: Any, event: TrainingEvent) -> list[GroupAttendance]:
    """The event's attendance rows, each group labelled for readers who may not read names
    (groups.selectors.with_labels); rows of groups the user may not see are left out."""
    groups = with_labels(LandlessGroup.objects.visible_to(user))
    rows = GroupAttendance.objects.visible_to(user).filter(event=event, group__in=groups)
    by_pk = {group.pk: group for group in groups.filter(training_attendance__event=event)}
    found = list(rows.order_by("group__name_en", "group_id", "community"))
    for row in found:
        row.group = by_pk[row.group_id]
    return found


def training_member_list(*, user: Any, event: TrainingEvent) -> QuerySet[Member]:
    """The members named at the training, by code (personal fields never loaded)."""
    named = MemberAttendance.objects.visible_to(user).filter(event=event).values("member")
    members = Member.objects.visible_to(user).filter(pk__in=named)
    return members.only("pk", "code", "sex", "group_id").order_by("group_id", "code")


def member_training_history(*, user: Any, member: Member) -> QuerySet[TrainingEvent]:
    """The trainings a member was named at, oldest first: their path through the tiers."""
    attended = MemberAttendance.objects.filter(member=member).values("event")
    return training_list(user=user).filter(pk__in=attended).order_by("started_on", "pk")


def group_training_list(*, user: Any, group: LandlessGroup) -> QuerySet[TrainingEvent]:
    """The trainings the group's people attended, newest first, each with `group_women`,
    `group_men` and `group_others`: how many of this group came."""
    mine = Q(group_attendance__group=group)
    events = training_list(user=user).filter(pk__in=_attended_by(group))
    return events.annotate(
        group_women=Coalesce(Sum("group_attendance__women", filter=mine), 0),
        group_men=Coalesce(Sum("group_attendance__men", filter=mine), 0),
        group_others=Coalesce(Sum("group_attendance__others", filter=mine), 0),
    ).order_by("-started_on", "-pk")


def _attended_by(group: LandlessGroup) -> QuerySet[Any]:
    """Ids of the events the group attended: counted there, or one of its members named."""
    counted = GroupAttendance.objects.filter(group=group).values("event")
    named = MemberAttendance.objects.filter(member__group=group).values("event")
    return TrainingEvent.objects.filter(Q(pk__in=counted) | Q(pk__in=named)).values("pk")


def highest_tier(tiers: set[str]) -> str:
    """The highest of `tiers` in TIER_ORDER; "" when there is none."""
    reached = [tier for tier in TIER_ORDER if tier in tiers]
    return str(reached[-1]) if reached else ""


def group_tier_reached(*, user: Any, group: LandlessGroup) -> str:
    """The highest tier (TIER_ORDER) among the trainings the group's people attended."""
    tiers = training_list(user=user).filter(pk__in=_attended_by(group)).values_list("tier")
    return highest_tier({tier for (tier,) in tiers.distinct()})


def tier_reached_by_group(*, user: Any) -> dict[int, str]:
    """Each visible group's highest tier reached, for lists and figures."""
    rows = (
        GroupAttendance.objects.visible_to(user)
        .values_list("group_id", "event__tier")
        .distinct()
        .order_by()
    )
    named = (
        MemberAttendance.objects.visible_to(user)
        .values_list("member__group_id", "event__tier")
        .distinct()
        .order_by()
    )
    tiers: dict[int, set[str]] = {}
    for group_id, tier in [*rows, *named]:
        tiers.setdefault(group_id, set()).add(tier)
    return {group_id: highest_tier(found) for group_id, found in tiers.items()}


@dataclass(frozen=True)
class TrainedBySex:
    tier: str
    women: int
    men: int
    others: int

    @property
    def total(self) -> int:
        return self.women + self.men + self.others

    @property
    def label(self) -> str:
        return str(Tier(self.tier).label)


def trained_by_tier_and_sex(*, user: Any, area: AdminArea | None = None) -> list[TrainedBySex]:
    """People trained, counted over the attendance of every visible training, by tier and
    sex, in TIER_ORDER (a person at two trainings counts twice: attendances, not heads)."""
    rows = GroupAttendance.objects.visible_to(user)
    if area is not None:
        rows = rows.in_area(area)
    sums = {
        row["event__tier"]: row
        for row in rows.values("event__tier")
        .annotate(women=Sum("women"), men=Sum("men"), others=Sum("others"))
        .order_by()
    }
    return [
        TrainedBySex(
            tier=str(tier),
            women=sums.get(tier, {}).get("women") or 0,
            men=sums.get(tier, {}).get("men") or 0,
            others=sums.get(tier, {}).get("others") or 0,
        )
        for tier in TIER_ORDER
    ]


@dataclass(frozen=True)
class GroupTraining:
    """The group page's training tab: the tier reached, the trainings attended (each with
    the group's own counts) and the people of the group counted over them."""

    tier: str
    events: list[TrainingEvent]

    @property
    def women(self) -> int:
        return sum(event.group_women for event in self.events)  # type: ignore[attr-defined]

    @property
    def men(self) -> int:
        return sum(event.group_men for event in self.events)  # type: ignore[attr-defined]

    @property
    def others(self) -> int:
        return sum(event.group_others for event in self.events)  # type: ignore[attr-defined]

    @property
    def tier_label(self) -> str:
        return str(Tier(self.tier).label) if self.tier else ""


def group_training(*, user: Any, group: LandlessGroup) -> GroupTraining:
    events = list(group_training_list(user=user, group=group))
    return GroupTraining(tier=highest_tier({event.tier for event in events}), events=events)
