"""The lists filter like the pages: the page's selector applies the same parameters."""

from __future__ import annotations

from datetime import date

import pytest

from landclaims.claims.services import claim_advance
from landclaims.core.text import bengali_digits
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


def test_claims_filter_by_area_stage_and_mouza_name(world, organiser, places) -> None:
    claim_advance(claim=world.claim_a, to="application_prepared", on=date(2024, 5, 1), by=None)
    client = client_for(organiser)
    assert ids(client.get("/api/v1/claims/", {"area": places.district_b.pk})) == [world.claim_b.pk]
    assert ids(client.get("/api/v1/claims/", {"stage": "application_prepared"})) == [
        world.claim_a.pk
    ]
    assert ids(client.get("/api/v1/claims/", {"mouza": "গাইবান্ধা"})) == []
    assert ids(client.get("/api/v1/claims/", {"mouza": "Gaibandha"})) == [world.claim_b.pk]


def test_cases_filter_by_next_date(world, organiser) -> None:
    client = client_for(organiser)
    assert ids(client.get("/api/v1/cases/", {"next_from": "2024-06-15"})) == [world.case_a.pk]
    assert ids(client.get("/api/v1/cases/", {"next_to": "2024-06-15"})) == []


def test_hearings_filter_by_case_and_dates(world, organiser) -> None:
    client = client_for(organiser)
    listed = client.get(
        "/api/v1/hearings/", {"case": world.case_a.pk, "scheduled_from": "2024-07-01"}
    )
    assert ids(listed) == [world.hearing_a.pk]


def test_a_bad_filter_value_is_a_400_naming_the_parameter(world, organiser) -> None:
    response = client_for(organiser).get("/api/v1/claims/", {"stage": "nowhere", "district": "x"})
    assert response.status_code == 400
    assert sorted(e["field"] for e in response.json()["errors"]) == ["district", "stage"]


def test_a_filter_on_another_organisations_case_is_refused(world, organiser) -> None:
    response = client_for(organiser).get("/api/v1/hearings/", {"case": world.case_other.pk})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "case"


def test_pages_hold_at_most_the_page_size(world, organiser) -> None:
    body = client_for(organiser).get("/api/v1/admin-areas/", {"page_size": 3}).json()
    assert (body["type"], body["count"], len(body["features"])) == ("FeatureCollection", 10, 3)
    assert "page=2" in body["next"]


def test_dates_ids_and_numbers_may_be_given_in_bengali_digits(world, organiser) -> None:
    client = client_for(organiser)
    listed = client.get(
        "/api/v1/hearings/",
        {"case": world.case_a.pk, "scheduled_from": bengali_digits("01/07/2024")},
    )
    assert ids(listed) == [world.hearing_a.pk]
    next_from = bengali_digits("2024-06-15")
    assert ids(client.get("/api/v1/cases/", {"next_from": next_from})) == [world.case_a.pk]
    number = bengali_digits(world.case_a.number)
    assert ids(client.get("/api/v1/cases/", {"number": number})) == [world.case_a.pk]
    district = bengali_digits(str(world.claim_a.district_id))
    assert world.claim_a.pk in ids(client.get("/api/v1/claims/", {"district": district}))
