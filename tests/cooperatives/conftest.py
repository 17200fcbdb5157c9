"""Fixtures of the cooperative tests: a cooperative of two women's groups in district A with a
khas parcel it was settled on, and one person of each role of its organisation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from landclaims.cooperatives.models import Cooperative
from landclaims.groups.models import LandlessGroup
from landclaims.parcels.models import Parcel
from tests.factories import make_cooperative, make_group, make_parcel, make_user


@dataclass
class Coop:
    cooperative: Cooperative
    groups: list[LandlessGroup]
    parcel: Parcel
    users: dict[str, Any]


@pytest.fixture
def coop(org, places) -> Coop:
    groups = [make_group(organisation=org, village=places.village_a) for _ in range(2)]
    cooperative = make_cooperative(
        organisation=org,
        district=places.district_a,
        groups=groups,
        name_en="Charpara Gono Samabay",
        animator="Shirin Akter",
    )
    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    users = {
        role: make_user(organisation=org, role=role)
        for role in ("admin", "legal", "organiser", "monitor", "viewer")
    }
    return Coop(cooperative, groups, parcel, users)
