"""Opening and correcting claims and changing their groups and parcels through the API: the
same services as the pages, the same refusals, If-Match on every change to a claim."""

from __future__ import annotations

import pytest

from landclaims.claims.models import Claim, ClaimEvent
from tests.api.conftest import client_for
from tests.factories import make_group, make_parcel, make_user

pytestmark = pytest.mark.django_db

CLAIMS = "/api/v1/claims/"


def _if_match(claim: Claim) -> dict[str, str]:
    claim.refresh_from_db()
    return {"HTTP_IF_MATCH": f'"{claim.version}"'}


def test_an_organiser_opens_a_claim_at_a_later_stage(world, org, places, organiser) -> None:
    group = make_group(organisation=org, village=places.village_a)
    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    body = {
        "groups": [group.pk],
        "parcels": [parcel.pk],
        "opened_on": "২০১৫-০১-১০",
        "learned_from": "group_survey",
        "stage": "application_filed",
        "stage_on": "2016-02-01",
        "number": "R13-৯৯/2016",
        "skipped": [{"stage": "application_prepared", "on": "2015-06-01"}],
    }
    response = client_for(organiser).post(CLAIMS, body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["stage"], data["register13_no"], data["learned_from"]) == (
        "application_filed",
        "R13-99/2016",
        "group_survey",
    )
    assert response["Location"] == f"{CLAIMS}{data['id']}/"
    claim = Claim.objects.get(pk=data["id"])
    assert claim.events.filter(kind="stage").count() == 3


def test_another_organisations_parcel_reads_as_not_existing(world, org, places, organiser):
    group = make_group(organisation=org, village=places.village_a)
    theirs = world.claim_other.parcels.get()
    body = {"groups": [group.pk], "parcels": [theirs.pk], "opened_on": "2024-01-10"}
    response = client_for(organiser).post(CLAIMS, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"].startswith("parcels")


def test_a_patch_needs_if_match_and_corrects_the_title(world, organiser) -> None:
    claim = world.claim_a
    client = client_for(organiser)
    url = f"{CLAIMS}{claim.pk}/"
    assert client.patch(url, {"title": "Char Kukri"}, format="json").status_code == 428
    response = client.patch(url, {"title": "Char Kukri"}, format="json", **_if_match(claim))
    assert response.status_code == 200, response.json()
    assert response["ETag"] == f'"{claim.version + 1}"'
    claim.refresh_from_db()
    assert claim.title == "Char Kukri"


def test_a_stale_if_match_is_412_and_changes_nothing(world, organiser) -> None:
    claim = world.claim_a
    url = f"{CLAIMS}{claim.pk}/"
    response = client_for(organiser).patch(
        url, {"title": "x"}, format="json", HTTP_IF_MATCH=f'"{claim.version + 5}"'
    )
    assert response.status_code == 412
    claim.refresh_from_db()
    assert claim.title != "x"


def test_a_parcel_is_added_and_removed_as_dated_events(world, org, places, organiser) -> None:
    claim = world.claim_a
    parcel = make_parcel(organisation=org, mouza=places.mouza_a2)
    client = client_for(organiser)
    added = client.post(
        f"{CLAIMS}{claim.pk}/parcels/",
        {"parcel": parcel.pk, "on": "২০২৪-০৫-০১"},
        format="json",
        **_if_match(claim),
    )
    assert added.status_code == 200, added.json()
    assert parcel.pk in added.json()["parcels"]
    removed = client.post(
        f"{CLAIMS}{claim.pk}/parcels/{parcel.pk}/remove/",
        {"on": "2024-05-02"},
        format="json",
        HTTP_IF_MATCH=added["ETag"],
    )
    assert removed.status_code == 200, removed.json()
    assert parcel.pk not in removed.json()["parcels"]
    kinds = list(ClaimEvent.objects.filter(parcel=parcel).values_list("kind", flat=True))
    assert sorted(kinds) == ["parcel_added", "parcel_removed"]


def test_a_group_is_added_and_the_last_one_cannot_be_removed(world, org, places, organiser):
    claim = world.claim_a
    first = claim.groups.get()
    client = client_for(organiser)
    refused = client.post(
        f"{CLAIMS}{claim.pk}/groups/{first.pk}/remove/",
        {"on": "2024-05-02"},
        format="json",
        **_if_match(claim),
    )
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "group"
    second = make_group(organisation=org, village=places.village_a)
    added = client.post(
        f"{CLAIMS}{claim.pk}/groups/",
        {"group": second.pk, "on": "2024-05-01"},
        format="json",
        **_if_match(claim),
    )
    assert added.status_code == 200, added.json()
    assert set(added.json()["groups"]) == {first.pk, second.pk}


def test_another_organisations_group_reads_as_not_existing(world, organiser) -> None:
    claim = world.claim_a
    theirs = world.claim_other.groups.get()
    response = client_for(organiser).post(
        f"{CLAIMS}{claim.pk}/groups/",
        {"group": theirs.pk, "on": "2024-05-01"},
        format="json",
        **_if_match(claim),
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "group"


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_roles_that_do_not_write_claims_get_403(world, org, places, role) -> None:
    client = client_for(make_user(organisation=org, role=role))
    claim = world.claim_a
    group, parcel = claim.groups.get(), claim.parcels.get()
    match = _if_match(claim)
    refused = [
        client.post(CLAIMS, {"groups": [group.pk]}, format="json"),
        client.patch(f"{CLAIMS}{claim.pk}/", {"title": "x"}, format="json", **match),
        client.post(f"{CLAIMS}{claim.pk}/groups/", {"group": group.pk}, format="json", **match),
        client.post(f"{CLAIMS}{claim.pk}/groups/{group.pk}/remove/", {}, format="json", **match),
        client.post(f"{CLAIMS}{claim.pk}/parcels/", {"parcel": parcel.pk}, format="json", **match),
        client.post(f"{CLAIMS}{claim.pk}/parcels/{parcel.pk}/remove/", {}, format="json", **match),
    ]
    assert [r.status_code for r in refused] == [403] * 6
    assert claim.events.count() == 1
