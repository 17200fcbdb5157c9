"""The admin and the map page, as a signed-in person sees them."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from landclaims.parcels.models import Parcel
from tests.factories import log_in, make_parcel, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    user = make_user(organisation=None)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.mark.parametrize(
    "model_admin", list(admin.site._registry.values()), ids=lambda a: a.model._meta.label
)
def test_every_admin_list_and_add_page_opens(client, superuser, model_admin, places) -> None:
    log_in(client, superuser)
    meta = model_admin.model._meta
    changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(changelist, {"q": "চরপাড়া ১২"}).status_code == 200
    add_page = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
    assert add_page.status_code == (
        200 if model_admin.has_add_permission(add_page.wsgi_request) else 403
    )


def test_admin_search_matches_bengali_names_and_bengali_digits(
    client, superuser, org, places
) -> None:
    parcel = make_parcel(organisation=org, mouza=places.mouza_a2, dag_nos=["4521"])
    log_in(client, superuser)
    url = reverse("admin:parcels_parcel_changelist")
    by_digits = client.get(url, {"q": "৪৫২১"}).context["cl"].result_list
    by_name = client.get(url, {"q": "বিলকুড়ালিয়া"}).context["cl"].result_list
    assert list(by_digits) == list(by_name) == [parcel]


def test_the_admin_map_widget_loads_openlayers_from_our_own_static_files(
    client, superuser, org, places
) -> None:
    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    log_in(client, superuser)
    html = client.get(reverse("admin:parcels_parcel_change", args=[parcel.pk])).content.decode()
    assert "/static/vendor/ol/ol.js" in html
    assert "cdn." not in html


def test_staff_of_another_organisation_see_none_of_it_in_the_admin(
    client, org, other_org, places
) -> None:
    make_parcel(organisation=org, mouza=places.mouza_a)
    staff = make_user(organisation=other_org, role="admin")
    staff.is_staff = True
    staff.save()
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="view_parcel"))
    log_in(client, staff)
    response = client.get(reverse("admin:parcels_parcel_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []
    assert Parcel.objects.count() == 1


def test_the_map_page_loads_nothing_from_another_host(client, organiser) -> None:
    log_in(client, organiser)
    html = client.get(reverse("maps:map")).content.decode()
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "/static/vendor/vectorgrid/Leaflet.VectorGrid.bundled.min.js" in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert [s for s in sources if s.startswith(("http:", "https:", "//"))] == []
