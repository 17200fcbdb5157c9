"""Reads of claims, every one starting from what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from landclaims.claims import stages
from landclaims.claims.models import Claim, ClaimEvent
from landclaims.claims.stages import Stage


def claim_list(
    *,
    user: Any,
    area: Any = None,
    group: Any = None,
    stage: str = "",
    possession: str = "",
    stuck: bool = False,
) -> QuerySet[Claim]:
    claims = Claim.objects.visible_to(user).select_related("district")
    if area is not None:
        claims = claims.filter(parcels__mouza__path__startswith=area.path).distinct()
    if group is not None:
        claims = claims.filter(groups=group)
    if stage:
        claims = claims.filter(stage=stage)
    if possession:
        claims = claims.filter(possession=possession)
    if stuck:
        limit = timezone.localdate() - timedelta(days=settings.CLAIM_STAGE_STANDARD_DAYS)
        claims = claims.exclude(stage__in=[*stages.TERMINAL, Stage.SETTLED]).filter(
            stage_since__lt=limit
        )
    return claims


def claim_get(*, user: Any, pk: int) -> Claim:
    return Claim.objects.visible_to(user).get(pk=pk)


def claim_event_list(*, user: Any, claim: Claim) -> QuerySet[ClaimEvent]:
    return ClaimEvent.objects.visible_to(user).filter(claim=claim).select_related("recorded_by")


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
