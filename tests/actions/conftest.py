"""Fixtures of the action tests: a claim of one women's group in district A, a case over it
and an eviction on it; a group in district B; one person of each role, and an organiser who
works in district A only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from landclaims.cases.models import LegalCase
from landclaims.claims.models import Claim
from landclaims.groups.models import LandlessGroup
from landclaims.incidents.models import Incident
from landclaims.incidents.services import incident_record
from tests.factories import make_case, make_claim, make_group, make_user


@dataclass
class Scene:
    claim: Claim
    group: LandlessGroup
    case: LegalCase
    eviction: Incident
    claim_b: Claim  # in district B
    group_b: LandlessGroup
    users: dict[str, Any]
    organiser_a: Any  # works in district A only


@pytest.fixture
def scene(org, places) -> Scene:
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    claim_b = make_claim(organisation=org, village=places.village_b, mouza=places.mouza_b)
    case = make_case(organisation=org, district=places.district_a, claims=[claim])
    eviction = incident_record(
        organisation=org,
        kind="eviction",
        occurred_on=date(2024, 3, 2),
        women_affected=4,
        claim=claim,
        parcel=claim.parcels.get(),
    )
    users = {
        role: make_user(organisation=org, role=role)
        for role in ("admin", "legal", "organiser", "monitor", "viewer")
    }
    organiser_a = make_user(organisation=org, role="organiser", districts=[places.district_a])
    return Scene(
        claim=claim,
        group=claim.groups.get(),
        case=case,
        eviction=eviction,
        claim_b=claim_b,
        group_b=claim_b.groups.get(),
        users=users,
        organiser_a=organiser_a,
    )


@pytest.fixture
def other_group(other_org, places) -> LandlessGroup:
    return make_group(organisation=other_org, village=places.village_a)
