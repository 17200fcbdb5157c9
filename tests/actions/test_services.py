"""The rules of action_create/update, action_link/unlink and the safety-net checks, and what
each refuses."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from landclaims.actions.models import Action, SafetyNetCheck
from landclaims.actions.services import (
    action_create,
    action_link,
    action_unlink,
    action_update,
    safety_net_check_update,
)
from landclaims.core.concurrency import EditConflict
from tests.factories import make_action, make_safety_net_check

pytestmark = pytest.mark.django_db


def test_a_sit_in_is_recorded_with_its_groups_links_and_numbers_by_sex(org, scene) -> None:
    action = action_create(
        organisation=org,
        kind="sit_in",
        took_place_on=date(2024, 3, 10),
        groups=[scene.group],
        women=40,
        men=15,
        others=1,
        authority="UNO",
        claims=[scene.claim],
        cases=[scene.case],
        incidents=[scene.eviction],
        by=scene.users["organiser"],
    )
    assert (action.women, action.men, action.others, action.people) == (40, 15, 1, 56)
    assert list(action.claims.all()) == [scene.claim]
    assert list(action.cases.all()) == [scene.case]
    assert list(action.incidents.all()) == [scene.eviction]
    assert action.version == 1


def test_the_district_comes_from_the_place(org, places, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group], place=places.union_b)
    assert action.district == places.district_b


def test_the_district_comes_from_the_first_group_without_a_place(org, places, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group_b, scene.group])
    assert action.district == places.district_b


def test_a_place_that_is_a_district_is_the_district(org, places, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group], place=places.district_b)
    assert action.district == places.district_b


def test_an_action_without_groups_is_refused(org, scene) -> None:
    with pytest.raises(ValidationError) as error:
        make_action(organisation=org, groups=[])
    assert "groups" in error.value.message_dict


def test_a_gathering_of_nobody_is_refused(org, scene) -> None:
    with pytest.raises(ValidationError) as error:
        make_action(organisation=org, groups=[scene.group], women=0, men=0)
    assert "women" in error.value.message_dict


def test_a_memorandum_needs_no_count(org, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group], kind="memorandum", women=0, men=0)
    assert action.people == 0


def test_an_action_in_the_future_is_refused(org, scene) -> None:
    with pytest.raises(ValidationError) as error:
        make_action(organisation=org, groups=[scene.group], took_place_on=date(2999, 1, 1))
    assert "took_place_on" in error.value.message_dict


def test_another_organisations_group_is_refused(org, scene, other_group) -> None:
    with pytest.raises(ValidationError) as error:
        make_action(organisation=org, groups=[scene.group, other_group])
    assert "another organisation" in error.value.message_dict["groups"][0]


def test_a_claim_the_person_cannot_see_is_refused_without_saying_what_it_is(org, scene) -> None:
    with pytest.raises(ValidationError) as error:
        make_action(
            organisation=org, groups=[scene.group], claims=[scene.claim_b], by=scene.organiser_a
        )
    assert error.value.message_dict["claims"] == [
        "One of them lies in districts you do not work in."
    ]
    assert not Action.objects.exists()


def test_a_district_the_person_does_not_work_in_is_refused(org, places, scene) -> None:
    with pytest.raises(ValidationError) as error:
        make_action(
            organisation=org, groups=[scene.group], place=places.union_b, by=scene.organiser_a
        )
    assert "district" in error.value.message_dict


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_may_not_record_actions(org, scene, role) -> None:
    with pytest.raises(PermissionDenied):
        make_action(organisation=org, groups=[scene.group], by=scene.users[role])


@pytest.mark.parametrize("role", ["admin", "legal", "organiser"])
def test_the_group_work_writers_record_actions(org, scene, role) -> None:
    action = make_action(organisation=org, groups=[scene.group], by=scene.users[role])
    assert action.pk is not None


def test_an_update_records_the_outcome_and_raises_the_version(org, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group])
    action = action_update(
        action=action,
        by=scene.users["organiser"],
        changes={"outcome": "met", "outcome_note": "The AC Land promised the inquiry"},
        expected_version=1,
    )
    action.refresh_from_db()
    assert (action.outcome, action.version) == ("met", 2)


def test_an_update_from_a_stale_page_is_refused(org, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group])
    action_update(action=action, by=None, changes={"outcome": "met"})
    with pytest.raises(EditConflict):
        action_update(
            action=action,
            by=scene.users["organiser"],
            changes={"outcome": "not_met"},
            expected_version=1,
            seen={"outcome": "pending"},
        )
    action.refresh_from_db()
    assert action.outcome == "met"


def test_the_district_cannot_be_changed(org, places, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group])
    with pytest.raises(ValidationError):
        action_update(action=action, by=None, changes={"district": places.district_b})


def test_an_edit_keeps_the_links_the_person_cannot_see(org, scene) -> None:
    action = make_action(
        organisation=org, groups=[scene.group], claims=[scene.claim, scene.claim_b]
    )
    action_update(action=action, by=scene.organiser_a, changes={"claims": []})
    assert list(action.claims.all()) == [scene.claim_b]


def test_an_edit_keeps_the_groups_the_person_cannot_see(org, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group, scene.group_b])
    action_update(action=action, by=scene.organiser_a, changes={"groups": [scene.group]})
    assert set(action.groups.all()) == {scene.group, scene.group_b}


def test_an_update_to_a_gathering_of_nobody_is_refused(org, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group], kind="memorandum", women=0, men=0)
    with pytest.raises(ValidationError):
        action_update(action=action, by=None, changes={"kind": "rally"})


def test_link_and_unlink_a_claim(org, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group])
    action_link(action=action, by=scene.users["legal"], claim=scene.claim, expected_version=1)
    assert list(action.claims.all()) == [scene.claim]
    action_unlink(action=action, by=scene.users["legal"], claim=scene.claim, expected_version=2)
    action.refresh_from_db()
    assert (list(action.claims.all()), action.version) == ([], 3)


def test_link_of_an_invisible_incident_is_refused(org, places, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group])
    from landclaims.incidents.services import incident_record

    far = incident_record(
        organisation=org, kind="threat", occurred_on=date(2024, 1, 1), claim=scene.claim_b
    )
    with pytest.raises(ValidationError) as error:
        action_link(action=action, by=scene.organiser_a, incident=far)
    assert "incidents" in error.value.message_dict


def test_link_needs_exactly_one_record(org, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group])
    with pytest.raises(ValidationError):
        action_link(action=action, by=None, claim=scene.claim, case=scene.case)


def test_unlink_of_what_is_not_linked_is_refused(org, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group])
    with pytest.raises(ValidationError) as error:
        action_unlink(action=action, by=None, case=scene.case)
    assert "cases" in error.value.message_dict


def test_monitors_may_not_link(org, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group])
    with pytest.raises(PermissionDenied):
        action_link(action=action, by=scene.users["monitor"], claim=scene.claim)


# Safety-net checks -------------------------------------------------------------------------


def test_a_check_is_filed_under_its_unions_district(org, places, scene) -> None:
    check = make_safety_net_check(organisation=org, union=places.union_b, groups=[scene.group_b])
    assert (check.district, list(check.groups.all())) == (places.district_b, [scene.group_b])


def test_a_check_must_be_in_a_union(org, places) -> None:
    with pytest.raises(ValidationError) as error:
        make_safety_net_check(organisation=org, union=places.mouza_a)
    assert "union" in error.value.message_dict


def test_irregularities_found_must_be_described(org, places) -> None:
    with pytest.raises(ValidationError) as error:
        make_safety_net_check(organisation=org, union=places.union_a, irregularities_found=True)
    assert "irregularities" in error.value.message_dict


def test_people_left_out_are_an_irregularity(org, places) -> None:
    with pytest.raises(ValidationError) as error:
        make_safety_net_check(organisation=org, union=places.union_a, people_wrongly_left_out=3)
    assert "people_wrongly_left_out" in error.value.message_dict


def test_the_database_refuses_irregularities_found_undescribed(org, places) -> None:
    check = make_safety_net_check(
        organisation=org, union=places.union_a, irregularities_found=True, irregularities="x"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        SafetyNetCheck.objects.filter(pk=check.pk).update(irregularities="")


def test_a_check_links_a_watchdog_visit_only(org, places, scene) -> None:
    visit = make_action(organisation=org, groups=[scene.group], kind="watchdog_visit")
    sit_in = make_action(organisation=org, groups=[scene.group])
    check = make_safety_net_check(organisation=org, union=places.union_a, action=visit)
    assert check.action == visit
    with pytest.raises(ValidationError) as error:
        make_safety_net_check(organisation=org, union=places.union_a, action=sit_in)
    assert "action" in error.value.message_dict


def test_a_check_in_a_district_the_person_does_not_work_in_is_refused(org, places, scene) -> None:
    with pytest.raises(ValidationError) as error:
        make_safety_net_check(organisation=org, union=places.union_b, by=scene.organiser_a)
    assert "district" in error.value.message_dict


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_may_not_record_checks(org, places, scene, role) -> None:
    with pytest.raises(PermissionDenied):
        make_safety_net_check(organisation=org, union=places.union_a, by=scene.users[role])


def test_a_check_update_records_the_outcome(org, places, scene) -> None:
    check = make_safety_net_check(organisation=org, union=places.union_a)
    check = safety_net_check_update(
        check=check,
        by=scene.users["organiser"],
        changes={
            "irregularities_found": True,
            "irregularities": "Six cards held by the member's relatives",
            "people_wrongly_left_out": 6,
            "outcome": "The UNO re-checked the list",
        },
        expected_version=1,
    )
    check.refresh_from_db()
    assert (check.people_wrongly_left_out, check.version) == (6, 2)


def test_a_check_update_clearing_the_description_is_refused(org, places) -> None:
    check = make_safety_net_check(
        organisation=org, union=places.union_a, irregularities_found=True, irregularities="x"
    )
    with pytest.raises(ValidationError) as error:
        safety_net_check_update(check=check, by=None, changes={"irregularities": " "})
    assert "irregularities" in error.value.message_dict


def test_a_check_update_from_a_stale_page_is_refused(org, places, scene) -> None:
    check = make_safety_net_check(organisation=org, union=places.union_a)
    safety_net_check_update(check=check, by=None, changes={"outcome": "done"})
    with pytest.raises(EditConflict):
        safety_net_check_update(
            check=check, by=scene.users["organiser"], changes={"outcome": "x"}, expected_version=1
        )
