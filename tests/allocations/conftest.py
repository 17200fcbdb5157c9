from __future__ import annotations

from typing import Any

import pytest

from landclaims.allocations.services import allocation_record
from tests.factories import make_claim


@pytest.fixture(autouse=True)
def today(frozen_today):
    return frozen_today


@pytest.fixture
def claim(org, places):
    return make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)


def record(claim: Any, **extra: Any) -> Any:
    """An allocation of 20 decimals of the claim's parcel to its group."""
    fields = {
        "parcel": claim.parcels.get(),
        "claim": claim,
        "group": claim.groups.get(),
        "area_value": "20",
        "area_unit": "decimal",
        "title": "joint",
        **extra,
    }
    return allocation_record(**fields)
