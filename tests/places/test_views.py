"""The area page: open to every logged-in user, its counts and map only what they may see."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import log_in, make_claim, make_parcel

pytestmark = pytest.mark.django_db


@pytest.fixture
def land(org, other_org, places):
    """Org: claims in both Tangail mouzas and in Gaibandha, and an unclaimed parcel in
    Tangail Mouza. The other organisation: one claim in Tangail Mouza."""
    make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a2)
    make_claim(organisation=org, village=places.village_b, mouza=places.mouza_b)
    make_parcel(organisation=org, mouza=places.mouza_a)
    make_claim(organisation=other_org, village=places.village_a, mouza=places.mouza_a)


def _page(client, user, area):
    log_in(client, user)
    response = client.get(reverse("places:detail", args=[area.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _counts(html: str) -> tuple[int, int]:
    parcels = re.search(r'id="parcel-count">(\d+)<', html)
    claims = re.search(r'id="claim-count">(\d+)<', html)
    assert parcels and claims
    return int(parcels.group(1)), int(claims.group(1))


# Counted by hand from `land`: (parcels, claims) each user may see in each area.
@pytest.mark.parametrize(
    ("who", "area", "expected"),
    [
        ("organiser", "division", (4, 3)),
        ("organiser", "district_a", (3, 2)),
        ("organiser", "union_a", (3, 2)),
        ("organiser", "mouza_a", (2, 1)),
        ("organiser", "mouza_a2", (1, 1)),
        ("organiser", "district_b", (1, 1)),
        ("legal_a", "division", (3, 2)),
        ("legal_a", "district_b", (0, 0)),
        ("outsider", "division", (1, 1)),
        ("outsider", "mouza_a2", (0, 0)),
    ],
)
def test_the_counts_are_what_the_user_may_see_in_the_area(
    client, request, places, land, who, area, expected
) -> None:
    user = request.getfixturevalue(who)
    assert _counts(_page(client, user, getattr(places, area))) == expected


def test_each_child_area_shows_its_own_parcel_count(client, organiser, places, land) -> None:
    log_in(client, organiser)
    children = client.get(reverse("places:detail", args=[places.union_a.pk])).context["d"].children
    assert {(child.area.pk, child.parcels) for child in children} == {
        (places.mouza_a.pk, 2),
        (places.mouza_a2.pk, 1),
    }


def test_a_union_lists_its_mouzas_as_links(client, organiser, places) -> None:
    html = _page(client, organiser, places.union_a)
    for mouza in (places.mouza_a, places.mouza_a2):
        assert f'href="{reverse("places:detail", args=[mouza.pk])}"' in html
        assert mouza.name_bn in html


def test_a_mouza_shows_the_areas_it_lies_in_from_the_division_down(
    client, organiser, places
) -> None:
    html = _page(client, organiser, places.mouza_a)
    crumbs = html[html.index('class="crumbs"') : html.index("</nav>", html.index('class="crumbs"'))]
    linked = [int(pk) for pk in re.findall(r'href="/places/(\d+)/"', crumbs)]
    upazila = places.union_a.parent
    assert linked == [places.division.pk, places.district_a.pk, upazila.pk, places.union_a.pk]


def test_the_area_page_maps_the_area(client, organiser, places, land) -> None:
    html = _page(client, organiser, places.district_a)
    assert 'class="folium-map"' in html
    assert f"/tiles/parcels/{{z}}/{{x}}/{{y}}.pbf?area={places.district_a.pk}" in html


def test_an_unknown_area_is_not_found(client, organiser, db) -> None:
    log_in(client, organiser)
    assert client.get(reverse("places:detail", args=[999999])).status_code == 404


def test_the_area_page_needs_a_login(client, places) -> None:
    response = client.get(reverse("places:detail", args=[places.district_a.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]
