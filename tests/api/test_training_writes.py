"""Trainings (with attendance) and seats through the API: the same services and refusals as
the pages, If-Match on every change, monitors and viewers refused, members by code only for
the roles that do not read names, and nothing of another organisation or district."""

from __future__ import annotations

import pytest

from landclaims.representation.models import Seat
from landclaims.training.models import GroupAttendance, TrainingEvent
from landclaims.training.services import GroupCount, training_attendance_set
from tests.api.conftest import client_for
from tests.factories import make_seat, make_training, make_user
from tests.training.conftest import Scene, build_scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(org, places) -> Scene:
    return build_scene(org, places)


TRAININGS = "/api/v1/trainings/"
SEATS = "/api/v1/seats/"


def _fields(response):
    return [error["field"] for error in response.json()["errors"]]


def _new(places, **extra):
    return {"title": "Basic rights awareness", "tier": "basic", "topics": ["khas_land"],
            "started_on": "২০২৪-০২-১০", "district": places.district_a.pk, **extra}  # fmt: skip


def _attended(org, places, scene):
    event = make_training(organisation=org, district=places.district_a)
    training_attendance_set(
        event=event,
        groups=[GroupCount(scene.women, women=9), GroupCount(scene.far, women=2)],
        members=[scene.rahima],
        by=None,
    )
    return TrainingEvent.objects.get(pk=event.pk)


def test_an_organiser_records_a_training(scene, places):
    response = client_for(scene.users["organiser"]).post(TRAININGS, _new(places), format="json")
    assert response.status_code == 201, response.json()
    event = TrainingEvent.objects.get(pk=response.json()["id"])
    assert (event.ended_on, event.topics, response["ETag"]) == (
        event.started_on,
        ["khas_land"],
        '"1"',
    )


def test_a_place_outside_the_district_is_refused_naming_the_field(scene, places):
    body = _new(places, place=places.union_b.pk)
    response = client_for(scene.users["organiser"]).post(TRAININGS, body, format="json")
    assert response.status_code == 400
    assert _fields(response) == ["place"]
    assert not TrainingEvent.objects.exists()


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_may_not_write(scene, places, org, role):
    client = client_for(scene.users[role])
    assert client.post(TRAININGS, _new(places), format="json").status_code == 403
    event = make_training(organisation=org, district=places.district_a)
    body = {"groups": [{"group": scene.women.pk, "women": 3}]}
    response = client.put(
        f"{TRAININGS}{event.pk}/attendance/", body, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 403
    seat = make_seat(member=scene.rahima)
    assert client.patch(f"{SEATS}{seat.pk}/", {"to_on": "2024-01-01"}, format="json",
                        HTTP_IF_MATCH='"1"').status_code == 403  # fmt: skip


def test_attendance_is_set_with_if_match(scene, places, org):
    event = make_training(organisation=org, district=places.district_a)
    client = client_for(scene.users["organiser"])
    url = f"{TRAININGS}{event.pk}/attendance/"
    body = {"groups": [{"group": scene.women.pk, "women": 12}, {"group": scene.men.pk, "men": 4}],
            "members": [scene.rahima.pk, scene.karim.pk]}  # fmt: skip
    assert client.put(url, body, format="json").status_code == 428
    assert client.put(url, body, format="json", HTTP_IF_MATCH='"7"').status_code == 412
    response = client.put(url, body, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.json()
    assert response["ETag"] == '"2"'
    assert sorted(response.json()["member_codes"]) == ["M-1", "W-1"]
    assert GroupAttendance.objects.filter(event=event).count() == 2


def test_a_member_of_a_group_that_did_not_come_is_refused(scene, places, org):
    event = make_training(organisation=org, district=places.district_a)
    body = {"groups": [{"group": scene.women.pk, "women": 12}], "members": [scene.karim.pk]}
    response = client_for(scene.users["organiser"]).put(
        f"{TRAININGS}{event.pk}/attendance/", body, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 400
    assert _fields(response) == ["members"]
    assert not GroupAttendance.objects.exists()


def test_a_monitor_reads_member_codes_but_no_member_ids(scene, places, org):
    event = _attended(org, places, scene)
    body = client_for(scene.users["monitor"]).get(f"{TRAININGS}{event.pk}/").json()
    assert body["member_codes"] == ["W-1"]
    assert body["member_ids"] is None
    organiser = client_for(scene.users["organiser"]).get(f"{TRAININGS}{event.pk}/").json()
    assert organiser["member_ids"] == [scene.rahima.pk]


def test_attendance_of_groups_in_other_districts_is_left_out(scene, places, org):
    event = _attended(org, places, scene)
    reader = make_user(organisation=org, role="monitor", districts=[places.district_a])
    body = client_for(reader).get(f"{TRAININGS}{event.pk}/").json()
    assert [row["group"] for row in body["attendance"]] == [scene.women.pk]


def test_another_organisation_sees_no_training_or_seat(scene, places, org, other_org):
    event = _attended(org, places, scene)
    seat = make_seat(member=scene.rahima)
    outsider = client_for(make_user(organisation=other_org, role="admin"))
    assert outsider.get(TRAININGS).json()["count"] == 0
    assert outsider.get(f"{TRAININGS}{event.pk}/").status_code == 404
    assert outsider.get(f"{SEATS}{seat.pk}/").status_code == 404


def test_trainings_filter_by_tier_topic_and_group(scene, places, org):
    _attended(org, places, scene)
    make_training(organisation=org, district=places.district_a, tier="advanced",
                  topics=["violence_against_women"])  # fmt: skip
    client = client_for(scene.users["viewer"])
    assert client.get(TRAININGS, {"tier": "advanced"}).json()["count"] == 1
    assert client.get(TRAININGS, {"topic": "violence_against_women"}).json()["count"] == 1
    assert client.get(TRAININGS, {"group": scene.women.pk}).json()["count"] == 1


def test_a_seat_is_added_and_ended(scene):
    client = client_for(scene.users["legal"])
    body = {"member": scene.rahima.pk, "body": "khas_land_committee", "how": "nominated",
            "from_on": "2023-03-01"}  # fmt: skip
    response = client.post(SEATS, body, format="json")
    assert response.status_code == 201, response.json()
    url = f"{SEATS}{response.json()['id']}/"
    early = client.patch(url, {"to_on": "2022-01-01"}, format="json", HTTP_IF_MATCH='"1"')
    assert (early.status_code, _fields(early)) == (400, ["to_on"])
    response = client.patch(url, {"to_on": "2024-03-01"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.json()
    assert (response.json()["to_on"], response["ETag"]) == ("2024-03-01", '"2"')


def test_a_seat_ending_before_it_began_is_refused_naming_the_field(scene):
    seat = make_seat(member=scene.rahima)
    response = client_for(scene.users["organiser"]).patch(
        f"{SEATS}{seat.pk}/", {"to_on": "2000-01-01"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 400
    assert _fields(response) == ["to_on"]
    assert Seat.objects.get().to_on is None


def test_a_viewer_reads_seats_by_code_without_member_ids(scene):
    make_seat(member=scene.rahima)
    body = client_for(scene.users["viewer"]).get(SEATS, {"current": "true"}).json()
    (seat,) = body["results"]
    assert (seat["member_code"], seat["member"], seat["held"]) == ("W-1", None, True)
