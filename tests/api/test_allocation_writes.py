"""Recording and correcting allocations, and who holds the land, through the API: the same
services as the pages, If-Match on every change to an existing allocation."""

from __future__ import annotations

import pytest

from landclaims.allocations.models import Allocation
from landclaims.allocations.services import allocation_record
from tests.api.conftest import client_for
from tests.factories import make_claim, make_user

pytestmark = pytest.mark.django_db

ALLOCATIONS = "/api/v1/allocations/"


@pytest.fixture
def claim(org, places, frozen_today):
    return make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)


@pytest.fixture
def organiser(org):
    return make_user(organisation=org, role="organiser")


@pytest.fixture
def allocation(claim):
    return allocation_record(
        parcel=claim.parcels.get(), claim=claim, area_value="10", area_unit="decimal", title="joint"
    )


def test_an_organiser_records_an_allocation_with_bengali_digits(claim, organiser) -> None:
    body = {
        "parcel": claim.parcels.get().pk,
        "claim": claim.pk,
        "group": claim.groups.get().pk,
        "area_value": "১৫",
        "area_unit": "decimal",
        "title": "joint",
        "kabuliyat_no": "১২",
        "kabuliyat_on": "2023-04-01",
    }
    response = client_for(organiser).post(ALLOCATIONS, body, format="json")
    assert response.status_code == 201, response.json()
    assert response["ETag"] == '"1"'
    allocation = Allocation.objects.get(pk=response.json()["id"])
    assert allocation.kabuliyat_no == "12"
    assert float(allocation.area_m2) == pytest.approx(15 * 40.468564224, abs=0.01)


def test_a_refusal_names_the_field(claim, organiser) -> None:
    body = {"parcel": claim.parcels.get().pk, "claim": claim.pk, "area_value": "900",
            "area_unit": "decimal", "title": "joint"}  # fmt: skip
    response = client_for(organiser).post(ALLOCATIONS, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "area_value"


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_may_not_write(claim, allocation, org, role) -> None:
    client = client_for(make_user(organisation=org, role=role))
    body = {"parcel": claim.parcels.get().pk, "area_value": "1", "area_unit": "decimal"}
    created = client.post(ALLOCATIONS, body, format="json")
    patched = client.patch(
        f"{ALLOCATIONS}{allocation.pk}/", {"dcr_no": "1"}, format="json", HTTP_IF_MATCH='"1"'
    )
    holder = client.post(
        f"{ALLOCATIONS}{allocation.pk}/holder/",
        {"held_by": "encroacher", "since": "2024-01-01"},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert (created.status_code, patched.status_code, holder.status_code) == (403, 403, 403)
    assert Allocation.objects.count() == 1


def test_a_correction_needs_if_match_and_raises_the_etag(allocation, organiser) -> None:
    client = client_for(organiser)
    url = f"{ALLOCATIONS}{allocation.pk}/"
    assert client.patch(url, {"dcr_no": "5"}, format="json").status_code == 428
    response = client.patch(url, {"dcr_no": "৫"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.json()
    assert (response["ETag"], response.json()["dcr_no"]) == ('"2"', "5")
    stale = client.patch(url, {"dcr_no": "6"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412


def test_who_holds_the_land_is_recorded_with_its_date(allocation, organiser) -> None:
    response = client_for(organiser).post(
        f"{ALLOCATIONS}{allocation.pk}/holder/",
        {"held_by": "land_office", "since": "2024-03-01", "note": "Resumed"},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["held_by"], response.json()["held_since"]) == (
        "land_office",
        "2024-03-01",
    )
