"""Every stage change the process refuses, refused through the service and through the form."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.claims import stages
from landclaims.claims.models import Claim
from landclaims.claims.services import StageChangeRefused, claim_advance
from landclaims.claims.stages import Stage
from tests.factories import log_in, make_claim

pytestmark = pytest.mark.django_db

# A paused claim paused at field inquiry.
RESUME = Stage.FIELD_INQUIRY
REFUSED = [
    (current, target)
    for current in Stage
    for target in Stage
    if stages.refusal(current, target, resume_stage=RESUME if current in stages.PAUSES else None)
]


def claim_at(stage: Stage, org, places) -> Claim:
    """A claim placed at `stage` directly, as if its history had led there."""
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    resume = RESUME if stage in stages.PAUSES else ""
    Claim.objects.filter(pk=claim.pk).update(stage=stage, resume_stage=resume)
    claim.refresh_from_db()
    return claim


def test_the_list_of_refusals_is_not_empty() -> None:
    assert len(REFUSED) > 200


def refused_targets(current: Stage) -> list[Stage]:
    return [target for c, target in REFUSED if c == current]


@pytest.mark.parametrize("current", list(Stage), ids=str)
def test_the_service_refuses_every_move_the_process_forbids(current, org, places) -> None:
    claim = claim_at(current, org, places)
    for target in refused_targets(current):
        with pytest.raises(StageChangeRefused):
            claim_advance(claim=claim, to=target, on=date(2024, 5, 1), by=None)
        claim.refresh_from_db()
        assert (claim.stage, claim.events.count()) == (current, 1), f"{current} -> {target}"


@pytest.mark.parametrize("current", list(Stage), ids=str)
def test_the_form_refuses_every_move_the_process_forbids(
    current, org, places, organiser, client
) -> None:
    claim = claim_at(current, org, places)
    log_in(client, organiser)
    for target in refused_targets(current):
        data = {
            "version": claim.version,
            "seen_stage": claim.stage,
            "seen_possession": claim.possession,
            "to": target,
            "on": "01/05/2024",
        }
        response = client.post(reverse("claims:change_stage", args=[claim.pk]), data)
        assert response.status_code == 400, f"{current} -> {target}"
        assert "to" in response.context["stage_form"].errors, f"{current} -> {target}"
        assert Claim.objects.get(pk=claim.pk).stage == current
