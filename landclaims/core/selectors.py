"""Reads for the home page: counts over what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.utils import timezone

from landclaims.cases.models import Hearing, LegalCase
from landclaims.claims.models import Claim
from landclaims.claims.stages import Stage
from landclaims.groups.models import LandlessGroup
from landclaims.incidents.models import Incident
from landclaims.parcels.models import Parcel


@dataclass(frozen=True)
class HomeCounts:
    parcels: int
    groups: int
    claims: int
    claims_by_stage: list[tuple[str, str, int]]  # (code, label, count), in process order
    cases_pending: int
    hearings_next_7_days: int
    incidents_last_90_days: int


def home_counts(*, user: Any) -> HomeCounts:
    today = timezone.localdate()
    by_stage = dict(
        Claim.objects.visible_to(user).values_list("stage").annotate(n=Count("id")).order_by()
    )
    return HomeCounts(
        parcels=Parcel.objects.visible_to(user).count(),
        groups=LandlessGroup.objects.visible_to(user).count(),
        claims=sum(by_stage.values()),
        claims_by_stage=[
            (s.value, s.label, by_stage[s.value]) for s in Stage if s.value in by_stage
        ],
        cases_pending=LegalCase.objects.visible_to(user)
        .filter(status=LegalCase.Status.PENDING)
        .count(),
        hearings_next_7_days=Hearing.objects.visible_to(user)
        .filter(
            status=Hearing.Status.SCHEDULED, scheduled_on__range=(today, today + timedelta(days=7))
        )
        .count(),
        incidents_last_90_days=Incident.objects.visible_to(user)
        .filter(occurred_on__gte=today - timedelta(days=90))
        .count(),
    )
