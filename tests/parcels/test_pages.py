"""The parcel form: drawn, uploaded or typed; refusals beside the map, nothing saved."""

from __future__ import annotations

import geopandas as gpd
import pyogrio
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from shapely.geometry import MultiLineString

from landclaims.parcels.models import Parcel
from landclaims.parcels.services import parcel_create
from tests import geoms
from tests.factories import log_in, make_parcel, make_user

pytestmark = pytest.mark.django_db


def form(places, **extra):
    return {
        "mouza_name": "Tangail",
        "survey": "RS",
        "dag_nos": "১০১, 102",
        "other_dags": "CS 55",
        "land_class": "agri_khas",
        "area_value": "",
        "area_unit": "",
        **extra,
    }


def test_a_drawn_parcel_is_saved_with_its_boundary(client, org, places, organiser) -> None:
    log_in(client, organiser)
    square = geoms.square(places.mouza_a.centre.coords, 80)
    data = form(places, mouza=places.mouza_a.pk, geometry=square[0].geojson, geom_source="drawn")
    response = client.post(reverse("parcels:new"), data)
    assert response.status_code == 302, response.context["form"].errors
    parcel = Parcel.objects.get()
    assert parcel.geom_source == "drawn"
    assert set(parcel.dags.values_list("survey", "dag_no")) == {
        ("RS", "101"), ("RS", "102"), ("CS", "55"),
    }  # fmt: skip


def test_a_crossed_boundary_is_refused_beside_the_map(client, org, places, organiser) -> None:
    log_in(client, organiser)
    bow = geoms.bow_tie(places.mouza_a.centre.coords)
    data = form(places, mouza=places.mouza_a.pk, geometry=bow.geojson, geom_source="drawn")
    response = client.post(reverse("parcels:new"), data)
    assert response.status_code == 400
    assert 'id="boundary-refused"' in response.content.decode()
    assert not Parcel.objects.exists()


def test_a_gpx_walk_is_shown_before_it_is_saved(client, org, places, organiser, tmp_path) -> None:
    fields = {"survey": "RS", "dag_nos": ["77"], "land_class": "agri_khas"}
    parcel = parcel_create(organisation=org, mouza=places.mouza_a, **fields).parcel
    lon, lat = places.mouza_a.centre.coords
    ring = [(lon, lat), (lon + 0.001, lat), (lon + 0.001, lat + 0.001), (lon, lat + 0.001)]
    frame = gpd.GeoDataFrame({"name": ["walk"]}, geometry=[MultiLineString([ring])], crs=4326)
    pyogrio.write_dataframe(frame, tmp_path / "walk.gpx", driver="GPX", layer="tracks")
    log_in(client, organiser)
    url = reverse("parcels:edit", args=[parcel.pk])
    data = {**form(places, mouza_name="", dag_nos=parcel.dag_display, other_dags=""), "version": 1}
    upload = SimpleUploadedFile("walk.gpx", (tmp_path / "walk.gpx").read_bytes())
    shown = client.post(url, {**data, "boundary_file": upload})
    assert shown.status_code == 200
    assert 'id="file-preview"' in shown.content.decode()
    parcel.refresh_from_db()
    assert parcel.geom is None
    geometry = shown.context["form"].data["geometry"]
    saved = client.post(url, {**data, "geometry": geometry, "geom_source": "gps_walk"})
    assert saved.status_code == 302
    parcel.refresh_from_db()
    assert parcel.geom_source == "gps_walk" and parcel.geom.area > 0


def test_the_parcel_page_links_edit_for_writers_only(client, org, places, organiser) -> None:
    from tests.factories import make_user

    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    log_in(client, organiser)
    assert (
        'id="edit-parcel"'
        in client.get(reverse("parcels:detail", args=[parcel.pk])).content.decode()
    )
    viewer = make_user(organisation=org, role="viewer")
    log_in(client, viewer)
    assert (
        'id="edit-parcel"'
        not in client.get(reverse("parcels:detail", args=[parcel.pk])).content.decode()
    )


@pytest.mark.parametrize("page", ["claims:list", "maps:map"])
def test_the_claims_list_and_the_map_offer_a_new_parcel_to_writers_only(
    client, org, places, organiser, page
) -> None:
    log_in(client, organiser)
    assert reverse("parcels:new") in client.get(reverse(page)).content.decode()
    monitor = make_user(organisation=org, role="monitor")
    log_in(client, monitor)
    assert reverse("parcels:new") not in client.get(reverse(page)).content.decode()
