"""Reads of administrative areas.

Areas are public geography: anyone logged in may open any of them. What lies in an area
(parcels, claims) is read through the selectors that start from `visible_to(user)`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from landclaims.claims.models import Claim
from landclaims.claims.selectors import claim_list
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea, MouzaJlNo


def admin_area_get(*, pk: int) -> AdminArea:
    return AdminArea.objects.get(pk=pk)


def admin_area_ancestor_list(*, area: AdminArea) -> list[AdminArea]:
    """The areas `area` lies in, from the division down to its parent."""
    ids = [int(part) for part in area.path.strip("/").split("/") if part]
    above = [pk for pk in ids if pk != area.pk]
    return sorted(AdminArea.objects.filter(pk__in=above), key=lambda a: len(a.path))


def area_parcel_list(*, user: Any, area: AdminArea) -> QuerySet[Parcel]:
    """Parcels the user may see in a mouza that lies in `area`."""
    return Parcel.objects.visible_to(user).in_area(area)


def area_claim_list(*, user: Any, area: AdminArea) -> QuerySet[Claim]:
    """Claims the user may see with a parcel in `area` (the claim list's area filter)."""
    return claim_list(user=user, area=area)


@dataclass(frozen=True)
class ChildArea:
    area: AdminArea
    parcels: int  # visible parcels in it


@dataclass(frozen=True)
class AreaDetail:
    area: AdminArea
    ancestors: list[AdminArea]  # division first
    children: list[ChildArea]
    jl_nos: list[MouzaJlNo]  # a mouza's JL numbers, one per survey series
    parcels: int
    claims: int


def area_detail(*, user: Any, pk: int) -> AreaDetail:
    """The area page; AdminArea.DoesNotExist for an unknown id. Counts are the user's own."""
    area = admin_area_get(pk=pk)
    by_child = _parcels_by_child(user=user, area=area)
    children = area.children.order_by("name_en", "pk")
    return AreaDetail(
        area=area,
        ancestors=admin_area_ancestor_list(area=area),
        children=[ChildArea(child, by_child[child.pk]) for child in children],
        jl_nos=list(area.jl_nos.order_by("survey")),
        parcels=sum(by_child.values()),
        claims=area_claim_list(user=user, area=area).count(),
    )


def _parcels_by_child(*, user: Any, area: AdminArea) -> Counter[int | None]:
    """Visible parcels of `area` counted by the child area they lie in (None: `area` itself,
    for a mouza), in one query grouped by mouza."""
    depth = len(area.path.strip("/").split("/"))
    rows = (
        area_parcel_list(user=user, area=area)
        .values_list("mouza__path")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: Counter[int | None] = Counter()
    for path, n in rows:
        ids = path.strip("/").split("/")
        counts[int(ids[depth]) if len(ids) > depth else None] += n
    return counts
