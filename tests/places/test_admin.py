"""Areas and villages added in the admin go through the places services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from landclaims.places.models import AdminArea, MouzaJlNo, Village
from tests.core.admin_helpers import admin_client, form_errors, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client, org):
    return admin_client(client, staff(organisation=org, superuser=True))


def test_an_area_added_in_the_admin_gets_its_path_and_district(root, places) -> None:
    response = root.post(
        reverse("admin:places_adminarea_add"),
        {
            "level": "mouza",
            "name_en": "Char Kalma",
            "name_bn": "চর কালমা",
            "parent": places.union_a.pk,
        },
    )
    assert response.status_code == 302
    area = AdminArea.objects.get(name_en="Char Kalma")
    assert area.district == places.district_a
    assert area.path == f"{places.union_a.path}{area.pk}/"


def test_an_area_in_the_wrong_kind_of_parent_is_refused_on_the_parent_field(root, places) -> None:
    response = root.post(
        reverse("admin:places_adminarea_add"),
        {"level": "mouza", "name_en": "Nowhere", "name_bn": "কোথাও না", "parent": places.division.pk},
    )
    assert "parent" in form_errors(response)
    assert not AdminArea.objects.filter(name_en="Nowhere").exists()


def test_an_areas_place_in_the_tree_cannot_be_changed_in_the_admin(root, places) -> None:
    url = reverse("admin:places_adminarea_change", args=[places.mouza_a.pk])
    form = root.get(url).context["adminform"].form
    assert form.fields["parent"].disabled and form.fields["level"].disabled
    assert not form.fields["name_en"].disabled


def test_a_mouzas_jl_number_is_added_through_the_service(root, places) -> None:
    mouza = places.mouza_a
    response = root.post(
        reverse("admin:places_adminarea_change", args=[mouza.pk]),
        {
            "name_en": mouza.name_en,
            "name_bn": mouza.name_bn,
            "bbs_code": "",
            "hdx_pcode": "",
            "jl_nos-TOTAL_FORMS": 1,
            "jl_nos-INITIAL_FORMS": 0,
            "jl_nos-0-survey": "RS",
            "jl_nos-0-jl_no": "৪২",
        },
    )
    assert response.status_code == 302
    assert MouzaJlNo.objects.get(mouza=mouza).jl_no == "42"  # the service's ASCII digits


def test_a_village_added_in_the_admin_is_linked_to_its_mouzas(root, places) -> None:
    response = root.post(
        reverse("admin:places_village_add"),
        {
            "union": places.union_a.pk,
            "name_en": "Uttarpara",
            "name_bn": "উত্তরপাড়া",
            "mouzas": [places.mouza_a.pk],
        },
    )
    assert response.status_code == 302
    village = Village.objects.get(name_en="Uttarpara")
    assert list(village.mouzas.all()) == [places.mouza_a]


def test_a_village_in_a_mouza_instead_of_a_union_is_refused(root, places) -> None:
    response = root.post(
        reverse("admin:places_village_add"),
        {"union": places.mouza_a.pk, "name_en": "Wrong", "name_bn": "ভুল"},
    )
    assert "union" in form_errors(response)
    assert not Village.objects.filter(name_en="Wrong").exists()


def test_a_village_added_from_a_popup_is_kept(root, places) -> None:
    """The admin's "+" beside a field answers 200, not a redirect, when the add succeeds."""
    response = root.post(
        reverse("admin:places_village_add") + "?_popup=1&_to_field=id",
        {"union": places.union_a.pk, "name_en": "Popup", "name_bn": "পপআপ", "_popup": "1"},
    )
    assert response.status_code == 200
    assert "adminform" not in response.context
    assert Village.objects.filter(name_en="Popup").exists()
