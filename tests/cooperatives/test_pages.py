"""The cooperative pages: recording one with member groups, its page, editing it, adding land
(drawn, or the settled khas parcel), recording production, and the group page's tab."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from landclaims.cooperatives.models import Cooperative, CooperativeLand, Production
from landclaims.cooperatives.services import cooperative_update
from tests import geoms
from tests.factories import log_in

pytestmark = pytest.mark.django_db


def _as(client, coop, role="organiser"):
    log_in(client, coop.users[role])
    return client


def _new_form(places, group, **fields):
    data = {
        "name_bn": "চরপাড়া গণ সমবায় সমিতি",
        "name_en": "Charpara",
        "district": places.district_a.pk,
        "formed_on": "০৫/০১/২০২২",
        "registration_no": "",
        "registered_on": "",
        "animator": "",
        "monitoring_partner": "",
        "member-TOTAL_FORMS": "3",
        "member-INITIAL_FORMS": "0",
        "member-MIN_NUM_FORMS": "0",
        "member-MAX_NUM_FORMS": "30",
        "member-0-group": group.pk,
        "member-0-shares": "৪",  # noqa: RUF001 (Bengali four)
        "member-0-contribution_taka": "১২০০.৫০",
        "member-0-joined_on": "",
    }
    data.update(fields)
    return data


def test_a_cooperative_is_recorded_with_a_member_group_in_bengali_digits(client, coop, places):
    response = _as(client, coop).post(
        reverse("cooperatives:new"), _new_form(places, coop.groups[0])
    )
    assert response.status_code == 302, (
        response.context["form"].errors or response.context["members"].errors
    )
    cooperative = Cooperative.objects.get(name_en="Charpara")
    share = cooperative.shares.get()
    assert (share.group, share.shares, share.contribution_poisha) == (coop.groups[0], 4, 120050)


def test_a_registration_date_without_the_number_is_refused_beside_the_field(client, coop, places):
    data = _new_form(places, coop.groups[0], registered_on="01/02/2023")
    response = _as(client, coop).post(reverse("cooperatives:new"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["registration_no"]
    assert not Cooperative.objects.filter(name_en="Charpara").exists()


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_may_read_but_not_write(client, coop, role):
    _as(client, coop, role)
    pk = coop.cooperative.pk
    assert client.get(reverse("cooperatives:detail", args=[pk])).status_code == 200
    assert client.get(reverse("cooperatives:new")).status_code == 403
    assert client.get(reverse("cooperatives:land_add", args=[pk])).status_code == 403


def test_the_page_shows_groups_by_kind_to_monitors_never_by_name(client, coop):
    page = _as(client, coop, "monitor").get(
        reverse("cooperatives:detail", args=[coop.cooperative.pk])
    )
    text = html.unescape(page.content.decode())
    assert coop.groups[0].name_bn not in text
    assert "Women's group 1, Charpara" in text


def test_another_organisation_gets_404(client, coop, outsider):
    log_in(client, outsider)
    url = reverse("cooperatives:detail", args=[coop.cooperative.pk])
    assert client.get(url).status_code == 404


def test_edit_refuses_a_stale_version(client, coop):
    cooperative_update(cooperative=coop.cooperative, by=None, changes={"animator": "Other"})
    data = {"name_bn": coop.cooperative.name_bn, "animator": "Mine", "version": "1"}
    response = _as(client, coop).post(
        reverse("cooperatives:edit", args=[coop.cooperative.pk]), data
    )
    assert response.status_code == 400
    coop.cooperative.refresh_from_db()
    assert coop.cooperative.animator == "Other"


def _land_form(**fields):
    data = {
        "tenure": "leased",
        "description": "",
        "parcel": "",
        "mouza": "",
        "area_value": "",
        "area_unit": "",
        "from_on": "",
        "lease_rent_taka": "",
        "geometry": "",
        "geom_source": "",
    }
    data.update(fields)
    return data


def test_land_drawn_on_the_map_is_saved_with_its_area(client, coop, places):
    square = geoms.square(places.mouza_a.centre.coords, 100)
    data = _land_form(geometry=square.geojson, lease_rent_taka="৫০০০")
    url = reverse("cooperatives:land_add", args=[coop.cooperative.pk])
    assert _as(client, coop).post(url, data).status_code == 302
    land = CooperativeLand.objects.get()
    assert (float(land.area_m2), land.lease_rent_poisha) == (pytest.approx(10000, rel=0.01), 500000)


def test_a_crossing_boundary_is_refused_naming_the_boundary(client, coop):
    data = _land_form(geometry=geoms.bow_tie().geojson)
    url = reverse("cooperatives:land_add", args=[coop.cooperative.pk])
    response = _as(client, coop).post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors["geometry"]
    assert not CooperativeLand.objects.exists()


def test_settled_khas_land_from_its_parcel(client, coop):
    data = _land_form(tenure="khas_settled", parcel=coop.parcel.pk)
    url = reverse("cooperatives:land_add", args=[coop.cooperative.pk])
    assert _as(client, coop).post(url, data).status_code == 302
    assert CooperativeLand.objects.get().parcel == coop.parcel


def test_production_is_recorded_and_shown_by_season(client, coop):
    data = {
        "activity": "vegetables",
        "detail": "লাউ, শিম",
        "season": "rabi",
        "year": "২০২৩",
        "land": "",
        "area_value": "",
        "area_unit": "",
        "output_quantity": "৮০০",
        "output_unit": "kg",
        "sales_taka": "২৪০০০",
        "costs_taka": "৯০০০",
    }
    _as(client, coop)
    url = reverse("cooperatives:production_new", args=[coop.cooperative.pk])
    assert client.post(url, data).status_code == 302
    assert Production.objects.get().sales_poisha == 2_400_000
    page = client.get(reverse("cooperatives:detail", args=[coop.cooperative.pk]))
    assert "24,000" in page.content.decode()


def test_the_group_page_lists_its_cooperatives_and_shares(client, coop):
    page = _as(client, coop).get(reverse("groups:detail", args=[coop.groups[0].pk]))
    assert [s.cooperative for s in page.context["d"].cooperative_shares] == [coop.cooperative]
    assert "Charpara Gono Samabay" in page.content.decode()
