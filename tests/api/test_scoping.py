"""Another organisation's records never appear, in lists or in detail; district-limited staff
see only their districts."""

from __future__ import annotations

import pytest

from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:
    body = response.json()
    return {row["id"] for row in body.get("results", body.get("features", []))}


def theirs(world, endpoint):
    """The other organisation's record served by `endpoint`."""
    records = {
        "claims": world.claim_other,
        "cases": world.case_other,
        "hearings": world.hearing_other,
        "allocations": world.allocation_other,
        "incidents": world.incident_other,
        "parcels": world.claim_other.parcels.get(),
        "groups": world.claim_other.groups.get(),
        "claim-events": world.claim_other.events.first(),
        "case-events": world.case_other.events.first(),
    }
    return records[endpoint]


ENDPOINTS = [
    "claims",
    "cases",
    "hearings",
    "allocations",
    "incidents",
    "parcels",
    "groups",
    "claim-events",
    "case-events",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_another_organisations_records_are_never_listed(world, organiser, endpoint) -> None:
    listed = ids(client_for(organiser).get(f"/api/v1/{endpoint}/", {"page_size": 500}))
    assert listed
    assert theirs(world, endpoint).pk not in listed


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_another_organisations_record_is_not_found(world, organiser, endpoint) -> None:
    response = client_for(organiser).get(f"/api/v1/{endpoint}/{theirs(world, endpoint).pk}/")
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_district_staff_see_only_their_districts(world, legal_a) -> None:
    client = client_for(legal_a)
    assert ids(client.get("/api/v1/claims/")) == {world.claim_a.pk}
    assert ids(client.get("/api/v1/cases/")) == {world.case_a.pk}
    assert client.get(f"/api/v1/claims/{world.claim_b.pk}/").status_code == 404
    assert client.get(f"/api/v1/cases/{world.case_b.pk}/").status_code == 404


def test_a_change_to_an_invisible_record_is_not_found(world, legal_a) -> None:
    response = client_for(legal_a).post(
        f"/api/v1/claims/{world.claim_b.pk}/stage/",
        {"to": "application_prepared", "on": "2024-05-01"},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 404
    world.claim_b.refresh_from_db()
    assert world.claim_b.stage == "identified"


def test_a_person_without_a_membership_sees_nothing(world, no_membership) -> None:
    client = client_for(no_membership)
    for endpoint in ENDPOINTS:
        assert ids(client.get(f"/api/v1/{endpoint}/")) == set(), endpoint


def test_ids_of_linked_records_are_only_those_the_user_may_see(world, legal_a, places) -> None:
    world.case_a.claims.add(world.claim_b)  # a case in district A about a claim in district B
    case = client_for(legal_a).get(f"/api/v1/cases/{world.case_a.pk}/").json()
    assert case["claims"] == [world.claim_a.pk]
