"""Reads of actions and checks: scoped by organisation and district, and an action never
reveals a link the reader may not see."""

from __future__ import annotations

from datetime import date

import pytest

from landclaims.actions.selectors import (
    ActionFilters,
    action_get,
    action_list,
    action_list_filtered,
    action_list_for_case,
    action_list_for_claim,
    action_list_for_group,
    action_list_for_incident,
    safety_net_check_list,
    safety_net_check_list_for_group,
    safety_net_tally,
)
from tests.factories import make_action, make_safety_net_check, make_user

pytestmark = pytest.mark.django_db


def test_another_organisations_staff_see_no_action(org, scene, outsider) -> None:
    make_action(organisation=org, groups=[scene.group])
    assert not action_list(user=outsider).exists()


def test_staff_of_one_district_see_only_its_actions(org, scene) -> None:
    mine = make_action(organisation=org, groups=[scene.group])
    make_action(organisation=org, groups=[scene.group_b])
    assert list(action_list(user=scene.organiser_a)) == [mine]


def test_an_action_never_reveals_a_claim_the_reader_cannot_see(org, scene) -> None:
    action = make_action(
        organisation=org, groups=[scene.group, scene.group_b], claims=[scene.claim, scene.claim_b]
    )
    seen = action_get(user=scene.organiser_a, pk=action.pk)
    assert seen.visible_claims == [scene.claim]  # type: ignore[attr-defined]
    assert [g.pk for g in seen.visible_groups] == [scene.group.pk]  # type: ignore[attr-defined]
    assert action_list_for_claim(user=scene.organiser_a, claim=scene.claim_b).count() == 1
    everyone = action_get(user=scene.users["organiser"], pk=action.pk)
    assert len(everyone.visible_claims) == 2  # type: ignore[attr-defined]


def test_sexual_violence_linked_to_an_action_is_hidden_from_monitors(org, scene) -> None:
    from landclaims.incidents.services import incident_record

    assault = incident_record(
        organisation=org, kind="sexual_violence", occurred_on=date(2024, 3, 1), claim=scene.claim
    )
    action = make_action(organisation=org, groups=[scene.group], incidents=[assault])
    monitor_view = action_get(user=scene.users["monitor"], pk=action.pk)
    assert monitor_view.visible_incidents == []  # type: ignore[attr-defined]
    assert action_list_for_incident(user=scene.users["monitor"], incident=assault).count() == 1


def test_timelines_of_claim_case_incident_and_group(org, scene) -> None:
    about_all = make_action(
        organisation=org,
        groups=[scene.group],
        claims=[scene.claim],
        cases=[scene.case],
        incidents=[scene.eviction],
    )
    make_action(organisation=org, groups=[scene.group_b], claims=[scene.claim_b])
    user = scene.users["organiser"]
    assert list(action_list_for_claim(user=user, claim=scene.claim)) == [about_all]
    assert list(action_list_for_case(user=user, case=scene.case)) == [about_all]
    assert list(action_list_for_incident(user=user, incident=scene.eviction)) == [about_all]
    assert list(action_list_for_group(user=user, group=scene.group)) == [about_all]


def test_filters_by_kind_outcome_dates_area_group_claim_and_case(org, places, scene) -> None:
    sit_in = make_action(
        organisation=org, groups=[scene.group], claims=[scene.claim], cases=[scene.case]
    )
    memo = make_action(
        organisation=org,
        groups=[scene.group_b],
        kind="memorandum",
        outcome="met",
        took_place_on=date(2024, 5, 1),
    )
    user = scene.users["organiser"]

    def found(**kw) -> list:
        return list(action_list_filtered(user=user, filters=ActionFilters(**kw)))

    assert found(kind="memorandum") == [memo]
    assert found(outcome="pending") == [sit_in]
    assert found(date_from=date(2024, 4, 1)) == [memo]
    assert found(date_to=date(2024, 4, 1)) == [sit_in]
    assert found(area=places.district_b) == [memo]
    assert found(group=scene.group) == [sit_in]
    assert found(claim=scene.claim) == [sit_in]
    assert found(case=scene.case) == [sit_in]


def test_checks_are_scoped_and_tallied_by_union_and_programme(org, places, scene) -> None:
    make_safety_net_check(
        organisation=org,
        union=places.union_a,
        irregularities_found=True,
        irregularities="Cards sold",
        people_wrongly_left_out=5,
        groups=[scene.group],
    )
    make_safety_net_check(organisation=org, union=places.union_a, checked_on=date(2024, 4, 2))
    make_safety_net_check(organisation=org, union=places.union_a, programme="widow")
    make_safety_net_check(organisation=org, union=places.union_b)
    tally = safety_net_tally(user=scene.organiser_a)
    assert [
        (t.union, t.programme, t.checks, t.with_irregularities, t.people_left_out) for t in tally
    ] == [
        (places.union_a, "vgd", 2, 1, 5),
        (places.union_a, "widow", 1, 0, 0),
    ]
    assert tally[0].last_checked_on == date(2024, 4, 2)
    assert safety_net_check_list(user=scene.users["organiser"]).count() == 4
    assert safety_net_check_list(user=scene.organiser_a, programme="widow").count() == 1
    assert safety_net_check_list_for_group(user=scene.organiser_a, group=scene.group).count() == 1


def test_another_organisation_sees_no_check(org, places, outsider) -> None:
    make_safety_net_check(organisation=org, union=places.union_a)
    assert not safety_net_check_list(user=outsider).exists()
    assert safety_net_tally(user=make_user(organisation=None)) == []
