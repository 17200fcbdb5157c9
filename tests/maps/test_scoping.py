"""Nobody sees on the map what they may not see elsewhere: not in a tile at any zoom, not in
the counts of the zoomed-out circles, not in a popup, not in the map's search."""

from __future__ import annotations

import pytest
from django.urls import reverse

from landclaims.parcels.models import Parcel
from tests.factories import log_in
from tests.maps.conftest import DETAIL_ZOOM, area_counts, parcel_ids

pytestmark = pytest.mark.django_db


def _mapped(queryset) -> set[int]:
    return set(queryset.exclude(geom=None).values_list("pk", flat=True))


def test_detail_tiles_hold_only_the_users_organisation(client, org, organiser, outsider, world):
    log_in(client, organiser)
    seen = parcel_ids(client)
    assert seen == _mapped(Parcel.objects.filter(organisation=org))
    assert world.other_claimed.pk not in seen
    assert world.other_bare.pk not in seen

    log_in(client, outsider)
    assert parcel_ids(client) == {world.other_claimed.pk, world.other_bare.pk}


def test_detail_tiles_hold_only_the_users_districts(client, legal_a, world):
    log_in(client, legal_a)
    for z in (DETAIL_ZOOM, 16):
        seen = parcel_ids(client, z=z)
        assert seen == {world.p_identified.pk, world.p_filed.pk, world.bare_a.pk, world.p_a2.pk}
        assert world.p_b.pk not in seen


def test_zoomed_out_counts_leave_out_other_organisations(client, organiser, outsider, world):
    union_a, upazila_a = world.places.union_a.pk, world.upazila_a.pk
    log_in(client, organiser)
    # Mouza A: three of ours and two of theirs; mouza A2: two of ours (one not yet mapped).
    assert area_counts(client, 10)[union_a] == 5
    assert area_counts(client, 7)[upazila_a] == 5
    log_in(client, outsider)
    assert area_counts(client, 10) == {union_a: 2}
    assert area_counts(client, 7) == {upazila_a: 2}


def test_zoomed_out_counts_leave_out_other_districts(client, legal_a, world):
    log_in(client, legal_a)
    # District B's union and upazila have parcels, but none this user may see: no circle.
    assert area_counts(client, 10) == {world.places.union_a.pk: 5}
    assert area_counts(client, 7) == {world.upazila_a.pk: 5}
    # Filters that make the counts come from the parcels themselves are scoped too.
    assert area_counts(client, 10, {"area": world.places.mouza_b.pk}) == {}


def test_a_popup_of_a_parcel_the_user_may_not_see_is_not_found(
    client, organiser, legal_a, outsider, world
):
    def popup(parcel):
        return client.get(reverse("maps:parcel_popup", args=[parcel.pk]))

    log_in(client, organiser)
    assert popup(world.p_b).status_code == 200
    assert popup(world.other_claimed).status_code == 404
    assert popup(world.other_bare).status_code == 404
    log_in(client, legal_a)
    assert popup(world.p_a2).status_code == 200
    assert popup(world.p_b).status_code == 404
    log_in(client, outsider)
    assert popup(world.p_identified).status_code == 404
    assert popup(world.other_bare).status_code == 200


def test_an_area_popup_counts_only_what_the_user_may_see(client, organiser, outsider, world):
    url = reverse("maps:area_popup", args=[world.places.union_a.pk])
    log_in(client, organiser)
    assert client.get(url).context["a"].total == 5
    log_in(client, outsider)
    assert client.get(url).context["a"].total == 2


def _hits(client, text: str) -> list:
    response = client.get(reverse("maps:map"), {"q": text})
    assert response.status_code == 200
    return response.context["hits"]


def test_search_finds_nothing_the_user_may_not_see(client, organiser, legal_a, outsider, world):
    dag_b = world.p_b.dags.get().dag_no
    log_in(client, organiser)
    assert [h.kind for h in _hits(client, dag_b)] == ["parcel"]
    assert _hits(client, "7777") == []  # the other organisation's dag no.
    assert _hits(client, world.other_group.name_bn) == []
    assert [h.kind for h in _hits(client, world.group_b.name_bn)] == ["group"]
    assert [h.kind for h in _hits(client, "5005")] == ["case"]

    log_in(client, legal_a)
    assert _hits(client, dag_b) == []
    assert _hits(client, world.group_b.name_bn) == []
    assert [h.kind for h in _hits(client, world.group_1.name_bn)] == ["group"]

    log_in(client, outsider)
    assert [h.kind for h in _hits(client, "7777")] == ["parcel"]
    assert _hits(client, "5005") == []
    assert _hits(client, world.group_1.name_bn) == []


def test_a_search_hit_for_an_area_zooms_only_to_visible_parcels(client, organiser, legal_a, world):
    """Areas are public geography, but where a mouza's parcels lie is not."""

    def bounds(user):
        log_in(client, user)
        hits = _hits(client, world.places.mouza_b.name_en)
        found = [h for h in hits if h.query == {"area": str(world.places.mouza_b.pk)}]
        assert len(found) == 1
        return found[0].bounds

    assert bounds(organiser) == pytest.approx(world.p_b.geom.extent)
    west, south, east, north = bounds(legal_a)
    # The ~1 km box around the mouza's centre, not the extent of parcel p_b.
    assert (west, south, east, north) != pytest.approx(world.p_b.geom.extent)
    centre = world.places.mouza_b.centre
    assert west < centre.x < east and south < centre.y < north


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    # Tiles answer 401 instead (tests/maps/test_api_keys.py): map layers cannot follow a redirect.
    urls = [
        reverse("maps:map"),
        reverse("maps:parcel_popup", args=[world.p_identified.pk]),
        reverse("maps:area_popup", args=[world.places.union_a.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login") + "?next="), url
