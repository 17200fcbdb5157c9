"""Reads of trainings: scoping, filters, a member's history, the tier a group reached and
people trained by tier and sex."""

from __future__ import annotations

from datetime import date

from landclaims.training.selectors import (
    TrainingFilters,
    group_tier_reached,
    group_training_list,
    member_training_history,
    tier_reached_by_group,
    trained_by_tier_and_sex,
    training_group_attendance,
    training_list_filtered,
)
from landclaims.training.services import GroupCount, training_attendance_set
from tests.factories import make_training, make_user


def _trained(org, district, groups, members=(), **extra):
    event = make_training(organisation=org, district=district, **extra)
    training_attendance_set(event=event, groups=groups, members=members, by=None)
    return event


def test_another_organisation_sees_none_of_the_trainings(org, other_org, places, scene):
    _trained(org, places.district_a, [GroupCount(scene.women, women=3)])
    outsider = make_user(organisation=other_org, role="admin")
    assert not training_list_filtered(user=outsider, filters=TrainingFilters()).exists()
    assert trained_by_tier_and_sex(user=outsider)[0].total == 0


def test_a_person_sees_the_trainings_of_their_districts_only(org, places, scene):
    _trained(org, places.district_a, [GroupCount(scene.women, women=3)], title="A")
    _trained(org, places.district_b, [GroupCount(scene.far, women=3)], title="B")
    seen = training_list_filtered(user=scene.users["organiser_b"], filters=TrainingFilters())
    assert [e.title for e in seen] == ["B"]
    everything = training_list_filtered(user=scene.users["monitor"], filters=TrainingFilters())
    assert {e.title for e in everything} == {"A", "B"}


def test_the_list_carries_the_totals_by_sex(org, places, scene):
    _trained(
        org, places.district_a, [GroupCount(scene.women, women=3), GroupCount(scene.men, men=4)]
    )
    (event,) = training_list_filtered(user=scene.users["viewer"], filters=TrainingFilters())
    assert (event.women, event.men, event.others, event.group_count) == (3, 4, 0, 2)


def test_filters_by_tier_topic_dates_area_and_group(org, places, scene):
    basic = _trained(org, places.district_a, [GroupCount(scene.women, women=3)], title="basic")
    vaw = _trained(
        org,
        places.district_b,
        [GroupCount(scene.far, women=3)],
        title="vaw",
        tier="follow_up",
        topics=["violence_against_women"],
        started_on=date(2025, 3, 1),
        ended_on=date(2025, 3, 2),
    )
    user = scene.users["organiser"]

    def titles(**filters):
        return [
            e.title for e in training_list_filtered(user=user, filters=TrainingFilters(**filters))
        ]

    assert titles(tier="follow_up") == [vaw.title]
    assert titles(topic="violence_against_women") == [vaw.title]
    assert titles(date_from=date(2025, 3, 2)) == [vaw.title]
    assert titles(date_to=date(2024, 12, 31)) == [basic.title]
    assert titles(area=places.district_a) == [basic.title]
    assert titles(group=scene.far) == [vaw.title]


def test_a_members_history_lists_the_trainings_named_at_oldest_first(org, places, scene):
    later = _trained(
        org, places.district_a, [GroupCount(scene.women, women=1)], [scene.rahima],
        tier="advanced", started_on=date(2025, 1, 5),
    )  # fmt: skip
    first = _trained(org, places.district_a, [GroupCount(scene.women, women=1)], [scene.rahima])
    _trained(org, places.district_a, [GroupCount(scene.women, women=1)])  # not named there
    history = member_training_history(user=scene.users["organiser"], member=scene.rahima)
    assert list(history) == [first, later]


def test_the_tier_reached_is_the_highest_attended(org, places, scene):
    user = scene.users["viewer"]
    assert group_tier_reached(user=user, group=scene.women) == ""
    _trained(org, places.district_a, [GroupCount(scene.women, women=1)], tier="advanced")
    _trained(org, places.district_a, [GroupCount(scene.women, women=1)], tier="follow_up")
    _trained(org, places.district_a, [GroupCount(scene.men, men=1)], tier="mixed")
    assert group_tier_reached(user=user, group=scene.women) == "advanced"
    assert tier_reached_by_group(user=user) == {scene.women.pk: "advanced", scene.men.pk: "mixed"}


def test_the_tier_counts_a_member_named_at_a_training(org, places, scene):
    # The member came with another group's count (a mixed workshop of the union).
    _trained(
        org, places.district_a, [GroupCount(scene.men, men=5, women=1)], [scene.karim], tier="basic"
    )
    assert group_tier_reached(user=scene.users["viewer"], group=scene.men) == "basic"


def test_the_tier_reached_ignores_trainings_the_user_cannot_see(org, places, scene):
    _trained(org, places.district_b, [GroupCount(scene.women, women=1)], tier="advanced")
    assert group_tier_reached(user=scene.users["organiser_b"], group=scene.women) == "advanced"
    _trained(org, places.district_a, [GroupCount(scene.far, women=1)], tier="mixed")
    assert group_tier_reached(user=scene.users["organiser_b"], group=scene.far) == ""


def test_a_groups_trainings_carry_its_own_counts(org, places, scene):
    _trained(
        org, places.district_a, [GroupCount(scene.women, women=6), GroupCount(scene.men, men=2)]
    )
    (event,) = group_training_list(user=scene.users["viewer"], group=scene.women)
    assert (event.group_women, event.group_men, event.group_others) == (6, 0, 0)


def test_people_trained_by_tier_and_sex(org, places, scene):
    _trained(
        org, places.district_a, [GroupCount(scene.women, women=6), GroupCount(scene.men, men=2)]
    )
    _trained(org, places.district_b, [GroupCount(scene.far, women=4, others=1)], tier="advanced")
    rows = {
        r.tier: (r.women, r.men, r.others)
        for r in trained_by_tier_and_sex(user=scene.users["viewer"])
    }
    assert rows == {
        "basic": (6, 2, 0),
        "follow_up": (0, 0, 0),
        "advanced": (4, 0, 1),
        "mixed": (0, 0, 0),
    }
    in_a = trained_by_tier_and_sex(user=scene.users["viewer"], area=places.district_a)
    assert [r.total for r in in_a] == [8, 0, 0, 0]


def test_attendance_rows_leave_out_groups_the_user_cannot_see(org, places, scene):
    event = _trained(
        org, places.district_a, [GroupCount(scene.women, women=2), GroupCount(scene.far, women=1)]
    )
    user_a = make_user(organisation=org, role="monitor", districts=[places.district_a])
    rows = training_group_attendance(user=user_a, event=event)
    assert [r.group_id for r in rows] == [scene.women.pk]
    assert rows[0].group.kind_count == 1  # labelled for a reader who may not read names
