"""A small set of records in two organisations, written without a frozen clock (the GDAL
tests run a live server in another thread)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from landclaims.cases.models import LegalCase
from landclaims.claims.models import Claim
from tests.api.conftest import key_for
from tests.factories import make_case, make_claim, make_parcel, make_user


@dataclass
class Records:
    claims: list[Claim]  # the organisation's: two in district A, one in district B
    unclaimed: Any  # a parcel of the organisation that no claim covers
    cases: list[LegalCase]
    other_claim: Claim  # another organisation's, in district A
    other_case: LegalCase


@pytest.fixture
def records(org, other_org, places) -> Records:
    claims = [
        make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a),
        make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a2),
        make_claim(organisation=org, village=places.village_b, mouza=places.mouza_b),
    ]
    case = make_case(organisation=org, district=places.district_a)
    case.claims.set(claims[:1])
    other_claim = make_claim(organisation=other_org, village=places.village_a, mouza=places.mouza_a)
    return Records(
        claims=claims,
        unclaimed=make_parcel(organisation=org, mouza=places.mouza_a2),
        cases=[case, make_case(organisation=org, district=places.district_b)],
        other_claim=other_claim,
        other_case=make_case(organisation=other_org, district=places.district_a),
    )


@pytest.fixture
def monitor(org):
    return make_user(organisation=org, role="monitor")


@pytest.fixture
def monitor_key(monitor) -> str:
    return key_for(monitor)
