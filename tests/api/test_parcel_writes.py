"""Parcels recorded and corrected over the API through the parcel services, with If-Match."""

from __future__ import annotations

import json

import pytest

from landclaims.parcels.models import Parcel
from tests import geoms
from tests.api.conftest import client_for
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def body(places, **extra):
    square = geoms.square(places.mouza_a.centre.coords, 80)
    return {
        "mouza": places.mouza_a.pk,
        "survey": "RS",
        "dag_nos": ["৭১"],
        "other_dags": [{"survey": "CS", "dag_no": "33"}],
        "land_class": "agri_khas",
        "area_value": "20",
        "area_unit": "decimal",
        "geom": json.loads(square[0].geojson),
        "geom_source": "drawn",
        **extra,
    }


def test_an_organiser_records_a_drawn_parcel_with_dags_of_two_series(org, places) -> None:
    organiser = make_user(organisation=org, role="organiser")
    response = client_for(organiser).post("/api/v1/parcels/", body(places), format="json")
    assert response.status_code == 201, response.content
    parcel = Parcel.objects.get()
    assert set(parcel.dags.values_list("survey", "dag_no")) == {("RS", "71"), ("CS", "33")}
    assert parcel.geom_source == "drawn"
    assert response.headers["ETag"] == '"1"'


def test_a_crossed_boundary_is_refused_naming_the_field(org, places) -> None:
    organiser = make_user(organisation=org, role="organiser")
    bow = json.loads(geoms.bow_tie(places.mouza_a.centre.coords).geojson)
    response = client_for(organiser).post("/api/v1/parcels/", body(places, geom=bow), format="json")
    assert response.status_code == 400
    assert "geom" in json.dumps(response.json())
    assert not Parcel.objects.exists()


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_may_not_record_parcels(org, places, role) -> None:
    user = make_user(organisation=org, role=role)
    response = client_for(user).post("/api/v1/parcels/", body(places), format="json")
    assert response.status_code == 403
    assert not Parcel.objects.exists()


def test_a_patch_needs_the_current_etag(org, places) -> None:
    organiser = make_user(organisation=org, role="organiser")
    client = client_for(organiser)
    created = client.post(
        "/api/v1/parcels/", body(places, geom=None, geom_source=""), format="json"
    )
    url = f"/api/v1/parcels/{created.json()['id']}/"
    square = json.loads(geoms.square(places.mouza_a.centre.coords, 60).geojson)
    change = {"geom": square, "geom_source": "gps_walk", "khatian_no": "১২"}
    assert client.patch(url, change, format="json").status_code == 428
    assert client.patch(url, change, format="json", HTTP_IF_MATCH='"9"').status_code == 412
    done = client.patch(url, change, format="json", HTTP_IF_MATCH='"1"')
    assert done.status_code == 200, done.content
    assert done.headers["ETag"] == '"2"'
    parcel = Parcel.objects.get()
    assert parcel.khatian_no == "12" and parcel.geom_source == "gps_walk"


def test_a_viewer_may_not_patch_a_parcel(org, places) -> None:
    organiser = make_user(organisation=org, role="organiser")
    created = client_for(organiser).post("/api/v1/parcels/", body(places), format="json")
    viewer = make_user(organisation=org, role="viewer")
    url = f"/api/v1/parcels/{created.json()['id']}/"
    response = client_for(viewer).patch(url, {"notes": "x"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 403
