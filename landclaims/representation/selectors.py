"""Reads of seats on public bodies, every one starting from what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from landclaims.groups.models import LandlessGroup, Member
from landclaims.places.models import AdminArea
from landclaims.representation.models import Seat


def held_on(day: date) -> Q:
    """Seats held on `day`: begun by then and not ended before it."""
    return Q(from_on__lte=day) & (Q(to_on__isnull=True) | Q(to_on__gte=day))


def seat_list(*, user: Any) -> QuerySet[Seat]:
    # Members by code only: their encrypted personal fields are never loaded here.
    # `held`: whether the seat is held today, for the pages' badge.
    return (
        Seat.objects.visible_to(user)
        .select_related("member__group__village", "area")
        .defer("member__name_bn", "member__name_en", "member__nid", "member__phone")
        .annotate(held=ExpressionWrapper(held_on(timezone.localdate()), BooleanField()))
    )


@dataclass(frozen=True)
class SeatFilters:
    body: str = ""
    how: str = ""
    current: bool = False
    area: AdminArea | None = None
    group: LandlessGroup | None = None


def seat_list_filtered(*, user: Any, filters: SeatFilters) -> QuerySet[Seat]:
    """The representatives page: newest seat first, narrowed by body, elected or
    nominated, held today, area and group."""
    seats = seat_list(user=user)
    if filters.body:
        seats = seats.filter(body=filters.body)
    if filters.how:
        seats = seats.filter(how=filters.how)
    if filters.current:
        seats = seats.filter(held_on(timezone.localdate()))
    if filters.area is not None:
        seats = seats.in_area(filters.area)  # type: ignore[assignment]
    if filters.group is not None:
        seats = seats.filter(member__group=filters.group)
    return seats.order_by("-from_on", "-pk")


def seat_get(*, user: Any, pk: int) -> Seat:
    return seat_list(user=user).get(pk=pk)


def seat_list_current(*, user: Any, on: date | None = None) -> QuerySet[Seat]:
    return seat_list(user=user).filter(held_on(on or timezone.localdate()))


def seat_list_for_group(*, user: Any, group: LandlessGroup) -> QuerySet[Seat]:
    return seat_list(user=user).filter(member__group=group).order_by("-from_on", "-pk")


def seat_list_for_member(*, user: Any, member: Member) -> QuerySet[Seat]:
    return seat_list(user=user).filter(member=member).order_by("-from_on", "-pk")


@dataclass(frozen=True)
class SeatsBySex:
    body: str
    women: int
    men: int
    others: int

    @property
    def total(self) -> int:
        return self.women + self.men + self.others

    @property
    def label(self) -> str:
        return str(Seat.Body(self.body).label)


def seat_counts_by_body_and_sex(
    *, user: Any, area: AdminArea | None = None, on: date | None = None
) -> list[SeatsBySex]:
    """Seats held on `on` (today by default), by body and the member's sex, in the order of
    Seat.Body; a member with two seats counts on each body."""
    seats = seat_list_current(user=user, on=on)
    if area is not None:
        seats = seats.in_area(area)  # type: ignore[assignment]
    rows = seats.values("body").annotate(
        women=Count("pk", filter=Q(member__sex=Member.Sex.FEMALE)),
        men=Count("pk", filter=Q(member__sex=Member.Sex.MALE)),
        others=Count("pk", filter=Q(member__sex=Member.Sex.OTHER)),
    )
    found = {row["body"]: row for row in rows.order_by()}
    return [
        SeatsBySex(
            body=body,
            women=found.get(body, {}).get("women", 0),
            men=found.get(body, {}).get("men", 0),
            others=found.get(body, {}).get("others", 0),
        )
        for body in Seat.Body.values
    ]
