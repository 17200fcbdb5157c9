"""The API's stage change goes through the claim page's service and refuses the same moves."""

from __future__ import annotations

import pytest

from landclaims.claims.models import Claim
from landclaims.claims.stages import Stage
from tests.api.conftest import client_for
from tests.claims.test_refusals import claim_at, refused_targets

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(frozen_today):
    return frozen_today


def move(client, claim, **body):
    claim.refresh_from_db()
    return client.post(
        f"/api/v1/claims/{claim.pk}/stage/",
        {"on": "2024-05-01", **body},
        format="json",
        HTTP_IF_MATCH=f'"{claim.version}"',
    )


@pytest.mark.parametrize("current", list(Stage), ids=str)
def test_the_api_refuses_every_move_the_process_forbids(current, org, places, organiser) -> None:
    claim = claim_at(current, org, places)
    client = client_for(organiser)
    for target in refused_targets(current):
        response = move(client, claim, to=target)
        assert response.status_code == 400, f"{current} -> {target}"
        assert [e["field"] for e in response.json()["errors"]] == ["to"], f"{current} -> {target}"
        assert Claim.objects.get(pk=claim.pk).stage == current


def test_the_refusal_names_the_stages_allowed_next(org, places, organiser) -> None:
    claim = claim_at(Stage.SETTLED, org, places)
    reason = move(client_for(organiser), claim, to="identified").json()["errors"][0]["reason"]
    assert reason.endswith("Allowed next: Settlement cancelled, Land eroded.")


def test_skipping_a_stage_needs_its_date_and_number(org, places, organiser) -> None:
    claim = claim_at(Stage.IDENTIFIED, org, places)
    response = move(client_for(organiser), claim, to="field_inquiry")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "skipped"
    assert "Application prepared" in response.json()["errors"][0]["reason"]


def test_a_skip_with_dates_and_numbers_records_every_stage(org, places, organiser) -> None:
    claim = claim_at(Stage.IDENTIFIED, org, places)
    response = move(
        client_for(organiser),
        claim,
        to="field_inquiry",
        skipped=[
            {"stage": "application_prepared", "on": "2024-03-01"},
            {"stage": "application_filed", "on": "2024-04-01", "number": "১২/২০২৪"},
        ],
    )
    assert response.status_code == 200, response.json()
    claim.refresh_from_db()
    assert (claim.stage, claim.register13_no) == ("field_inquiry", "12/2024")
    stages = list(claim.events.filter(kind="stage").values_list("to_value", flat=True))
    assert stages[-3:] == ["application_prepared", "application_filed", "field_inquiry"]
    assert response.json()["stage"] == "field_inquiry"


def test_a_date_in_the_future_is_refused_beside_the_date(org, places, organiser) -> None:
    claim = claim_at(Stage.IDENTIFIED, org, places)
    response = move(client_for(organiser), claim, to="application_prepared", on="2024-07-01")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "on"


def test_a_malformed_body_names_each_field(org, places, organiser) -> None:
    claim = claim_at(Stage.IDENTIFIED, org, places)
    response = move(
        client_for(organiser), claim, to="nowhere", on="yesterday", skipped=[{"stage": "x"}]
    )
    fields = sorted(e["field"] for e in response.json()["errors"])
    assert response.status_code == 400
    assert fields == ["on", "skipped.0.on", "skipped.0.stage", "to"]
