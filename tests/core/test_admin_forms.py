"""Adding records in the admin goes through the same services as everywhere else."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.gis.geos import MultiPolygon
from django.urls import reverse

from landclaims.claims.models import Claim
from landclaims.core.text import bengali_digits
from landclaims.parcels.models import Parcel
from tests import geoms
from tests.factories import log_in, make_group, make_parcel, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, org):
    user = make_user(organisation=org, role="admin")
    user.is_staff = user.is_superuser = True
    user.save()
    log_in(client, user)
    return client


def as_widget_json(geom) -> str:
    """The admin map widget posts GeoJSON in its map projection, EPSG:3857."""
    clone = geom.clone()
    clone.transform(3857)
    return clone.geojson


def parcel_form(org, mouza, **extra):
    return {
        "organisation": org.pk,
        "mouza": mouza.pk,
        "survey": "RS",
        "dag_nos": "১২০, 121",
        "land_class": "agri_khas",
        "area_value": "৩৩",
        "area_unit": "decimal",
        "geom": as_widget_json(geoms.square(geoms.TANGAIL, 80)),
        "geom_source": "gps_walk",
        **extra,
    }


def test_adding_a_parcel_in_the_admin_records_its_dags_and_area(admin_client, org, places) -> None:
    response = admin_client.post(
        reverse("admin:parcels_parcel_add"), parcel_form(org, places.mouza_a)
    )
    assert response.status_code == 302
    parcel = Parcel.objects.get()
    assert sorted(parcel.dags.values_list("dag_no", flat=True)) == ["120", "121"]
    assert float(parcel.area_m2) == pytest.approx(33 * 40.468564224, abs=0.01)
    assert parcel.created_by is not None


def test_admin_number_fields_take_bengali_digits(admin_client, org, places) -> None:
    form = parcel_form(org, places.mouza_a, accuracy_m=bengali_digits("12.5"))
    response = admin_client.post(reverse("admin:parcels_parcel_add"), form)
    assert response.status_code == 302
    assert Parcel.objects.get().accuracy_m == 12.5


def test_an_invalid_boundary_in_the_admin_is_shown_and_nothing_is_saved(
    admin_client, org, places
) -> None:
    form = parcel_form(
        org, places.mouza_a, geom=as_widget_json(MultiPolygon(geoms.bow_tie(), srid=4326))
    )
    response = admin_client.post(reverse("admin:parcels_parcel_add"), form)
    assert response.status_code == 200
    assert "The boundary crosses itself" in response.content.decode()
    assert not Parcel.objects.exists()


def test_a_duplicate_dag_in_the_admin_is_shown_on_the_dag_field(admin_client, org, places) -> None:
    make_parcel(organisation=org, mouza=places.mouza_a, dag_nos=["121"])
    response = admin_client.post(
        reverse("admin:parcels_parcel_add"), parcel_form(org, places.mouza_a)
    )
    assert "dag_nos" in response.context["adminform"].form.errors
    assert Parcel.objects.count() == 1


def test_a_parcels_boundary_cannot_be_changed_in_the_admin(admin_client, org, places) -> None:
    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    url = reverse("admin:parcels_parcel_change", args=[parcel.pk])
    form = admin_client.get(url).context["adminform"].form
    assert form.fields["geom"].disabled and form.fields["mouza"].disabled


def test_adding_a_claim_in_the_admin_starts_its_history(admin_client, org, places) -> None:
    group = make_group(organisation=org, village=places.village_a)
    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    response = admin_client.post(
        reverse("admin:claims_claim_add"),
        {
            "organisation": org.pk,
            "groups": [group.pk],
            "parcels": [parcel.pk],
            "opened_on": date(2023, 1, 1).isoformat(),
            "possession": "group_in_possession",
            "title": "Bil Kuralia",
            "events-TOTAL_FORMS": 0,
            "events-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.district == places.district_a
    assert list(claim.events.values_list("kind", "to_value")) == [
        ("stage", "identified"),
        ("possession", "group_in_possession"),
    ]
