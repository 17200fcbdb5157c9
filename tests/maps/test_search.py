"""The map's search: one line per group, area, parcel or case, with the area it lies in,
those on the map first."""

from __future__ import annotations

import pytest

from landclaims.maps.selectors import SearchHit, map_search, ranked_hits
from landclaims.places.services import village_create
from tests.factories import make_group, make_user

pytestmark = pytest.mark.django_db


def test_groups_of_one_name_are_told_apart_by_their_village_and_the_mapped_one_comes_first(
    org, places, world
):
    organiser = make_user(organisation=org, role="organiser")
    # Nine unmapped groups of the same name as group_1 (which has mapped parcels), more than
    # one kind of result may list: the mapped one must not be crowded out.
    for n in range(9):
        village = village_create(union=places.union_b, name_en=f"Para {n}", name_bn=f"পাড়া {n}")
        make_group(organisation=org, village=village, name_bn=world.group_1.name_bn)
    hits = [h for h in map_search(user=organiser, text="নারী সমিতি এক") if h.kind == "group"]
    assert hits[0].query == {"group": str(world.group_1.pk)}
    assert hits[0].mapped
    assert "Charpara" in hits[0].where
    assert len({(h.label, h.where) for h in hits}) == len(hits)
    assert all(not h.mapped for h in hits[1:])


def test_an_area_is_shown_with_the_upazila_and_district_it_lies_in(org, places, world):
    organiser = make_user(organisation=org, role="organiser")
    hit = next(h for h in map_search(user=organiser, text="Bil Kuralia") if h.kind == "area")
    assert hit.query == {"area": str(places.mouza_a2.pk)}
    assert places.district_a.name_en in hit.where
    assert places.union_a.parent.name_en in hit.where


def test_results_reading_the_same_are_one_line_and_the_mapped_one_is_kept():
    unmapped = SearchHit("group", "সমিতি", "Charpara", None, {"group": "1"})
    mapped = SearchHit("group", "সমিতি", "Charpara", (90.0, 24.0, 90.1, 24.1), {"group": "2"})
    other = SearchHit("area", "Bil", "", None, {"area": "3"})
    assert ranked_hits([unmapped, other, mapped]) == [mapped, other]


def test_mapped_results_of_any_kind_come_before_unmapped_ones():
    area = SearchHit("area", "Bil", "", None, {"area": "3"})
    case = SearchHit("case", "5005/2020", "", (90.0, 24.0, 90.1, 24.1), {"case": "4"})
    assert ranked_hits([area, case]) == [case, area]
