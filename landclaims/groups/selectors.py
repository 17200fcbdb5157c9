"""Reads of landless groups and members, every one starting from what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.core.text import name_contains
from landclaims.groups.models import LandlessGroup, Member
from landclaims.places.models import AdminArea


def group_list(*, user: Any, area: Any = None, search: str = "") -> QuerySet[LandlessGroup]:
    groups = LandlessGroup.objects.visible_to(user).select_related("village__union")
    if area is not None:
        groups = groups.in_area(area)
    if search:
        groups = groups.filter(name_contains(("name_bn", "name_en"), search))
    return groups


def group_district_list(*, user: Any) -> QuerySet[AdminArea]:
    """The districts of the groups the user may see, for the list's district filter."""
    districts = LandlessGroup.objects.visible_to(user).values("village__union__district")
    return AdminArea.objects.filter(pk__in=districts).order_by("name_en")


def group_get(*, user: Any, pk: int) -> LandlessGroup:
    return LandlessGroup.objects.visible_to(user).get(pk=pk)


def member_list(*, user: Any, group: LandlessGroup | None = None) -> QuerySet[Member]:
    members = Member.objects.visible_to(user)
    if group is not None:
        members = members.filter(group=group)
    return members


def member_list_for_group(*, user: Any, group: LandlessGroup) -> QuerySet[Member]:
    """The group's members by code, for roles that may see people (none for the others).

    Only the pseudonymous columns are loaded: listing decrypts nobody's name."""
    if not has_role(user, GROUP_NAME_READERS):
        return Member.objects.none()
    fields = ("pk", "code", "sex", "is_household_head", "priority_category", "group_id")
    return member_list(user=user, group=group).only(*fields)


PERSONAL_FIELDS = ("name_bn", "name_en", "nid", "phone")


def member_get(*, user: Any, pk: int, personal: bool = False) -> Member:
    """One member, for roles that may see people; Member.DoesNotExist for anyone else, so a
    monitor or viewer cannot tell a member id from a missing one.

    The encrypted personal fields are loaded (decrypted) only when `personal` is true: the
    caller has logged the read (privacy.services.read_log)."""
    if not has_role(user, GROUP_NAME_READERS):
        raise Member.DoesNotExist
    members = Member.objects.visible_to(user).select_related("group__village__union")
    if not personal:
        members = members.defer(*PERSONAL_FIELDS)
    return members.get(pk=pk)
