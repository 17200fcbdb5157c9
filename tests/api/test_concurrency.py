"""Optimistic concurrency over HTTP: ETag on reads, If-Match on changes (428, 412)."""

from __future__ import annotations

import pytest

from landclaims.claims.models import Claim, ClaimEvent
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db

MOVE = {"to": "application_prepared", "on": "2024-05-01"}


def stage_url(claim) -> str:
    return f"/api/v1/claims/{claim.pk}/stage/"


def test_a_claim_is_read_with_its_version_as_etag(world, organiser) -> None:
    response = client_for(organiser).get(f"/api/v1/claims/{world.claim_a.pk}/")
    assert response["ETag"] == '"1"'


def test_a_change_without_if_match_is_refused_with_428(world, organiser) -> None:
    response = client_for(organiser).post(stage_url(world.claim_a), MOVE, format="json")
    assert response.status_code == 428
    assert Claim.objects.get(pk=world.claim_a.pk).stage == "identified"


def test_if_match_star_is_refused_with_428(world, organiser) -> None:
    client = client_for(organiser)
    response = client.post(stage_url(world.claim_a), MOVE, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 428


@pytest.mark.parametrize("tag", ['"7"', 'W/"1"', "abc"])
def test_a_change_from_a_stale_or_foreign_etag_is_refused_with_412(world, organiser, tag) -> None:
    client = client_for(organiser)
    response = client.post(stage_url(world.claim_a), MOVE, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 412
    assert response.json()["errors"][0]["code"] == "edit_conflict"
    assert ClaimEvent.objects.filter(claim=world.claim_a).count() == 1


def test_the_second_of_two_writers_from_one_version_is_refused(world, organiser, legal) -> None:
    first, second = client_for(organiser), client_for(legal)
    etag = first.get(f"/api/v1/claims/{world.claim_a.pk}/")["ETag"]
    done = first.post(stage_url(world.claim_a), MOVE, format="json", HTTP_IF_MATCH=etag)
    late = second.post(
        f"/api/v1/claims/{world.claim_a.pk}/possession/",
        {"to": "grabbed", "on": "2024-05-02"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert (done.status_code, done["ETag"]) == (200, '"2"')
    assert late.status_code == 412
    claim = Claim.objects.get(pk=world.claim_a.pk)
    assert (claim.stage, claim.possession, claim.version) == (
        "application_prepared",
        "not_entered",
        2,
    )


def test_a_hearing_needs_the_cases_current_etag(world, legal) -> None:
    client = client_for(legal)
    url = f"/api/v1/cases/{world.case_a.pk}/hearings/{world.hearing_a.pk}/adjourn/"
    body = {"next_on": "2024-08-01", "purpose": "hearing"}
    assert client.post(url, body, format="json").status_code == 428
    assert client.post(url, body, format="json", HTTP_IF_MATCH='"1"').status_code == 412
    etag = client.get(f"/api/v1/cases/{world.case_a.pk}/")["ETag"]
    response = client.post(url, body, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 201
    assert response.json()["scheduled_on"] == "2024-08-01"
    assert response["ETag"] == f'"{int(etag.strip(chr(34))) + 1}"'


@pytest.mark.parametrize("role_user", ["monitor"])
def test_roles_that_only_read_may_not_change(world, request, role_user) -> None:
    client = client_for(request.getfixturevalue(role_user))
    response = client.post(stage_url(world.claim_a), MOVE, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 403


def test_organisers_may_not_record_on_cases(world, organiser) -> None:
    response = client_for(organiser).post(
        f"/api/v1/cases/{world.case_a.pk}/events/",
        {"kind": "charge_sheet", "on": "2024-05-20"},
        format="json",
        HTTP_IF_MATCH='"3"',
    )
    assert response.status_code == 403
