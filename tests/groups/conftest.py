"""Fixtures of the group tests: a women's group in district A and its people."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.services import member_create
from tests.factories import make_group, make_user


@pytest.fixture
def women_group(org, places) -> LandlessGroup:
    return make_group(
        organisation=org,
        village=places.village_a,
        name_bn="চরপাড়া ভূমিহীন নারী সমিতি",
        name_en="Charpara Landless Women",
        members_women=12,
        formed_on=date(2009, 3, 1),
    )


@pytest.fixture
def organiser_a(org, places) -> Any:
    """An organiser working in district A only."""
    return make_user(organisation=org, role="organiser", districts=[places.district_a])


@pytest.fixture
def monitor(org) -> Any:
    return make_user(organisation=org, role="monitor")


@pytest.fixture
def viewer(org) -> Any:
    return make_user(organisation=org, role="viewer")


def add_member(group: LandlessGroup, code: str, sex: str = "female", **extra: Any) -> Member:
    fields = {"priority_category": "no_homestead_no_land", "joined_on": date(2010, 1, 1)}
    return member_create(group=group, code=code, sex=sex, **{**fields, **extra}, by=None)
