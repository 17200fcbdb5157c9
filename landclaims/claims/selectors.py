"""Reads of claims, every one starting from what the user may see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from landclaims.claims import stages
from landclaims.claims.models import Claim, ClaimEvent
from landclaims.claims.stages import Stage
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.core.text import name_contains, normalise_search
from landclaims.groups.models import LandlessGroup
from landclaims.groups.selectors import group_list
from landclaims.parcels.models import Parcel


def claim_list(
    *,
    user: Any,
    area: Any = None,
    group: Any = None,
    group_name: str = "",
    mouza_name: str = "",
    stage: str | Sequence[str] = "",
    possession: str | Sequence[str] = "",
    stuck: bool = False,
) -> QuerySet[Claim]:
    """The claims `user` may see that match every filter given; `stage` and `possession` take
    one code or several (any of them)."""
    claims = Claim.objects.visible_to(user).select_related("district")
    if area is not None:
        claims = claims.in_area(area)
    if group is not None:
        claims = claims.filter(groups=group)
    if group_name:
        if not has_role(user, GROUP_NAME_READERS):
            raise PermissionDenied("This role sees groups by number and cannot search names.")
        named = name_contains(("groups__name_bn", "groups__name_en"), group_name)
        claims = claims.filter(pk__in=Claim.objects.filter(named).values("pk"))
    if mouza_name:
        named = name_contains(("parcels__mouza__name_bn", "parcels__mouza__name_en"), mouza_name)
        claims = claims.filter(pk__in=Claim.objects.filter(named).values("pk"))
    if stage:
        claims = claims.filter(stage__in=_codes(stage))
    if possession:
        claims = claims.filter(possession__in=_codes(possession))
    if stuck:
        claims = claims.filter(_stuck_condition())
    return claims


def _codes(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def claim_list_rows(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """`claims` as the claims list shows them: latest stage change first, with their groups
    and their parcels' mouza names, but none of the parcels' or mouzas' geometries (a
    mouza's boundary can be thousands of points, and a page lists hundreds of parcels)."""
    parcels = Parcel.objects.select_related("mouza").only("id", "mouza__name_en", "mouza__name_bn")
    return claims.prefetch_related("groups", Prefetch("parcels", queryset=parcels)).order_by(
        "-stage_since", "id"
    )


def stage_standard_days(stage: str) -> int:
    return settings.CLAIM_STAGE_STANDARDS.get(stage, settings.CLAIM_STAGE_STANDARD_DAYS)


def _stuck_condition() -> Q:
    """In a stage longer than its service standard; final stages are never stuck."""
    today = timezone.localdate()
    waiting = [s for s in Stage if s not in stages.TERMINAL and s != Stage.SETTLED]
    condition = Q(pk__in=[])
    for stage in waiting:
        limit = today - timedelta(days=stage_standard_days(stage))
        condition |= Q(stage=stage, stage_since__lt=limit)
    return condition


def claim_get(*, user: Any, pk: int) -> Claim:
    return Claim.objects.visible_to(user).get(pk=pk)


def claim_event_list(*, user: Any, claim: Claim) -> QuerySet[ClaimEvent]:
    """The claim's timeline, with the group or parcel each membership event names."""
    parcels = Parcel.objects.select_related("mouza").prefetch_related("dags")
    return (
        ClaimEvent.objects.visible_to(user)
        .filter(claim=claim)
        .select_related("recorded_by", "group")
        .prefetch_related(Prefetch("parcel", queryset=parcels.defer("geom", "mouza__geom")))
    )


@dataclass(frozen=True)
class NextStage:
    stage: Stage
    skips: list[Stage]  # stages whose date (and number) must be given to get there


def claim_next_stages(*, claim: Claim) -> list[NextStage]:
    """The stages a claim may move to now, each with the stages it would pass over."""
    resume = claim.resume_stage or None
    result = []
    for stage in stages.allowed_next(claim.stage, resume_stage=resume):
        jumps = stages.is_main(claim.stage) and stages.is_main(stage)
        skips = stages.skipped_between(claim.stage, stage) if jumps else []
        result.append(NextStage(stage=stage, skips=skips))
    return result


def claim_parcel_list(*, user: Any, claim: Claim) -> QuerySet[Parcel]:
    """The claim's parcels the user may see, with their mouza and dag numbers."""
    return (
        Parcel.objects.visible_to(user)
        .filter(claims=claim)
        .select_related("mouza")
        .prefetch_related("dags")
    )


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


# How many search hits the claim pages offer at once: a person narrows the search rather
# than scroll through a 10,000-row list.
FIND_LIMIT = 20


def claim_group_find(*, user: Any, name: str) -> list[LandlessGroup]:
    """Groups the user may see whose Bengali or English name contains `name`; only for
    roles that read group names (others would learn names by searching)."""
    if not name.strip():
        return []
    if not has_role(user, GROUP_NAME_READERS):
        raise PermissionDenied("This role sees groups by number and cannot search names.")
    found = group_list(user=user, search=name).order_by("name_bn", "pk")
    return list(found[:FIND_LIMIT])


def claim_parcel_find(*, user: Any, mouza: str = "", dag: str = "") -> list[Parcel]:
    """Parcels the user may see in a mouza whose name contains `mouza` (Bengali or English)
    and, when given, with the dag number `dag` (Bengali or ASCII digits)."""
    mouza, dag = mouza.strip(), normalise_search(dag)
    if not mouza and not dag:
        return []
    parcels = Parcel.objects.visible_to(user)
    if mouza:
        parcels = parcels.filter(name_contains(("mouza__name_en", "mouza__name_bn"), mouza))
    if dag:
        parcels = parcels.filter(pk__in=Parcel.objects.filter(dags__dag_no=dag).values("pk"))
    found = (
        parcels.select_related("mouza")
        .prefetch_related("dags")
        .defer("geom", "mouza__geom")
        .order_by("mouza__name_en", "pk")
    )
    return list(found[:FIND_LIMIT])


def claim_group_list(*, user: Any, claim: Claim) -> QuerySet[LandlessGroup]:
    """The claim's groups the user may see."""
    return LandlessGroup.objects.visible_to(user).filter(claims=claim).order_by("pk")


def claim_offered_groups(
    *, user: Any, group: int | None = None, parcel: int | None = None
) -> QuerySet[LandlessGroup]:
    """The groups a new claim offers when opened from a group's page (that group) or a
    parcel's (the groups already claiming the parcel)."""
    groups = LandlessGroup.objects.visible_to(user)
    match = Q(pk=group or 0)
    if parcel is not None:
        match |= Q(pk__in=Claim.objects.visible_to(user).filter(parcels=parcel).values("groups"))
    return groups.filter(match).order_by("pk")


def claim_offered_parcels(
    *, user: Any, group: int | None = None, parcel: int | None = None
) -> QuerySet[Parcel]:
    """The parcels a new claim offers when opened from a parcel's page (that parcel) or a
    group's (the parcels the group already claims)."""
    parcels = Parcel.objects.visible_to(user)
    match = Q(pk=parcel or 0)
    if group is not None:
        match |= Q(pk__in=Claim.objects.visible_to(user).filter(groups=group).values("parcels"))
    return parcels.filter(match).select_related("mouza").prefetch_related("dags").order_by("pk")
