"""The map's filters narrow every tile, zoomed in and out; a filter the user may not use is
refused, naming the field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gis.tiles import tile_for
from tests.factories import log_in
from tests.maps.conftest import area_counts, parcel_ids, tile_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def seen(client, organiser, world):
    log_in(client, organiser)
    return lambda query=None: parcel_ids(client, query)


def test_without_filters_every_mapped_parcel_of_the_organisation_is_drawn(seen, world):
    w = world
    assert seen() == {w.p_identified.pk, w.p_filed.pk, w.bare_a.pk, w.p_a2.pk, w.p_b.pk}


def test_the_stage_filter_keeps_parcels_whose_leading_claim_is_at_that_stage(seen, world):
    w = world
    assert seen({"stage": "identified"}) == {w.p_identified.pk, w.p_b.pk}
    assert seen({"stage": "application_filed"}) == {w.p_filed.pk}
    assert seen({"stage": ["identified", "application_filed"]}) == {
        w.p_identified.pk,
        w.p_b.pk,
        w.p_filed.pk,
    }
    # p_a2 shows its leading claim only: the newer open one, not the older or the closed.
    assert seen({"stage": "on_hold_litigation"}) == {w.p_a2.pk}
    assert seen({"stage": "rejected"}) == set()
    assert seen({"stage": "settled"}) == set()


def test_the_possession_filter_keeps_parcels_by_their_claims_possession(seen, world):
    w = world
    assert seen({"possession": "group_in_possession"}) == {w.p_filed.pk}
    assert seen({"possession": "not_entered"}) == {w.p_identified.pk, w.p_a2.pk, w.p_b.pk}
    assert seen({"possession": ["grabbed", "evicted"]}) == set()
    assert seen({"stage": "identified", "possession": "group_in_possession"}) == set()


def test_group_claim_case_and_area_filters_narrow_the_parcels(seen, world):
    w = world
    assert seen({"group": w.group_1.pk}) == {w.p_identified.pk, w.p_a2.pk}
    assert seen({"group": w.group_b.pk}) == {w.p_b.pk}
    assert seen({"claim": w.claim_a2.pk}) == {w.p_a2.pk}
    # The case concerns claim_filed and names bare_a itself.
    assert seen({"case": w.case.pk}) == {w.p_filed.pk, w.bare_a.pk}
    assert seen({"area": w.places.mouza_a.pk}) == {w.p_identified.pk, w.p_filed.pk, w.bare_a.pk}
    assert seen({"area": w.places.union_a.pk}) == {
        w.p_identified.pk,
        w.p_filed.pk,
        w.bare_a.pk,
        w.p_a2.pk,
    }
    assert seen({"area": w.places.district_b.pk}) == {w.p_b.pk}
    assert seen({"area": w.places.mouza_a.pk, "group": w.group_1.pk}) == {w.p_identified.pk}


def test_filters_change_the_zoomed_out_counts(client, organiser, world):
    w = world
    union_a, union_b = w.places.union_a.pk, w.places.union_b.pk
    log_in(client, organiser)
    assert area_counts(client, 10) == {union_a: 5, union_b: 1}
    # From the stage counts table:
    assert area_counts(client, 10, {"stage": "identified"}) == {union_a: 1, union_b: 1}
    assert area_counts(client, 10, {"stage": "on_hold_litigation"}) == {union_a: 1}
    assert area_counts(client, 10, {"stage": "rejected"}) == {}
    assert area_counts(client, 10, {"stage": "application_filed"}) == {union_a: 1}
    assert area_counts(client, 7, {"possession": "group_in_possession"}) == {w.upazila_a.pk: 1}
    assert area_counts(client, 10, {"area": w.places.district_b.pk}) == {union_b: 1}
    # Counted from the parcels (the stage counts know nothing of groups, claims or mouzas):
    assert area_counts(client, 10, {"group": w.group_1.pk}) == {union_a: 2}
    assert area_counts(client, 7, {"group": w.group_1.pk}) == {w.upazila_a.pk: 2}
    assert area_counts(client, 10, {"claim": w.claim_b.pk}) == {union_b: 1}
    assert area_counts(client, 10, {"case": w.case.pk}) == {union_a: 2}
    assert area_counts(client, 10, {"area": w.places.mouza_a2.pk}) == {union_a: 2}
    assert area_counts(client, 10, {"group": w.group_1.pk, "stage": "application_filed"}) == {}


def _refusal(client, query, layer="parcels"):
    tile = tile_for(89.92, 24.25, 14)
    return client.get(tile_url(layer, tile), query)


@pytest.mark.parametrize("layer", ["parcels", "orders"])
def test_an_unknown_stage_or_possession_is_refused_naming_the_field(
    client, organiser, world, layer
):
    log_in(client, organiser)
    response = _refusal(client, {"stage": "bogus"}, layer)
    assert response.status_code == 400
    assert response.content.decode().startswith("stage:")
    response = _refusal(client, {"possession": "stolen"}, layer)
    assert response.status_code == 400
    assert response.content.decode().startswith("possession:")


def test_someone_elses_records_are_refused_as_filters(client, organiser, legal_a, world):
    w = world
    log_in(client, organiser)
    for field, record in [("group", w.other_group), ("claim", w.other_claim)]:
        response = _refusal(client, {field: record.pk})
        assert response.status_code == 400, field
        assert response.content.decode().startswith(f"{field}:")
    log_in(client, legal_a)  # district A only
    for field, record in [("group", w.group_b), ("claim", w.claim_b)]:
        response = _refusal(client, {field: record.pk})
        assert response.status_code == 400, field
        assert response.content.decode().startswith(f"{field}:")
    response = _refusal(client, {"area": 987654321})
    assert response.status_code == 400
    assert response.content.decode().startswith("area:")
    response = _refusal(client, {"case": "x"})
    assert response.status_code == 400
    assert response.content.decode().startswith("case:")


def test_the_map_page_refuses_a_bad_filter_naming_it(client, organiser, world):
    log_in(client, organiser)
    response = client.get(reverse("maps:map"), {"stage": "bogus", "group": world.other_group.pk})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"stage", "group"}
    errors = response.content.decode().split('class="errorlist"', 1)[1]
    # Named by their labels, not their parameter names.
    assert "<p>Stage:" in errors
    assert "<p>Group:" in errors
