"""Cooperatives through the API: the same services and refusals as the pages, If-Match on
corrections, 403 for monitors and viewers, scoping and group names by role."""

from __future__ import annotations

import pytest

from landclaims.cooperatives.models import Cooperative, CooperativeLand, Production
from tests import geoms
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db

COOPERATIVES = "/api/v1/cooperatives/"
LAND = "/api/v1/cooperative-land/"
PRODUCTION = "/api/v1/cooperative-production/"


def _new(places, group, **extra):
    return {
        "name_bn": "বিলপাড়া গণ সমবায়",
        "district": places.district_a.pk,
        "registration_no": "১২/২০২২",
        "registered_on": "২০২২-০৩-০১",
        "members": [{"group": group.pk, "shares": 3, "contribution_taka": "750.25"}],
        **extra,
    }


def test_an_organiser_records_a_cooperative_with_its_groups(coop, places):
    client = client_for(coop.users["organiser"])
    response = client.post(COOPERATIVES, _new(places, coop.groups[0]), format="json")
    assert response.status_code == 201, response.json()
    cooperative = Cooperative.objects.get(pk=response.json()["id"])
    share = cooperative.shares.get()
    assert (cooperative.registration_no, share.contribution_poisha) == ("12/2022", 75025)
    assert response["ETag"] == '"1"'


def test_a_refusal_names_the_field(coop, places):
    client = client_for(coop.users["organiser"])
    body = _new(places, coop.groups[0], registration_no="")
    response = client.post(COOPERATIVES, body, format="json")
    assert response.status_code == 400
    assert "registration_no" in str(response.json())


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_get_403_on_every_write(coop, places, role):
    client = client_for(coop.users[role])
    pk = coop.cooperative.pk
    assert client.get(f"{COOPERATIVES}{pk}/").status_code == 200
    assert client.post(COOPERATIVES, _new(places, coop.groups[0]), format="json").status_code == 403
    patch = client.patch(
        f"{COOPERATIVES}{pk}/", {"animator": "x"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert patch.status_code == 403
    land = {"cooperative": pk, "tenure": "owned"}
    assert client.post(LAND, land, format="json").status_code == 403
    row = {"cooperative": pk, "activity": "paddy", "season": "aman", "year": 2023}
    assert client.post(PRODUCTION, row, format="json").status_code == 403
    assert not Production.objects.exists() and not CooperativeLand.objects.exists()


def test_a_correction_needs_if_match_and_refuses_a_stale_one(coop):
    client = client_for(coop.users["organiser"])
    url = f"{COOPERATIVES}{coop.cooperative.pk}/"
    assert client.patch(url, {"animator": "A"}, format="json").status_code == 428
    ok = client.patch(url, {"animator": "A"}, format="json", HTTP_IF_MATCH='"1"')
    assert (ok.status_code, ok["ETag"]) == (200, '"2"')
    stale = client.patch(url, {"animator": "B"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412


def test_land_with_a_crossing_boundary_is_refused_naming_geom(coop):
    client = client_for(coop.users["organiser"])
    bow = geoms.bow_tie()
    body = {"cooperative": coop.cooperative.pk, "tenure": "owned", "geom": bow.geojson}
    response = client.post(LAND, body, format="json")
    assert response.status_code == 400
    assert "geom" in str(response.json())


def test_land_and_production_are_recorded(coop, places):
    client = client_for(coop.users["organiser"])
    square = geoms.square(places.mouza_a.centre.coords, 100)
    body = {"cooperative": coop.cooperative.pk, "tenure": "owned", "geom": square.geojson}
    land = client.post(LAND, body, format="json")
    assert land.status_code == 201, land.json()
    assert land.json()["properties"]["area_m2"]
    row = {
        "cooperative": coop.cooperative.pk,
        "land": land.json()["id"],
        "activity": "vermicompost",
        "season": "year_round",
        "year": 2023,
        "output_quantity": "900",
        "output_unit": "kg",
        "sales_taka": "13500",
    }
    response = client.post(PRODUCTION, row, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["sales_poisha"] == 1_350_000


def test_group_names_only_for_the_roles_that_read_them(coop):
    url = f"{COOPERATIVES}{coop.cooperative.pk}/"
    organiser = client_for(coop.users["organiser"]).get(url).json()
    monitor = client_for(coop.users["monitor"]).get(url).json()
    names = {g.name_bn for g in coop.groups}
    assert {m["group_name"] for m in organiser["members"]} == names
    assert not {m["group_name"] for m in monitor["members"]} & names


def test_another_organisation_sees_nothing(coop, outsider):
    client = client_for(outsider)
    assert client.get(COOPERATIVES).json()["results"] == []
    assert client.get(f"{COOPERATIVES}{coop.cooperative.pk}/").status_code == 404
