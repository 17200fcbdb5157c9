"""Reads of allocations, starting from what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from landclaims.allocations.models import Allocation


def allocation_list(*, user: Any, outside_policy: bool | None = None) -> QuerySet[Allocation]:
    allocations = Allocation.objects.visible_to(user).select_related("parcel__mouza", "group")
    if outside_policy is not None:
        allocations = allocations.filter(outside_policy=outside_policy)
    return allocations
