"""Allocations: who may record them where, their recipients, versions, and who holds the land."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from landclaims.allocations.models import Allocation, Holder
from landclaims.allocations.selectors import allocation_holder_history
from landclaims.allocations.services import allocation_change_holder, allocation_update
from landclaims.core.concurrency import EditConflict
from landclaims.groups.services import member_create
from tests.allocations.conftest import record
from tests.factories import make_claim, make_group, make_user

pytestmark = pytest.mark.django_db


def test_an_organiser_of_another_district_is_refused_on_the_parcel(claim, org, places) -> None:
    elsewhere = make_user(organisation=org, role="organiser", districts=[places.district_b])
    with pytest.raises(ValidationError) as error:
        record(claim, by=elsewhere)
    assert "parcel" in error.value.message_dict
    assert not Allocation.objects.exists()


def test_another_organisations_admin_is_refused(claim, outsider) -> None:
    with pytest.raises(ValidationError) as error:
        record(claim, by=outsider)
    assert "parcel" in error.value.message_dict


def test_a_monitor_may_not_record_an_allocation(claim, org) -> None:
    with pytest.raises(PermissionDenied):
        record(claim, by=make_user(organisation=org, role="monitor"))


def test_a_group_outside_the_claim_is_refused(claim, org, places) -> None:
    stranger = make_group(organisation=org, village=places.village_a)
    with pytest.raises(ValidationError) as error:
        record(claim, group=stranger)
    assert "group" in error.value.message_dict


def test_recipients_must_be_members_of_the_allocations_group(claim, org, places) -> None:
    other = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    outsider = member_create(
        group=other.groups.get(), code="X9", sex="male", priority_category="no_homestead_no_land"
    )
    with pytest.raises(ValidationError) as error:
        record(claim, members=[outsider])
    assert "X9" in str(error.value.message_dict["members"])


def test_outside_policy_is_as_given_when_no_recipient_is_named(claim) -> None:
    assert record(claim, outside_policy=True).outside_policy is True


def test_named_recipients_decide_outside_policy_over_what_is_given(claim) -> None:
    member = member_create(
        group=claim.groups.get(), code="M1", sex="female", priority_category="homestead_only"
    )
    allocation = record(claim, members=[member], outside_policy=True)
    assert allocation.outside_policy is False


def test_bengali_digits_in_paper_numbers_are_stored_plain(claim, organiser) -> None:
    allocation = record(claim, kabuliyat_no="১২/২০২৩", by=organiser)
    assert allocation.kabuliyat_no == "12/2023"


def test_an_update_raises_the_version_and_converts_the_area(claim, organiser) -> None:
    allocation = record(claim)
    updated = allocation_update(
        allocation=allocation,
        by=organiser,
        changes={"area_value": "১০", "area_unit": "decimal", "dcr_no": "৩৩"},
        expected_version=1,
    )
    updated.refresh_from_db()
    assert updated.version == 2
    assert float(updated.area_m2) == pytest.approx(404.69, abs=0.01)
    assert updated.dcr_no == "33"


def test_an_update_from_a_stale_page_is_refused(claim, organiser) -> None:
    allocation = record(claim)
    allocation_update(allocation=allocation, by=organiser, changes={"dcr_no": "1"})
    with pytest.raises(EditConflict):
        allocation_update(
            allocation=allocation, by=organiser, changes={"dcr_no": "2"}, expected_version=1
        )
    allocation.refresh_from_db()
    assert allocation.dcr_no == "1"


def test_changing_the_holder_keeps_the_earlier_holder_in_the_history(claim, organiser) -> None:
    allocation = record(claim, held_since=date(2021, 1, 1))
    allocation_change_holder(
        allocation=allocation,
        held_by=Holder.ENCROACHER,
        since=date(2023, 3, 5),
        note="Taken by force",
        by=organiser,
        expected_version=1,
    )
    allocation.refresh_from_db()
    assert (allocation.held_by, allocation.held_since) == (Holder.ENCROACHER, date(2023, 3, 5))
    history = allocation_holder_history(user=organiser, allocation=allocation)
    assert [(h.held_by, h.since) for h in history] == [
        (Holder.ENCROACHER, date(2023, 3, 5)),
        (Holder.RECIPIENTS, date(2021, 1, 1)),
    ]


def test_a_holder_change_before_the_previous_one_is_refused(claim, organiser) -> None:
    allocation = record(claim, held_since=date(2022, 1, 1))
    with pytest.raises(ValidationError) as error:
        allocation_change_holder(
            allocation=allocation, held_by=Holder.LAND_OFFICE, since=date(2021, 1, 1), by=organiser
        )
    assert "since" in error.value.message_dict


def test_a_holder_change_in_the_future_is_refused(claim, organiser, today) -> None:
    allocation = record(claim)
    with pytest.raises(ValidationError) as error:
        allocation_change_holder(
            allocation=allocation, held_by=Holder.ENCROACHER, since=date(2030, 1, 1), by=organiser
        )
    assert "since" in error.value.message_dict
