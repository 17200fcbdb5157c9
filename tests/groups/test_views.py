"""The group pages: one group with its claims and map, and the list; names only for roles
that may read them."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from landclaims.claims.services import claim_create
from tests.factories import log_in, make_group, make_parcel, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(org, places):
    return make_group(
        organisation=org,
        village=places.village_a,
        name_bn="চরপাড়া ভূমিহীন নারী সমিতি",
        name_en="Charpara Landless Women",
        members_women=23,
        members_men=0,
        formed_on=date(2009, 3, 1),
    )


def _claim(org, group, mouza, title):
    parcel = make_parcel(organisation=org, mouza=mouza)
    return claim_create(
        organisation=org,
        groups=[group],
        parcels=[parcel],
        opened_on=date(2020, 1, 10),
        by=None,
        title=title,
    )


@pytest.fixture
def claim(org, places, group):
    return _claim(org, group, places.mouza_a, "Bil Kuralia")


def _html(client, user, url):
    log_in(client, user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _listed(client, user, **query):
    log_in(client, user)
    response = client.get(reverse("groups:list"), query)
    assert response.status_code == 200
    return [group.pk for group in response.context["page"]]


# --- one group ----------------------------------------------------------------------------


def test_the_group_page_shows_the_group_its_claims_and_a_map_of_its_parcels(
    client, organiser, group, claim
) -> None:
    html = _html(client, organiser, reverse("groups:detail", args=[group.pk]))
    parcel = claim.parcels.get()
    assert group.name_bn in html and "Charpara Landless Women" in html
    assert "women 23, men 0" in html and "1 March 2009" in html
    assert f'href="{reverse("claims:detail", args=[claim.pk])}"' in html
    assert f'href="{reverse("places:detail", args=[parcel.mouza_id])}"' in html
    assert f"dag {parcel.dag_display}" in html
    assert 'class="folium-map"' in html
    assert f"/tiles/parcels/{{z}}/{{x}}/{{y}}.pbf?group={group.pk}" in html


def test_the_group_page_lists_only_the_claims_the_user_may_see(
    client, legal_a, org, places, group, claim
) -> None:
    # The group lives in district A; a second claim of it lies in district B.
    _claim(org, group, places.mouza_b, "Gaibandha char")
    log_in(client, legal_a)
    response = client.get(reverse("groups:detail", args=[group.pk]))
    assert [c.pk for c in response.context["d"].claims] == [claim.pk]
    assert "Gaibandha char" not in response.content.decode()


def test_another_organisations_group_is_not_found(client, outsider, group) -> None:
    log_in(client, outsider)
    assert client.get(reverse("groups:detail", args=[group.pk])).status_code == 404


def test_a_group_outside_the_users_districts_is_not_found(client, legal_a, org, places) -> None:
    faraway = make_group(organisation=org, village=places.village_b)
    log_in(client, legal_a)
    assert client.get(reverse("groups:detail", args=[faraway.pk])).status_code == 404


def test_an_unknown_group_is_not_found(client, organiser, db) -> None:
    log_in(client, organiser)
    assert client.get(reverse("groups:detail", args=[999999])).status_code == 404


def test_the_group_page_needs_a_login(client, group) -> None:
    response = client.get(reverse("groups:detail", args=[group.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_see_the_groups_number_not_its_name(
    client, org, group, claim, role
) -> None:
    user = make_user(organisation=org, role=role)
    html = _html(client, user, reverse("groups:detail", args=[group.pk]))
    assert group.name_bn not in html and group.name_en not in html
    assert escape(f"Women's group, {group.village.name_en}") in html
    assert f"?group={group.pk}" in html  # the map is still there


# --- the list -----------------------------------------------------------------------------


@pytest.fixture
def groups(org, places, group):
    men = make_group(
        organisation=org, village=places.village_a, name_bn="বিল ভূমিহীন সমিতি", sex="men"
    )
    north = make_group(
        organisation=org,
        village=places.village_b,
        name_bn="দক্ষিণপাড়া সমিতি",
        name_en="Dakshin Samity",
    )
    return {"women": group, "men": men, "north": north}


def test_the_list_finds_groups_by_bengali_or_english_name(client, organiser, groups) -> None:
    assert set(_listed(client, organiser, q="ভূমিহীন")) == {groups["men"].pk, groups["women"].pk}
    assert _listed(client, organiser, q="dakshin samity") == [groups["north"].pk]


def test_the_list_filters_by_district(client, organiser, groups, places) -> None:
    assert _listed(client, organiser, district=places.district_b.pk) == [groups["north"].pk]


def test_the_list_shows_only_the_users_groups(client, legal_a, outsider, groups) -> None:
    assert set(_listed(client, legal_a)) == {groups["women"].pk, groups["men"].pk}
    assert _listed(client, outsider) == []


def test_the_list_counts_each_groups_visible_claims(client, organiser, group, claim) -> None:
    log_in(client, organiser)
    page = client.get(reverse("groups:list")).context["page"]
    assert [(g.pk, g.claim_count) for g in page] == [(group.pk, 1)]


def test_monitors_get_no_names_and_no_name_search_in_the_list(client, org, groups) -> None:
    monitor = make_user(organisation=org, role="monitor")
    log_in(client, monitor)
    response = client.get(reverse("groups:list"), {"q": "dakshin"})
    html = response.content.decode()
    # The search is ignored, not answered: every group is listed, none by name.
    assert {g.pk for g in response.context["page"]} == {g.pk for g in groups.values()}
    assert 'name="q"' not in html
    assert all(g.name_bn not in html for g in groups.values())
    assert "Dakshin Samity" not in html and "Charpara Landless Women" not in html
    assert escape(f"Men's group, {groups['men'].village.name_en}") in html
