"""Fixtures of the training tests: two women's groups and a men's group of one organisation
in district A, a group of the same organisation in district B, members in each, and one
person of each role (plus an organiser limited to district B)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from landclaims.groups.models import LandlessGroup, Member
from tests.factories import make_group, make_member, make_user


@dataclass
class Scene:
    women: LandlessGroup
    men: LandlessGroup
    far: LandlessGroup  # district B
    rahima: Member  # of `women`
    karim: Member  # of `men`
    far_member: Member
    users: dict[str, Any]


@pytest.fixture
def scene(org, places) -> Scene:
    return build_scene(org, places)


def build_scene(org, places) -> Scene:
    """The scene, for the fixtures of other test packages (API, representation)."""
    women = make_group(organisation=org, village=places.village_a, sex="women")
    men = make_group(organisation=org, village=places.village_a, sex="men")
    far = make_group(organisation=org, village=places.village_b, sex="women")
    users = {
        role: make_user(organisation=org, role=role)
        for role in ("admin", "legal", "organiser", "monitor", "viewer")
    }
    users["organiser_b"] = make_user(
        organisation=org, role="organiser", districts=[places.district_b]
    )
    return Scene(
        women=women,
        men=men,
        far=far,
        rahima=make_member(group=women, code="W-1", name_bn="রহিমা"),
        karim=make_member(group=men, code="M-1", sex="male"),
        far_member=make_member(group=far, code="F-1"),
        users=users,
    )
