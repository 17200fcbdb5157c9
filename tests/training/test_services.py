"""Rules and refusals of the training services."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from landclaims.core.concurrency import EditConflict
from landclaims.training.models import GroupAttendance, MemberAttendance, TrainingEvent
from landclaims.training.services import (
    GroupCount,
    training_attendance_set,
    training_event_create,
    training_event_update,
)
from tests.factories import make_training


def test_a_training_is_recorded_with_its_tier_topics_and_place(org, places, scene):
    event = training_event_create(
        organisation=org,
        district=places.district_a,
        title="  Violence against women  ",
        tier="follow_up",
        topics=["violence_against_women", "gender", "gender"],
        started_on=date(2024, 5, 1),
        ended_on=date(2024, 5, 3),
        place=places.union_a,
        facilitator="Shirin Akter",
        by=scene.users["organiser"],
    )
    event.refresh_from_db()
    assert event.title == "Violence against women"
    assert event.topics == ["violence_against_women", "gender"]
    assert event.place == places.union_a
    assert event.version == 1


def test_a_one_day_training_ends_the_day_it_starts(org, places):
    event = make_training(organisation=org, district=places.district_a)
    assert event.ended_on == event.started_on


def test_a_training_cannot_end_before_it_starts(org, places):
    with pytest.raises(ValidationError) as error:
        make_training(
            organisation=org,
            district=places.district_a,
            started_on=date(2024, 5, 3),
            ended_on=date(2024, 5, 1),
        )
    assert "ended_on" in error.value.message_dict
    assert not TrainingEvent.objects.exists()


def test_the_database_refuses_dates_out_of_order(org, places):
    event = make_training(organisation=org, district=places.district_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingEvent.objects.filter(pk=event.pk).update(ended_on=date(2000, 1, 1))


def test_an_unknown_tier_is_refused(org, places):
    with pytest.raises(ValidationError) as error:
        make_training(organisation=org, district=places.district_a, tier="expert")
    assert "tier" in error.value.message_dict


def test_an_unknown_topic_is_refused(org, places):
    with pytest.raises(ValidationError) as error:
        make_training(organisation=org, district=places.district_a, topics=["astrology"])
    assert "topics" in error.value.message_dict


def test_the_place_must_lie_in_the_district(org, places):
    with pytest.raises(ValidationError) as error:
        make_training(organisation=org, district=places.district_a, place=places.union_b)
    assert "place" in error.value.message_dict


def test_a_training_is_filed_under_a_district(org, places):
    with pytest.raises(ValidationError) as error:
        make_training(organisation=org, district=places.union_a)
    assert "district" in error.value.message_dict


def test_a_person_records_only_in_their_own_districts(org, places, scene):
    with pytest.raises(ValidationError) as error:
        make_training(organisation=org, district=places.district_a, by=scene.users["organiser_b"])
    assert "district" in error.value.message_dict


def test_a_person_records_only_for_their_own_organisation(other_org, places, scene):
    with pytest.raises(ValidationError) as error:
        make_training(organisation=other_org, district=places.district_a, by=scene.users["admin"])
    assert "organisation" in error.value.message_dict


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_record_no_training(org, places, scene, role):
    with pytest.raises(PermissionDenied):
        make_training(organisation=org, district=places.district_a, by=scene.users[role])


@pytest.mark.parametrize("role", ["admin", "legal", "organiser"])
def test_the_writers_record_trainings(org, places, scene, role):
    assert make_training(organisation=org, district=places.district_a, by=scene.users[role])


def test_an_update_raises_the_version(org, places, scene):
    event = make_training(organisation=org, district=places.district_a)
    training_event_update(
        event=event,
        by=scene.users["organiser"],
        changes={"tier": "advanced", "ended_on": date(2024, 2, 12)},
        expected_version=1,
    )
    event.refresh_from_db()
    assert (event.tier, event.ended_on, event.version) == ("advanced", date(2024, 2, 12), 2)


def test_an_update_from_a_stale_form_is_refused(org, places, scene):
    event = make_training(organisation=org, district=places.district_a)
    training_event_update(event=event, by=None, changes={"venue": "School"}, expected_version=1)
    with pytest.raises(EditConflict):
        training_event_update(
            event=event, by=scene.users["organiser"], changes={"venue": "Hall"}, expected_version=1
        )
    event.refresh_from_db()
    assert event.venue == "School"


def test_an_update_keeps_dates_in_order(org, places, scene):
    event = make_training(organisation=org, district=places.district_a)
    with pytest.raises(ValidationError) as error:
        training_event_update(
            event=event, by=scene.users["organiser"], changes={"ended_on": date(2024, 1, 1)}
        )
    assert "ended_on" in error.value.message_dict


def test_the_district_cannot_be_changed(org, places, scene):
    event = make_training(organisation=org, district=places.district_a)
    with pytest.raises(ValidationError):
        training_event_update(
            event=event, by=scene.users["organiser"], changes={"district": places.district_b}
        )


def test_a_person_outside_the_district_cannot_update(org, places, scene):
    event = make_training(organisation=org, district=places.district_a)
    with pytest.raises(ValidationError):
        training_event_update(
            event=event, by=scene.users["organiser_b"], changes={"venue": "Elsewhere"}
        )


# Attendance --------------------------------------------------------------------------------


def _event(org, places):
    return make_training(organisation=org, district=places.district_a)


def test_attendance_counts_each_group_by_sex_and_names_members(org, places, scene):
    event = _event(org, places)
    training_attendance_set(
        event=event,
        groups=[
            GroupCount(scene.women, women=12),
            GroupCount(scene.men, men=8, others=1),
        ],
        members=[scene.rahima, scene.karim],
        by=scene.users["organiser"],
        expected_version=1,
    )
    rows = {(a.group_id, a.women, a.men, a.others) for a in GroupAttendance.objects.all()}
    assert rows == {(scene.women.pk, 12, 0, 0), (scene.men.pk, 0, 8, 1)}
    assert set(MemberAttendance.objects.values_list("member", flat=True)) == {
        scene.rahima.pk,
        scene.karim.pk,
    }
    event.refresh_from_db()
    assert event.version == 2


def test_attendance_by_community_keeps_a_row_per_community(org, places, scene):
    event = _event(org, places)
    training_attendance_set(
        event=event,
        groups=[
            GroupCount(scene.women, women=5, community="bengali"),
            GroupCount(scene.women, women=3, community="adivasi"),
        ],
        by=None,
    )
    assert GroupAttendance.objects.filter(group=scene.women).count() == 2


def test_setting_attendance_again_replaces_it(org, places, scene):
    event = _event(org, places)
    training_attendance_set(
        event=event, groups=[GroupCount(scene.women, women=4)], members=[scene.rahima], by=None
    )
    training_attendance_set(event=event, groups=[GroupCount(scene.men, men=3)], by=None)
    assert list(GroupAttendance.objects.values_list("group", "men")) == [(scene.men.pk, 3)]
    assert not MemberAttendance.objects.exists()


def test_a_group_with_nobody_counted_is_left_out(org, places, scene):
    event = _event(org, places)
    training_attendance_set(
        event=event, groups=[GroupCount(scene.women, women=2), GroupCount(scene.men)], by=None
    )
    assert list(GroupAttendance.objects.values_list("group", flat=True)) == [scene.women.pk]


def _refused(event, scene, field, **kwargs):
    training_attendance_set(event=event, groups=[GroupCount(scene.women, women=9)], by=None)
    with pytest.raises(ValidationError) as error:
        training_attendance_set(event=event, by=scene.users["organiser"], **kwargs)
    assert field in error.value.message_dict
    # All or nothing: what was there before is still there.
    assert list(GroupAttendance.objects.values_list("group", "women")) == [(scene.women.pk, 9)]


def test_a_member_of_a_group_that_did_not_attend_is_refused(org, places, scene):
    event = _event(org, places)
    _refused(
        event,
        scene,
        "members",
        groups=[GroupCount(scene.men, men=2)],
        members=[scene.karim, scene.rahima],
    )


def test_a_negative_count_is_refused(org, places, scene):
    _refused(
        _event(org, places), scene, "groups", groups=[GroupCount(scene.women, women=3, men=-1)]
    )


def test_a_group_counted_twice_is_refused(org, places, scene):
    rows = [GroupCount(scene.women, women=3), GroupCount(scene.women, women=1)]
    _refused(_event(org, places), scene, "groups", groups=rows)


def test_a_member_named_twice_is_refused(org, places, scene):
    rows = [GroupCount(scene.women, women=3)]
    _refused(_event(org, places), scene, "members", groups=rows, members=[scene.rahima] * 2)


def test_a_group_of_another_organisation_is_refused(org, other_org, places, scene):
    from tests.factories import make_group

    theirs = make_group(organisation=other_org, village=places.village_a)
    _refused(_event(org, places), scene, "groups", groups=[GroupCount(theirs, women=3)])


def test_a_group_the_person_cannot_see_is_refused(org, places, scene):
    event = make_training(organisation=org, district=places.district_b)
    training_attendance_set(event=event, groups=[GroupCount(scene.far, women=1)], by=None)
    with pytest.raises(ValidationError) as error:
        training_attendance_set(
            event=event,
            groups=[GroupCount(scene.far, women=2), GroupCount(scene.women, women=2)],
            by=scene.users["organiser_b"],
        )
    assert "groups" in error.value.message_dict


def test_attendance_from_a_stale_form_is_refused(org, places, scene):
    event = _event(org, places)
    training_attendance_set(event=event, groups=[GroupCount(scene.women, women=1)], by=None)
    with pytest.raises(EditConflict):
        training_attendance_set(
            event=event,
            groups=[GroupCount(scene.women, women=7)],
            by=scene.users["organiser"],
            expected_version=1,
        )


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_record_no_attendance(org, places, scene, role):
    event = _event(org, places)
    with pytest.raises(PermissionDenied):
        training_attendance_set(
            event=event, groups=[GroupCount(scene.women, women=1)], by=scene.users[role]
        )
    assert not GroupAttendance.objects.exists()
