"""Page-building reads: what a record's page shows, composed from several apps' selectors.

Each part is read within what the user may see, through the selectors of the app that owns
it; this module only puts them together for one page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch

from gis.svgmap import SvgMap, svg_map
from landclaims.actions.selectors import safety_net_check_list_for_group
from landclaims.allocations.models import Allocation
from landclaims.cases.models import LegalCase
from landclaims.cases.selectors import case_list, interim_order_list_in_force
from landclaims.claims.models import Claim, ClaimEvent
from landclaims.claims.selectors import (
    claim_event_list,
    claim_get,
    claim_list,
    claim_parcel_list,
    stage_standard_days,
)
from landclaims.cooperatives.models import CooperativeShare
from landclaims.cooperatives.selectors import cooperative_share_list_for_group
from landclaims.core.geo import to_shapely
from landclaims.groups.models import LandlessGroup
from landclaims.parcels.models import Parcel
from landclaims.parcels.selectors import parcel_list
from landclaims.places.models import AdminArea, MouzaJlNo
from landclaims.places.selectors import admin_area_ancestor_list, admin_area_get
from landclaims.representation.models import Seat
from landclaims.representation.selectors import seat_list_for_group
from landclaims.savings.selectors import SavingsSummary, savings_summary
from landclaims.training.selectors import GroupTraining, group_training


@dataclass(frozen=True)
class ClaimDetail:
    claim: Claim
    events: list[ClaimEvent]
    groups: list[Any]
    parcels: list[Any]
    cases: list[Any]
    orders_in_force: list[Any]
    allocations: list[Any]
    parcel_map: SvgMap | None
    standard_days: int

    @property
    def next_hearing(self) -> Any:
        """The soonest scheduled hearing among the claim's cases (a case with `next_on`)."""
        pending = [c for c in self.cases if getattr(c, "next_on", None)]
        return min(pending, key=lambda c: c.next_on, default=None)


def claim_detail(*, user: Any, pk: int) -> ClaimDetail:
    """Everything the claim page shows, each part read within what the user may see."""
    claim = claim_get(user=user, pk=pk)
    parcels = list(claim_parcel_list(user=user, claim=claim))
    cases = list(case_list(user=user).filter(claims=claim).order_by("pk"))
    return ClaimDetail(
        claim=claim,
        events=list(claim_event_list(user=user, claim=claim).order_by("happened_on", "id")),
        groups=list(LandlessGroup.objects.visible_to(user).filter(claims=claim)),
        parcels=parcels,
        cases=cases,
        orders_in_force=list(interim_order_list_in_force(user=user).filter(case__in=cases)),
        allocations=list(Allocation.objects.visible_to(user).filter(claim=claim)),
        parcel_map=svg_map([(to_shapely(p.geom) if p.geom else None, str(p)) for p in parcels]),
        standard_days=stage_standard_days(claim.stage),
    )


@dataclass(frozen=True)
class GroupDetail:
    """Everything the group page shows, each part read within what the user may see."""

    group: LandlessGroup
    # Each claim carries `visible_parcels`: its parcels the user may see, with mouza and dags.
    claims: list[Claim]
    # The court cases over those claims, soonest next date first.
    cases: list[LegalCase] = field(default_factory=list)
    # The cooperatives it belongs to (those the user may see), with its shares in each.
    cooperative_shares: list[CooperativeShare] = field(default_factory=list)
    savings: SavingsSummary | None = None
    # The training tab: the tier reached and the trainings its people attended.
    training: GroupTraining | None = None
    # The representatives tab: its members' seats on public bodies, by code.
    seats: list[Seat] = field(default_factory=list)
    # The safety-net checks the group took part in (its actions: {% action_timeline %}).
    safety_net_checks: list[Any] = field(default_factory=list)


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
    claims = list(claims)
    linked = LegalCase.objects.filter(claims__in=[claim.pk for claim in claims]).values("pk")
    cases = case_list(user=user).filter(pk__in=linked)
    shares = cooperative_share_list_for_group(user=user, group=group)
    return GroupDetail(
        group=group,
        claims=claims,
        cases=list(cases),
        cooperative_shares=list(shares),
        savings=savings_summary(user=user, group=group),
        training=group_training(user=user, group=group),
        seats=list(seat_list_for_group(user=user, group=group)),
        safety_net_checks=list(safety_net_check_list_for_group(user=user, group=group)),
    )


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
        claims=claim_list(user=user, area=area).count(),
    )


def _parcels_by_child(*, user: Any, area: AdminArea) -> Counter[int | None]:
    """Visible parcels of `area` counted by the child area they lie in (None: `area` itself,
    for a mouza), in one query grouped by mouza."""
    depth = len(area.path.strip("/").split("/"))
    rows = (
        parcel_list(user=user, area=area)
        .values_list("mouza__path")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: Counter[int | None] = Counter()
    for path, n in rows:
        ids = path.strip("/").split("/")
        counts[int(ids[depth]) if len(ids) > depth else None] += n
    return counts
