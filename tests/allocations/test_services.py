"""Allocations: settled area, title, and settlements won outside the 1997 policy."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from landclaims.allocations.services import allocation_record
from landclaims.groups.services import member_create
from tests.factories import make_claim, make_parcel

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(org, places):
    return make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)


def test_an_allocation_keeps_the_entered_area_and_square_metres(claim) -> None:
    allocation = allocation_record(
        parcel=claim.parcels.get(), claim=claim, area_value="20", area_unit="decimal", title="joint"
    )
    assert allocation.area_m2 == Decimal("809.37")


def test_more_land_than_the_parcel_has_is_refused(claim) -> None:
    with pytest.raises(ValidationError) as error:
        allocation_record(
            parcel=claim.parcels.get(), claim=claim, area_value="2", area_unit="acre", title="joint"
        )
    assert "area_value" in error.value.message_dict


def test_a_parcel_outside_the_claim_is_refused(claim, org, places) -> None:
    other = make_parcel(organisation=org, mouza=places.mouza_a)
    with pytest.raises(ValidationError) as error:
        allocation_record(
            parcel=other, claim=claim, area_value="1", area_unit="decimal", title="joint"
        )
    assert "parcel" in error.value.message_dict


def test_a_widow_without_an_able_son_is_flagged_outside_policy(claim) -> None:
    member = member_create(
        group=claim.groups.get(),
        code="W1",
        sex="female",
        priority_category="widow_divorcee_without_son",
    )
    allocation = allocation_record(
        parcel=claim.parcels.get(),
        claim=claim,
        group=claim.groups.get(),
        members=[member],
        area_value="10",
        area_unit="decimal",
        title="single_woman",
    )
    assert allocation.outside_policy is True


def test_our_allocation_needs_a_title_but_one_to_others_does_not(claim) -> None:
    with pytest.raises(ValidationError):
        allocation_record(
            parcel=claim.parcels.get(), claim=claim, area_value="10", area_unit="decimal"
        )
    allocation = allocation_record(
        parcel=claim.parcels.get(), area_value="10", area_unit="decimal", settled_to_others=True
    )
    assert allocation.settled_to_others
