"""Reads of landless groups and members, every one starting from what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from landclaims.claims.models import Claim
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.core.text import normalise_search
from landclaims.groups.models import LandlessGroup, Member
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea


def group_list(*, user: Any, area: Any = None, search: str = "") -> QuerySet[LandlessGroup]:
    groups = LandlessGroup.objects.visible_to(user).select_related("village__union")
    if area is not None:
        groups = groups.in_area(area)
    if search:
        term = normalise_search(search)
        groups = groups.filter(Q(name_bn__icontains=term) | Q(name_en__icontains=term))
    return groups


def group_list_with_claims(
    *, user: Any, area: Any = None, search: str = ""
) -> QuerySet[LandlessGroup]:
    """`group_list`, each group with `claim_count`: the claims it pursues that the user
    may see."""
    visible = Claim.objects.visible_to(user).values("pk")
    # Grouping for the count drops the model's ordering; pages need a stable one.
    return (
        group_list(user=user, area=area, search=search)
        .annotate(claim_count=Count("claims", filter=Q(claims__in=visible), distinct=True))
        .order_by("name_en", "name_bn", "pk")
    )


def group_district_list(*, user: Any) -> QuerySet[AdminArea]:
    """The districts of the groups the user may see, for the list's district filter."""
    districts = LandlessGroup.objects.visible_to(user).values("village__union__district")
    return AdminArea.objects.filter(pk__in=districts).order_by("name_en")


def group_get(*, user: Any, pk: int) -> LandlessGroup:
    return LandlessGroup.objects.visible_to(user).get(pk=pk)


@dataclass(frozen=True)
class GroupDetail:
    """Everything the group page shows, each part read within what the user may see."""

    group: LandlessGroup
    # Each claim carries `visible_parcels`: its parcels the user may see, with mouza and dags.
    claims: list[Claim]


def group_detail(*, user: Any, pk: int) -> GroupDetail:
    """The group page's contents; LandlessGroup.DoesNotExist when the user may not see it."""
    group = (
        LandlessGroup.objects.visible_to(user)
        .select_related("village__union__parent", "village__union__district")
        .get(pk=pk)
    )
    parcels = Parcel.objects.visible_to(user).select_related("mouza").prefetch_related("dags")
    claims = (
        Claim.objects.visible_to(user)
        .filter(groups=group)
        .prefetch_related(Prefetch("parcels", queryset=parcels, to_attr="visible_parcels"))
        .order_by("-stage_since", "pk")
    )
    return GroupDetail(group=group, claims=list(claims))


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
