"""Reads of allocations, starting from what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from landclaims.allocations.models import Allocation


def allocation_list(
    *,
    user: Any,
    outside_policy: bool | None = None,
    district: Any = None,
    group: Any = None,
    held_by: str = "",
    claim: Any = None,
) -> QuerySet[Allocation]:
    allocations = Allocation.objects.visible_to(user).select_related(
        "parcel__mouza__district", "group", "claim"
    )
    if outside_policy is not None:
        allocations = allocations.filter(outside_policy=outside_policy)
    if district is not None:
        allocations = allocations.filter(parcel__mouza__district=district)
    if group is not None:
        allocations = allocations.filter(group=group)
    if held_by:
        allocations = allocations.filter(held_by=held_by)
    if claim is not None:
        allocations = allocations.filter(claim=claim)
    return allocations


def allocation_get(*, user: Any, pk: int) -> Allocation:
    """One allocation the user may see; Allocation.DoesNotExist otherwise."""
    return (
        Allocation.objects.visible_to(user)
        .select_related("parcel__mouza__district", "group", "claim", "organisation")
        .get(pk=pk)
    )


def allocation_member_codes(*, allocation: Allocation) -> list[str]:
    """The recipients by pseudonymous code only: nobody's name is decrypted."""
    return list(allocation.members.order_by("code").values_list("code", flat=True))


@dataclass(frozen=True)
class HolderPeriod:
    held_by: str
    label: str
    since: date | None
    note: str
    recorded_at: datetime
    recorded_by: str


def allocation_holder_history(*, user: Any, allocation: Allocation) -> list[HolderPeriod]:
    """Who held the land, newest first, from the audit trail: one entry each time the
    holder, its date or the note changed (the first is the holder recorded at the start)."""
    events = (
        Allocation._meta.apps.get_model("allocations", "AllocationAudit")
        .objects.filter(pgh_obj_id__in=Allocation.objects.visible_to(user).filter(pk=allocation.pk))
        .exclude(pgh_label="delete")
        .select_related("pgh_context")
        .order_by("pgh_id")
    )
    periods: list[tuple[Any, ...]] = []
    for event in events:
        key = (event.held_by, event.held_since, event.holding_note)
        if periods and periods[-1][0] == key:
            continue
        metadata = event.pgh_context.metadata if event.pgh_context else {}
        periods.append((key, event.pgh_created_at, metadata.get("user")))
    names = dict(
        get_user_model()
        .objects.filter(pk__in=[p[2] for p in periods if p[2]])
        .values_list("pk", "username")
    )
    labels = dict(Allocation._meta.get_field("held_by").flatchoices)
    return [
        HolderPeriod(
            held_by=held_by,
            label=str(labels.get(held_by, held_by)),
            since=since,
            note=note,
            recorded_at=at,
            recorded_by=names.get(who, ""),
        )
        for (held_by, since, note), at, who in reversed(periods)
    ]
