"""Reads of incidents, starting from what the user may see (IncidentQuerySet.visible_to, which
also keeps sexual violence from the roles that do not read names)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from landclaims.claims.models import Claim
from landclaims.groups.models import LandlessGroup
from landclaims.incidents.models import Incident
from landclaims.places.models import AdminArea


def incident_list(*, user: Any, kind: str = "") -> QuerySet[Incident]:
    incidents = Incident.objects.visible_to(user).select_related("district")
    return incidents.filter(kind=kind) if kind else incidents


@dataclass(frozen=True)
class IncidentFilters:
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None
    area: AdminArea | None = None
    group: LandlessGroup | None = None
    claim: Claim | None = None


def incident_list_filtered(*, user: Any, filters: IncidentFilters) -> QuerySet[Incident]:
    """The incidents page: newest first, narrowed by kind, dates, area, group and claim."""
    incidents = incident_list(user=user, kind=filters.kind)
    if filters.date_from is not None:
        incidents = incidents.filter(occurred_on__gte=filters.date_from)
    if filters.date_to is not None:
        incidents = incidents.filter(occurred_on__lte=filters.date_to)
    if filters.area is not None:
        incidents = incidents.in_area(filters.area)  # type: ignore[assignment]
    if filters.group is not None:
        incidents = _of_group(incidents, filters.group)
    if filters.claim is not None:
        incidents = incidents.filter(claim=filters.claim)
    return incidents.select_related("parcel__mouza", "group", "claim").order_by(
        "-occurred_on", "-pk"
    )


def _of_group(incidents: QuerySet[Incident], group: LandlessGroup) -> QuerySet[Incident]:
    # The group's own incidents and those on the claims it pursues.
    return incidents.filter(pk__in=Incident.objects.filter(Q(group=group) | Q(claim__groups=group)))


def incident_get(*, user: Any, pk: int) -> Incident:
    return (
        Incident.objects.visible_to(user)
        .select_related("district", "parcel__mouza", "group", "claim", "legal_case")
        .get(pk=pk)
    )


def incident_list_for_claim(*, user: Any, claim: Claim) -> QuerySet[Incident]:
    """A claim's timeline: incidents on the claim or on one of its parcels."""
    incidents = Incident.objects.visible_to(user)
    mine = Q(claim=claim) | Q(parcel__in=claim.parcels.values("pk"))
    return incidents.filter(pk__in=Incident.objects.filter(mine)).order_by("-occurred_on", "-pk")


def incident_list_for_group(*, user: Any, group: LandlessGroup) -> QuerySet[Incident]:
    """A group's timeline: its own incidents and those on the claims it pursues."""
    return _of_group(Incident.objects.visible_to(user), group).order_by("-occurred_on", "-pk")
