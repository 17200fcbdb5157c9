"""/api/v1/actions/ and /api/v1/safety-net-checks/: the same services and scoping as the
pages, If-Match on corrections, 403 for monitors' and viewers' writes."""

from __future__ import annotations

import pytest

from landclaims.actions.models import Action, SafetyNetCheck
from tests.api.conftest import client_for
from tests.factories import make_action, make_safety_net_check

pytestmark = pytest.mark.django_db


def _body(scene, **extra):
    return {
        "kind": "sit_in",
        "took_place_on": "2024-03-10",
        "groups": [scene.group.pk],
        "women": 40,
        "men": 10,
        "venue": "AC Land's office",
        "claims": [scene.claim.pk],
        **extra,
    }


def test_an_organiser_records_a_sit_in(scene) -> None:
    response = client_for(scene.users["organiser"]).post(
        "/api/v1/actions/", _body(scene), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["women"], body["claims"], body["version"]) == (40, [scene.claim.pk], 1)
    assert response["ETag"] == '"1"'
    assert Action.objects.get().district == scene.claim.district


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_may_not_write(scene, role) -> None:
    client = client_for(scene.users[role])
    assert client.post("/api/v1/actions/", _body(scene), format="json").status_code == 403
    body = {"union": scene.group.village.union_id, "programme": "vgd"}
    assert client.post("/api/v1/safety-net-checks/", body, format="json").status_code == 403
    assert not Action.objects.exists()


def test_a_refusal_names_the_field(scene) -> None:
    response = client_for(scene.users["organiser"]).post(
        "/api/v1/actions/", _body(scene, women=0, men=0), format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "women"


def test_a_claim_the_caller_cannot_see_reads_as_missing(scene) -> None:
    response = client_for(scene.organiser_a).post(
        "/api/v1/actions/", _body(scene, claims=[scene.claim_b.pk]), format="json"
    )
    assert response.status_code == 400
    assert not Action.objects.exists()


def test_the_listing_hides_links_the_caller_cannot_see(org, scene) -> None:
    action = make_action(
        organisation=org, groups=[scene.group, scene.group_b], claims=[scene.claim, scene.claim_b]
    )
    body = client_for(scene.organiser_a).get(f"/api/v1/actions/{action.pk}/").json()
    assert (body["claims"], body["groups"]) == ([scene.claim.pk], [scene.group.pk])


def test_another_districts_action_is_not_found(org, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group_b])
    response = client_for(scene.organiser_a).get(f"/api/v1/actions/{action.pk}/")
    assert response.status_code == 404


def test_a_correction_needs_if_match_and_refuses_a_stale_one(org, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group])
    client = client_for(scene.users["legal"])
    url = f"/api/v1/actions/{action.pk}/"
    assert client.patch(url, {"outcome": "met"}, format="json").status_code == 428
    ok = client.patch(url, {"outcome": "met"}, format="json", HTTP_IF_MATCH='"1"')
    assert ok.status_code == 200 and ok.json()["outcome"] == "met"
    stale = client.patch(url, {"outcome": "not_met"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    action.refresh_from_db()
    assert (action.outcome, action.version) == ("met", 2)


def test_a_safety_net_check_is_recorded_and_corrected(org, places, scene) -> None:
    client = client_for(scene.users["organiser"])
    body = {
        "union": places.union_a.pk,
        "programme": "widow",
        "checked_on": "2024-03-12",
        "checked": "The widow allowance list",
        "irregularities_found": True,
        "irregularities": "Two names of women who remarried years ago",
        "people_wrongly_left_out": 3,
        "groups": [scene.group.pk],
    }
    response = client.post("/api/v1/safety-net-checks/", body, format="json")
    assert response.status_code == 201, response.json()
    check = SafetyNetCheck.objects.get()
    url = f"/api/v1/safety-net-checks/{check.pk}/"
    fixed = client.patch(url, {"outcome": "Listed again"}, format="json", HTTP_IF_MATCH='"1"')
    assert fixed.status_code == 200 and fixed.json()["version"] == 2


def test_checks_of_another_organisation_are_never_listed(org, places, scene, outsider) -> None:
    make_safety_net_check(organisation=org, union=places.union_a)
    body = client_for(outsider).get("/api/v1/safety-net-checks/").json()
    assert body["results"] == []
