"""The group and member services: scope, stale saves, leaving, and the counts by sex."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from landclaims.core.concurrency import EditConflict
from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.selectors import group_counts, group_leader_list
from landclaims.groups.services import (
    group_create,
    group_update,
    member_create,
    member_leave,
    member_update,
)
from tests.groups.conftest import add_member

pytestmark = pytest.mark.django_db


def _new_group(org, village, by, **extra):
    fields = {"name_bn": "দক্ষিণপাড়া ভূমিহীন সমিতি", "sex": "men", **extra}
    return group_create(organisation=org, village=village, by=by, **fields)


# --- registering a group -----------------------------------------------------------------


def test_an_organiser_registers_a_group_with_its_meeting_day(org, places, organiser_a) -> None:
    group = _new_group(org, places.village_a, organiser_a, meeting_day="fri")
    stored = LandlessGroup.objects.get(pk=group.pk)
    assert (stored.meeting_day, stored.version, stored.sex) == ("fri", 1, "men")


def test_a_group_in_a_village_outside_the_writers_districts_is_refused(
    org, places, organiser_a
) -> None:
    with pytest.raises(ValidationError) as refused:
        _new_group(org, places.village_b, organiser_a)
    assert "village" in refused.value.message_dict
    assert not LandlessGroup.objects.exists()


def test_a_group_for_another_organisation_is_refused(other_org, places, organiser_a) -> None:
    with pytest.raises(ValidationError) as refused:
        _new_group(other_org, places.village_a, organiser_a)
    assert "organisation" in refused.value.message_dict


def test_a_monitor_may_not_register_a_group(org, places, monitor) -> None:
    with pytest.raises(PermissionDenied):
        _new_group(org, places.village_a, monitor)


def test_a_group_formed_in_the_future_is_refused(org, places, organiser_a, frozen_today) -> None:
    with pytest.raises(ValidationError) as refused:
        _new_group(org, places.village_a, organiser_a, formed_on=date(2024, 7, 1))
    assert "formed_on" in refused.value.message_dict


# --- correcting a group ------------------------------------------------------------------


def test_a_group_update_raises_its_version(women_group, organiser_a) -> None:
    group_update(
        group=women_group, by=organiser_a, changes={"meeting_day": "sat"}, expected_version=1
    )
    women_group.refresh_from_db()
    assert (women_group.meeting_day, women_group.version) == ("sat", 2)


def test_a_stale_group_save_is_refused_naming_what_changed(women_group, organiser_a) -> None:
    group_update(group=women_group, by=organiser_a, changes={"members_women": 14})
    with pytest.raises(EditConflict) as refused:
        group_update(
            group=women_group,
            by=organiser_a,
            changes={"meeting_day": "sun"},
            expected_version=1,
            seen={"members_women": "12"},
        )
    assert "14" in refused.value.messages[0]
    women_group.refresh_from_db()
    assert women_group.meeting_day == ""


def test_moving_a_group_to_a_village_outside_ones_districts_is_refused(
    women_group, places, organiser_a
) -> None:
    with pytest.raises(ValidationError) as refused:
        group_update(group=women_group, by=organiser_a, changes={"village": places.village_b})
    assert "village" in refused.value.message_dict


# --- members -----------------------------------------------------------------------------


def test_a_member_is_recorded_with_role_and_landless_check(women_group, organiser_a) -> None:
    member = member_create(
        group=women_group,
        code="NK-001",
        sex="female",
        priority_category="no_homestead_no_land",
        role="president",
        landless_status="verified",
        landless_checked_on=date(2023, 5, 2),
        by=organiser_a,
    )
    stored = Member.objects.get(pk=member.pk)
    assert (stored.role, stored.landless_status) == ("president", "verified")
    assert stored.landless_checked_on == date(2023, 5, 2)


def test_a_check_date_without_a_result_is_refused_naming_the_field(women_group) -> None:
    with pytest.raises(ValidationError) as refused:
        add_member(women_group, "NK-002", landless_checked_on=date(2023, 5, 2))
    assert "landless_status" in refused.value.message_dict


def test_a_stale_member_save_is_refused(women_group, organiser_a) -> None:
    member = add_member(women_group, "NK-003")
    member_update(member=member, by=organiser_a, changes={"role": "cashier"}, expected_version=1)
    with pytest.raises(EditConflict):
        member_update(
            member=member, by=organiser_a, changes={"role": "secretary"}, expected_version=1
        )
    assert Member.objects.get(pk=member.pk).role == "cashier"


def test_a_member_who_leaves_keeps_their_record(women_group, organiser_a, frozen_today) -> None:
    member = add_member(women_group, "NK-004")
    member_leave(
        member=member, on=date(2024, 5, 1), reason="Moved to Dhaka", by=organiser_a,
        expected_version=1,
    )  # fmt: skip
    stored = Member.objects.get(pk=member.pk)
    assert (stored.left_on, stored.left_reason, stored.version) == (
        date(2024, 5, 1),
        "Moved to Dhaka",
        2,
    )


def test_leaving_before_joining_is_refused_naming_the_field(women_group, organiser_a) -> None:
    member = add_member(women_group, "NK-005", joined_on=date(2015, 1, 1))
    with pytest.raises(ValidationError) as refused:
        member_leave(member=member, on=date(2014, 1, 1), by=organiser_a)
    assert "left_on" in refused.value.message_dict
    assert Member.objects.get(pk=member.pk).left_on is None


def test_a_stale_leave_is_refused(women_group, organiser_a) -> None:
    member = add_member(women_group, "NK-006")
    member_update(member=member, by=organiser_a, changes={"role": "cashier"})
    with pytest.raises(EditConflict):
        member_leave(member=member, on=date(2020, 1, 1), by=organiser_a, expected_version=1)


def test_a_viewer_may_not_mark_a_member_as_left(women_group, viewer) -> None:
    member = add_member(women_group, "NK-007")
    with pytest.raises(PermissionDenied):
        member_leave(member=member, on=date(2020, 1, 1), by=viewer)


# --- counts by sex -----------------------------------------------------------------------


def test_without_members_the_typed_counts_stand(women_group, organiser_a) -> None:
    counts = group_counts(user=organiser_a, group=women_group)
    assert (counts.women, counts.men, counts.recorded, counts.mismatches) == (12, 0, False, [])


def test_recorded_members_who_have_not_left_are_the_count(women_group, organiser_a) -> None:
    for code in ("A", "B", "C"):
        add_member(women_group, code)
    add_member(women_group, "D", sex="male")
    gone = add_member(women_group, "E")
    member_leave(member=gone, on=date(2020, 1, 1), by=None)
    counts = group_counts(user=organiser_a, group=women_group)
    assert (counts.women, counts.men, counts.total, counts.recorded) == (3, 1, 4, True)


def test_typed_and_recorded_counts_that_differ_are_shown(women_group, organiser_a) -> None:
    add_member(women_group, "A")
    [mismatch] = group_counts(user=organiser_a, group=women_group).mismatches
    assert (mismatch.sex, mismatch.typed, mismatch.recorded) == ("women", 12, 1)


def test_leaders_are_the_current_members_with_an_office(women_group, organiser_a) -> None:
    add_member(women_group, "A", role="president")
    add_member(women_group, "B")
    gone = add_member(women_group, "C", role="cashier")
    member_leave(member=gone, on=date(2020, 1, 1), by=None)
    assert [m.code for m in group_leader_list(user=organiser_a, group=women_group)] == ["A"]
