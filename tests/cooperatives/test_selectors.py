"""Who sees which cooperatives: their organisation's, in their districts; member groups only
those they may see."""

from __future__ import annotations

import pytest

from landclaims.cooperatives.selectors import (
    CooperativeFilters,
    cooperative_list,
    cooperative_share_list,
    cooperative_share_list_for_group,
    production_list,
)
from landclaims.cooperatives.services import cooperative_land_add, production_record
from tests.factories import make_cooperative, make_group, make_user

pytestmark = pytest.mark.django_db


def test_another_organisation_sees_none_of_it(coop, outsider):
    production_record(cooperative=coop.cooperative, activity="paddy", season="aman", year=2023)
    assert not cooperative_list(user=outsider).exists()
    assert not production_list(user=outsider).exists()
    assert not cooperative_share_list_for_group(user=outsider, group=coop.groups[0]).exists()


def test_staff_of_other_districts_do_not_see_it(coop, org, places):
    elsewhere = make_user(organisation=org, role="organiser", districts=[places.district_b])
    assert not cooperative_list(user=elsewhere).exists()
    assert cooperative_list(user=coop.users["monitor"]).get() == coop.cooperative


def test_member_groups_in_districts_the_reader_cannot_see_are_left_out(coop, org, places):
    far = make_group(organisation=org, village=places.village_b)
    from landclaims.cooperatives.services import MemberGroup, cooperative_group_add

    cooperative_group_add(cooperative=coop.cooperative, member=MemberGroup(group=far), by=None)
    limited = make_user(organisation=org, role="organiser", districts=[places.district_a])
    seen = cooperative_share_list(user=limited, cooperative=coop.cooperative)
    assert {s.group for s in seen} == set(coop.groups)


def test_filters_by_district_and_tenure(coop, org, places):
    other = make_cooperative(organisation=org, district=places.district_b)
    cooperative_land_add(cooperative=other, tenure="leased", area_value="1", area_unit="acre")
    organiser = coop.users["organiser"]
    in_a = cooperative_list(user=organiser, filters=CooperativeFilters(district=places.district_a))
    leased = cooperative_list(user=organiser, filters=CooperativeFilters(tenure="leased"))
    assert list(in_a) == [coop.cooperative]
    assert list(leased) == [other]
    assert float(leased.get().land_area_m2) == pytest.approx(4046.86, abs=0.01)
    assert cooperative_list(user=organiser).get(pk=coop.cooperative.pk).group_count == 2
