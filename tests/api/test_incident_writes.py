"""Recording and correcting incidents through the API: the same service as the pages, the
same refusals, If-Match on every correction; monitors and viewers are refused."""

from __future__ import annotations

import pytest

from landclaims.incidents.models import Incident
from tests.api.conftest import client_for
from tests.factories import make_user

pytestmark = pytest.mark.django_db

INCIDENTS = "/api/v1/incidents/"


def _new(world, **extra):
    return {
        "kind": "attack",
        "occurred_on": "২০২৪-০৫-০১",
        "women_affected": 2,
        "others_affected": 1,
        "perpetrators": "the grabber's men",
        "parcel": world.claim_a.parcels.get().pk,
        "group": world.claim_a.groups.get().pk,
        **extra,
    }


def test_an_organiser_records_an_incident_on_a_parcel(world, org, places) -> None:
    organiser = make_user(organisation=org, role="organiser")
    response = client_for(organiser).post(INCIDENTS, _new(world), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    incident = Incident.objects.get(pk=body["id"])
    assert (incident.district, incident.location, incident.others_affected) == (
        places.district_a,
        None,
        1,
    )
    assert body["properties"]["perpetrators"] == "the grabber's men"
    assert response["ETag"] == '"1"'


def test_an_incident_at_a_geojson_point_is_placed_there(world, org) -> None:
    organiser = make_user(organisation=org, role="organiser")
    point = {"type": "Point", "coordinates": [89.921, 24.251]}
    response = client_for(organiser).post(INCIDENTS, _new(world, location=point), format="json")
    assert response.status_code == 201, response.json()
    assert Incident.objects.get(pk=response.json()["id"]).location.x == pytest.approx(89.921)


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_may_not_record_incidents(world, org, role) -> None:
    reader = make_user(organisation=org, role=role)
    response = client_for(reader).post(INCIDENTS, _new(world), format="json")
    assert response.status_code == 403
    assert not Incident.objects.filter(kind="attack").exists()


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_may_not_correct_incidents(world, org, role) -> None:
    reader = make_user(organisation=org, role=role)
    url = f"{INCIDENTS}{world.incident_a.pk}/"
    response = client_for(reader).patch(url, {"kind": "threat"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 403


def test_monitors_do_not_read_perpetrators(world, org, monitor) -> None:
    organiser = make_user(organisation=org, role="organiser")
    created = client_for(organiser).post(INCIDENTS, _new(world), format="json").json()
    body = client_for(monitor).get(f"{INCIDENTS}{created['id']}/").json()
    assert body["properties"]["perpetrators"] is None


def test_another_organisations_group_reads_as_not_existing(world, org) -> None:
    organiser = make_user(organisation=org, role="organiser")
    theirs = world.claim_other.groups.get().pk
    response = client_for(organiser).post(INCIDENTS, _new(world, group=theirs), format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "group"


def test_a_correction_needs_if_match(world, legal) -> None:
    url = f"{INCIDENTS}{world.incident_a.pk}/"
    response = client_for(legal).patch(url, {"kind": "threat"}, format="json")
    assert response.status_code == 428


def test_a_correction_with_a_stale_etag_is_refused(world, legal) -> None:
    url = f"{INCIDENTS}{world.incident_a.pk}/"
    client = client_for(legal)
    client.patch(url, {"men_affected": 4}, format="json", HTTP_IF_MATCH='"1"')
    response = client.patch(url, {"kind": "threat"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 412
    assert Incident.objects.get(pk=world.incident_a.pk).kind == "eviction"


def test_a_correction_saves_and_answers_the_new_etag(world, legal) -> None:
    url = f"{INCIDENTS}{world.incident_a.pk}/"
    response = client_for(legal).patch(
        url, {"kind": "threat", "others_affected": "3"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200, response.json()
    assert response["ETag"] == '"2"'
    assert Incident.objects.get(pk=world.incident_a.pk).kind == "threat"
