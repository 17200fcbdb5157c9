"""Records in two districts of one organisation and one record set of another organisation,
and clients that call the API with a real key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from rest_framework.test import APIClient

from landclaims.allocations.models import Allocation
from landclaims.allocations.services import allocation_record
from landclaims.api.services import api_token_issue
from landclaims.cases.models import Hearing, InterimOrder, LegalCase
from landclaims.cases.services import hearing_schedule, interim_order_record
from landclaims.claims.models import Claim
from landclaims.incidents.models import Incident
from landclaims.incidents.services import incident_record
from landclaims.parcels.services import parcel_create
from tests import geoms
from tests.factories import make_case, make_claim, make_user


@dataclass
class World:
    claim_a: Claim  # the organisation's, district A
    claim_b: Claim  # the organisation's, district B
    claim_other: Claim  # another organisation's, district A
    case_a: LegalCase
    case_b: LegalCase
    case_other: LegalCase
    hearing_a: Hearing
    hearing_other: Hearing
    order_a: InterimOrder
    allocation_a: Allocation
    allocation_other: Allocation
    incident_a: Incident
    incident_other: Incident
    unmapped: Any  # a parcel known from paper only, with no boundary


def _records(org: Any, places: Any, prefix: str) -> dict[str, Any]:
    claim = make_claim(
        organisation=org, village=places.village_a, mouza=places.mouza_a, title=f"{prefix} A"
    )
    case = make_case(organisation=org, district=places.district_a)
    case.claims.set([claim])
    hearing = hearing_schedule(
        case=case, on=date(2024, 7, 1), purpose="hearing", by=None, fixed_on=date(2024, 5, 1)
    )
    allocation = allocation_record(
        parcel=claim.parcels.get(),
        claim=claim,
        area_value="10",
        area_unit="decimal",
        title="joint",
        names_on_kabuliyat="Rahima Begum, Karim Mia",
    )
    incident = incident_record(
        organisation=org,
        district=places.district_a,
        kind="eviction",
        occurred_on=date(2024, 3, 1),
        description="Evicted by the grabber's men; Rahima Begum hurt.",
        location=geoms.point(),
        claim=claim,
    )
    return {
        "claim": claim,
        "case": case,
        "hearing": hearing,
        "allocation": allocation,
        "incident": incident,
    }


@pytest.fixture
def world(org, other_org, places, frozen_today) -> World:
    return build_world(org, other_org, places)


def build_world(org: Any, other_org: Any, places: Any) -> World:
    """Claims, cases, hearings, orders, allocations and incidents of both organisations (on
    the day `frozen_today` stands still at)."""
    ours = _records(org, places, "Ours")
    theirs = _records(other_org, places, "Theirs")
    claim_b = make_claim(
        organisation=org, village=places.village_b, mouza=places.mouza_b, title="Ours B"
    )
    case_b = make_case(organisation=org, district=places.district_b)
    unmapped = parcel_create(
        organisation=org, mouza=places.mouza_a2, survey="RS", dag_nos=["১২৩"], land_class="char"
    ).parcel
    order = interim_order_record(
        case=ours["case"], kind="status_quo", made_on=date(2024, 4, 1), by=None
    )
    return World(
        claim_a=ours["claim"],
        claim_b=claim_b,
        claim_other=theirs["claim"],
        case_a=ours["case"],
        case_b=case_b,
        case_other=theirs["case"],
        hearing_a=ours["hearing"],
        hearing_other=theirs["hearing"],
        order_a=order,
        allocation_a=ours["allocation"],
        allocation_other=theirs["allocation"],
        incident_a=ours["incident"],
        incident_other=theirs["incident"],
        unmapped=unmapped,
    )


def key_for(user: Any) -> str:
    return api_token_issue(user=user, name="test script").secret


def client_for(user: Any) -> APIClient:
    """A client sending `user`'s API key, as a script would."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key_for(user)}")
    return client


@pytest.fixture
def monitor(org):
    return make_user(organisation=org, role="monitor")


@pytest.fixture
def legal(org):
    return make_user(organisation=org, role="legal")
