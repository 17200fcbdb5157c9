"""Orders have a life: vacated, extended, modified, complied with, ended by the judgment; and a
case's notes and tasks. Today is 1 June 2024 (the `today` fixture)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from landclaims.cases.models import CaseEvent, CaseTask, InterimOrder
from landclaims.cases.selectors import (
    case_detail,
    case_note_list,
    case_task_list_open,
    interim_order_list_in_force,
)
from landclaims.cases.services import (
    case_note_add,
    case_record_judgment,
    case_task_add,
    case_task_done,
    interim_order_extend,
    interim_order_modify,
    interim_order_record,
    interim_order_record_compliance,
    interim_order_vacate,
)
from landclaims.core.concurrency import EditConflict
from tests.factories import make_user

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 1)


@pytest.fixture
def stay(case) -> InterimOrder:
    """A stay made on 10 May 2024, in force until 30 June 2024."""
    return interim_order_record(
        case=case, kind="stay", made_on=date(2024, 5, 10), in_force_until=date(2024, 6, 30), by=None
    )


def in_force(user, on=TODAY) -> set[int]:
    return {o.pk for o in interim_order_list_in_force(user=user, on=on)}


# --- Vacate -------------------------------------------------------------------------------


def test_a_vacated_order_is_no_longer_in_force_from_its_date(stay, organiser) -> None:
    interim_order_vacate(order=stay, on=date(2024, 5, 31), by=None, note="Rule discharged")
    stay.refresh_from_db()
    assert (stay.vacated_on, stay.end_reason) == (date(2024, 5, 31), "vacated")
    assert stay.pk not in in_force(organiser)
    assert stay.pk in in_force(organiser, on=date(2024, 5, 30))


def test_vacating_records_an_event_naming_the_order(stay, legal_staff) -> None:
    interim_order_vacate(order=stay, on=TODAY, by=legal_staff)
    event = CaseEvent.objects.get(kind="order_vacated")
    assert (event.order, event.happened_on, event.recorded_by) == (stay, TODAY, legal_staff)


def test_an_order_cannot_be_vacated_twice(stay) -> None:
    interim_order_vacate(order=stay, on=TODAY, by=None)
    with pytest.raises(ValidationError) as error:
        interim_order_vacate(order=stay, on=TODAY, by=None)
    assert "already vacated" in error.value.message_dict["on"][0]


def test_an_order_cannot_be_vacated_before_it_was_made(stay) -> None:
    with pytest.raises(ValidationError) as error:
        interim_order_vacate(order=stay, on=date(2024, 5, 9), by=None)
    assert "on" in error.value.message_dict
    stay.refresh_from_db()
    assert stay.vacated_on is None


def test_an_order_cannot_be_vacated_in_the_future(stay) -> None:
    with pytest.raises(ValidationError) as error:
        interim_order_vacate(order=stay, on=date(2024, 6, 2), by=None)
    assert "future" in error.value.message_dict["on"][0]


def test_a_lapsed_order_cannot_be_vacated(case) -> None:
    lapsed = interim_order_record(
        case=case, kind="stay", made_on=date(2024, 5, 1), in_force_until=date(2024, 5, 20), by=None
    )
    with pytest.raises(ValidationError) as error:
        interim_order_vacate(order=lapsed, on=TODAY, by=None)
    assert "lapsed" in error.value.message_dict["on"][0]


def test_a_monitor_cannot_vacate_an_order(stay, org) -> None:
    monitor = make_user(organisation=org, role="monitor")
    with pytest.raises(PermissionDenied):
        interim_order_vacate(order=stay, on=TODAY, by=monitor)


def test_vacating_from_a_stale_page_is_refused(stay, case) -> None:
    case.refresh_from_db()
    seen_version = case.version
    interim_order_record(case=case, kind="bail", made_on=TODAY, by=None)
    with pytest.raises(EditConflict):
        interim_order_vacate(order=stay, on=TODAY, by=None, expected_version=seen_version)
    stay.refresh_from_db()
    assert stay.vacated_on is None


# --- Extend -------------------------------------------------------------------------------


def test_an_extended_order_stays_in_force_to_its_new_last_day(stay, organiser) -> None:
    interim_order_extend(order=stay, until=date(2024, 8, 31), on=TODAY, by=None)
    assert stay.pk in in_force(organiser, on=date(2024, 8, 31))
    assert stay.pk not in in_force(organiser, on=date(2024, 9, 1))
    assert CaseEvent.objects.get(kind="order_extended").order == stay


def test_an_extension_must_end_after_the_current_last_day(stay) -> None:
    with pytest.raises(ValidationError) as error:
        interim_order_extend(order=stay, until=date(2024, 6, 30), on=TODAY, by=None)
    assert "until" in error.value.message_dict


def test_a_vacated_order_cannot_be_extended(stay) -> None:
    interim_order_vacate(order=stay, on=date(2024, 5, 31), by=None)
    with pytest.raises(ValidationError) as error:
        interim_order_extend(order=stay, until=date(2024, 8, 31), on=TODAY, by=None)
    assert "vacated" in error.value.message_dict["on"][0]


def test_an_order_until_further_orders_needs_no_extension(case) -> None:
    open_ended = interim_order_record(case=case, kind="status_quo", made_on=TODAY, by=None)
    with pytest.raises(ValidationError) as error:
        interim_order_extend(order=open_ended, until=date(2024, 8, 31), on=TODAY, by=None)
    assert "until" in error.value.message_dict


# --- Modify -------------------------------------------------------------------------------


def test_a_modified_order_keeps_its_new_kind_text_and_last_day(stay) -> None:
    changes = {"kind": "status_quo", "text": "Both sides keep status quo", "in_force_until": None}
    interim_order_modify(order=stay, on=TODAY, by=None, changes=changes)
    stay.refresh_from_db()
    assert (stay.kind, stay.text, stay.in_force_until) == (
        "status_quo",
        "Both sides keep status quo",
        None,
    )
    assert CaseEvent.objects.get(kind="order_modified").order == stay


def test_a_modification_cannot_change_the_orders_dates_of_making(stay) -> None:
    with pytest.raises(ValidationError):
        interim_order_modify(order=stay, on=TODAY, by=None, changes={"made_on": TODAY})
    stay.refresh_from_db()
    assert stay.made_on == date(2024, 5, 10)


def test_a_modification_ending_the_order_in_the_past_is_refused(stay) -> None:
    with pytest.raises(ValidationError) as error:
        interim_order_modify(
            order=stay, on=TODAY, by=None, changes={"in_force_until": date(2024, 5, 20)}
        )
    assert "in_force_until" in error.value.message_dict


# --- Compliance ---------------------------------------------------------------------------


def test_compliance_is_recorded_with_its_date_and_note(stay) -> None:
    interim_order_record_compliance(order=stay, on=TODAY, note="Land handed back", by=None)
    stay.refresh_from_db()
    assert (stay.complied_on, stay.compliance_note) == (TODAY, "Land handed back")
    assert CaseEvent.objects.get(kind="order_implemented").order == stay


def test_compliance_before_the_order_was_made_is_refused(stay) -> None:
    with pytest.raises(ValidationError) as error:
        interim_order_record_compliance(order=stay, on=date(2024, 5, 1), note="", by=None)
    assert "on" in error.value.message_dict


# --- The judgment ends the orders ---------------------------------------------------------


def test_a_judgment_ends_the_orders_in_force_and_those_not_yet_in_force(
    case, stay, organiser
) -> None:
    later = interim_order_record(
        case=case, kind="injunction", made_on=TODAY, in_force_from=date(2024, 6, 10), by=None
    )
    case_record_judgment(case=case, on=TODAY, outcome="in_our_favour", by=None)
    for order in (stay, later):
        order.refresh_from_db()
        assert (order.vacated_on, order.end_reason) == (TODAY, "judgment")
    assert in_force(organiser) == set()
    assert in_force(organiser, on=date(2024, 6, 15)) == set()


def test_orders_the_court_kept_stay_in_force_after_the_judgment(case, stay, organiser) -> None:
    bail = interim_order_record(case=case, kind="bail", made_on=TODAY, by=None)
    case_record_judgment(case=case, on=TODAY, outcome="partly", by=None, orders_kept=[stay])
    assert in_force(organiser) == {stay.pk}
    bail.refresh_from_db()
    assert bail.end_reason == "judgment"


def test_a_judgment_leaves_an_order_vacated_before_it_as_vacated(case, stay) -> None:
    interim_order_vacate(order=stay, on=date(2024, 5, 31), by=None)
    case_record_judgment(case=case, on=TODAY, outcome="against_us", by=None)
    stay.refresh_from_db()
    assert (stay.vacated_on, stay.end_reason) == (date(2024, 5, 31), "vacated")


def test_only_an_order_in_force_can_be_kept_by_the_judgment(case, stay) -> None:
    interim_order_vacate(order=stay, on=date(2024, 5, 31), by=None)
    with pytest.raises(ValidationError) as error:
        case_record_judgment(case=case, on=TODAY, outcome="partly", by=None, orders_kept=[stay])
    assert "orders_kept" in error.value.message_dict
    case.refresh_from_db()
    assert case.status == "pending"


def test_an_order_ended_by_the_judgment_cannot_be_extended(case, stay) -> None:
    case_record_judgment(case=case, on=TODAY, outcome="in_our_favour", by=None)
    with pytest.raises(ValidationError) as error:
        interim_order_extend(order=stay, until=date(2024, 8, 31), on=TODAY, by=None)
    assert "judgment" in error.value.message_dict["on"][0]


def test_the_case_page_lists_orders_a_judgment_would_end(case, stay, organiser) -> None:
    assert [o.pk for o in case_detail(user=organiser, pk=case.pk).orders_open] == [stay.pk]


# --- Notes and tasks ----------------------------------------------------------------------


def test_notes_are_listed_newest_first(case, legal_staff) -> None:
    older = case_note_add(case=case, written_on=date(2024, 5, 2), text="Brief", by=legal_staff)
    newer = case_note_add(case=case, written_on=TODAY, text="Bring khatian", by=legal_staff)
    assert list(case_note_list(user=legal_staff, case=case)) == [newer, older]
    assert newer.written_by == legal_staff


def test_a_note_from_an_older_page_is_still_added(case, legal_staff) -> None:
    case.refresh_from_db()
    seen = {"status": case.status, "outcome": case.outcome}
    version = case.version
    case_note_add(case=case, written_on=TODAY, text="First", by=legal_staff)
    case_note_add(
        case=case,
        written_on=TODAY,
        text="Second",
        by=legal_staff,
        expected_version=version,
        seen=seen,
    )
    assert case.notes.count() == 2


def test_an_empty_note_is_refused(case, legal_staff) -> None:
    with pytest.raises(ValidationError) as error:
        case_note_add(case=case, written_on=TODAY, text="  ", by=legal_staff)
    assert "text" in error.value.message_dict


def test_a_note_dated_in_the_future_is_refused(case, legal_staff) -> None:
    with pytest.raises(ValidationError) as error:
        case_note_add(case=case, written_on=date(2024, 6, 2), text="x", by=legal_staff)
    assert "written_on" in error.value.message_dict


def test_a_viewer_cannot_add_a_note(case, org) -> None:
    viewer = make_user(organisation=org, role="viewer")
    with pytest.raises(PermissionDenied):
        case_note_add(case=case, written_on=TODAY, text="x", by=viewer)


def test_an_open_task_past_its_date_is_overdue(case, legal_staff) -> None:
    case_task_add(
        case=case, title="Collect copy", assignee=legal_staff, due_on=date(2024, 5, 30), by=None
    )
    case_task_add(case=case, title="Brief", assignee=legal_staff, due_on=date(2024, 6, 3), by=None)
    tasks = list(case_task_list_open(user=legal_staff, case=case))
    assert [(t.title, t.overdue) for t in tasks] == [("Collect copy", True), ("Brief", False)]


def test_a_task_goes_only_to_someone_who_can_see_the_case(case, outsider) -> None:
    with pytest.raises(ValidationError) as error:
        case_task_add(case=case, title="Brief", assignee=outsider, due_on=TODAY, by=None)
    assert "assignee" in error.value.message_dict
    assert not CaseTask.objects.exists()


def test_a_done_task_leaves_the_open_list(case, legal_staff) -> None:
    task = case_task_add(case=case, title="Brief", assignee=legal_staff, due_on=TODAY, by=None)
    case_task_done(task=task, on=TODAY, by=legal_staff)
    assert list(case_task_list_open(user=legal_staff, case=case)) == []
    task.refresh_from_db()
    assert task.done_on == TODAY


def test_a_task_cannot_be_done_twice(case, legal_staff) -> None:
    task = case_task_add(case=case, title="Brief", assignee=legal_staff, due_on=TODAY, by=None)
    case_task_done(task=task, on=TODAY, by=None)
    with pytest.raises(ValidationError) as error:
        case_task_done(task=task, on=TODAY, by=None)
    assert "on" in error.value.message_dict
