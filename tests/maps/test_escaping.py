"""Names typed by users reach the map's popups and search hits as text, never as markup."""

from __future__ import annotations

import pytest
from django.urls import reverse

from landclaims.claims.services import claim_create
from landclaims.places.services import admin_area_create
from tests.factories import log_in, make_group, make_parcel
from tests.maps.conftest import OPENED

pytestmark = pytest.mark.django_db

EVIL = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def evil(org, places):
    mouza = admin_area_create(
        level="mouza",
        name_en=f"Char {EVIL}",
        name_bn=f"চর {EVIL}",
        parent=places.union_a,
        centre=places.mouza_a.centre,
    )
    group = make_group(organisation=org, village=places.village_a, name_bn=f"সমিতি {EVIL}")
    parcel = make_parcel(organisation=org, mouza=mouza)
    claim_create(organisation=org, groups=[group], parcels=[parcel], opened_on=OPENED, by=None)
    return mouza, group, parcel


def _assert_escaped(html: str, times: int) -> None:
    assert EVIL not in html
    assert "alert(1)</script>" not in html
    assert html.count(ESCAPED) >= times, html


def test_the_parcel_popup_escapes_mouza_and_group_names(client, organiser, evil) -> None:
    _mouza, _group, parcel = evil
    log_in(client, organiser)
    response = client.get(reverse("maps:parcel_popup", args=[parcel.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    _assert_escaped(html, 3)  # the mouza's two names and the group's
    assert f"Char {ESCAPED}" in html
    assert f"সমিতি {ESCAPED}" in html


def test_the_area_popup_escapes_the_area_names(client, organiser, evil) -> None:
    mouza, _group, _parcel = evil
    log_in(client, organiser)
    response = client.get(reverse("maps:area_popup", args=[mouza.pk]))
    assert response.status_code == 200
    _assert_escaped(response.content.decode(), 2)


def test_search_hits_escape_group_and_mouza_names(client, organiser, evil) -> None:
    log_in(client, organiser)
    response = client.get(reverse("maps:map"), {"q": "alert(1)"})
    assert response.status_code == 200
    kinds = sorted(hit.kind for hit in response.context["hits"])
    assert kinds == ["area", "group"]
    html = response.content.decode()
    hits = html.split('class="map-hits"', 1)[1].split("</section>", 1)[0]
    _assert_escaped(hits, 2)  # one hit each; the area's label holds both its names
    # The search box shows the term back, escaped too.
    _assert_escaped(html.replace(hits, ""), 0)


def test_the_map_page_escapes_the_chosen_group_and_area(client, organiser, evil) -> None:
    mouza, group, _parcel = evil
    log_in(client, organiser)
    response = client.get(reverse("maps:map"), {"group": group.pk, "area": mouza.pk})
    assert response.status_code == 200
    html = response.content.decode()
    _assert_escaped(html, 2)  # the group's chip and the mouza's option in the area list
