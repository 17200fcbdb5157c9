"""Colour by group: one rule (maps.colours.group_colour), carried by the tiles as the group of
each parcel's leading claim, kept when the claim's groups change."""

from __future__ import annotations

import pytest

from landclaims.maps.colours import GROUP_PALETTE, NO_GROUP_COLOUR, group_colour
from tests.factories import log_in
from tests.maps.conftest import DETAIL_ZOOM, features


def test_a_group_keeps_its_colour_and_neighbouring_groups_differ():
    assert group_colour(41) == group_colour(41)
    assert group_colour(41) == GROUP_PALETTE[41 % len(GROUP_PALETTE)]
    assert len({group_colour(n) for n in range(100, 100 + len(GROUP_PALETTE))}) == len(
        GROUP_PALETTE
    )


def test_no_group_is_grey_and_no_group_is_grey_by_chance():
    assert group_colour(None) == NO_GROUP_COLOUR
    assert NO_GROUP_COLOUR not in GROUP_PALETTE


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_tiles_carry_the_first_group_of_the_leading_claim(client, organiser, world):
    log_in(client, organiser)
    found = features(client, DETAIL_ZOOM)
    assert found[world.p_identified.pk].props["group"] == world.group_1.pk
    # p_a2 is led by the claim on hold, whose group is group_3.
    assert found[world.p_a2.pk].props["group"] == world.group_3.pk
    assert found[world.bare_a.pk].props["group"] == 0  # no claim


@pytestmark_db
def test_a_group_added_to_a_claim_with_a_lower_id_recolours_its_parcel(client, organiser, world):
    # group_1 has a lower id than group_2: added to group_2's claim, it becomes the first.
    world.claim_filed.groups.add(world.group_1)
    log_in(client, organiser)
    assert features(client, DETAIL_ZOOM)[world.p_filed.pk].props["group"] == world.group_1.pk
