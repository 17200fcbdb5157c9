"""Reads of landless groups and members, every one starting from what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from landclaims.core.text import normalise_search
from landclaims.groups.models import LandlessGroup, Member


def group_list(*, user: Any, area: Any = None, search: str = "") -> QuerySet[LandlessGroup]:
    groups = LandlessGroup.objects.visible_to(user).select_related("village__union")
    if area is not None:
        groups = groups.filter(village__union__path__startswith=area.path)
    if search:
        term = normalise_search(search)
        groups = groups.filter(Q(name_bn__icontains=term) | Q(name_en__icontains=term))
    return groups


def group_get(*, user: Any, pk: int) -> LandlessGroup:
    return LandlessGroup.objects.visible_to(user).get(pk=pk)


def member_list(*, user: Any, group: LandlessGroup | None = None) -> QuerySet[Member]:
    members = Member.objects.visible_to(user)
    if group is not None:
        members = members.filter(group=group)
    return members
