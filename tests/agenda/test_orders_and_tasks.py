"""Interim orders and case tasks on the calendar, in the feed and in the reminders; an order
vacated or ended by a judgment leaves them all. Today is Saturday 1 June 2024."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from landclaims.agenda.models import CalendarToken, TaskReminder
from landclaims.agenda.services import calendar_token_issue, reminders_send
from landclaims.cases.models import InterimOrder
from landclaims.cases.services import (
    case_record_judgment,
    case_task_add,
    case_task_done,
    interim_order_extend,
    interim_order_record,
    interim_order_vacate,
)
from tests.agenda.helpers import TODAY
from tests.factories import log_in

pytestmark = pytest.mark.django_db

URL = reverse("agenda:calendar")
LAST_DAY = date(2024, 6, 5)


@pytest.fixture
def stay(case_a) -> InterimOrder:
    return interim_order_record(
        case=case_a, kind="stay", made_on=date(2024, 5, 28), in_force_until=LAST_DAY, by=None
    )


@pytest.fixture
def staff(legal_a):
    legal_a.email = "legal.a@example.org"
    legal_a.save()
    return legal_a


def week(client, user):
    log_in(client, user)
    return client.get(URL, {"view": "week", "date": LAST_DAY.isoformat()})


def lapsing_shown(response) -> set[int]:
    return {order.pk for day in response.context["days"] for order in day.orders_lapsing}


def feed_uids(client, user) -> set[str]:
    token = CalendarToken.objects.filter(user=user).first() or calendar_token_issue(user=user)
    response = client.get(reverse("agenda:feed"), {"token": token.token})
    return {str(event["uid"]) for event in Calendar.from_ical(response.content).events}


# --- The calendar page --------------------------------------------------------------------


def test_an_orders_last_day_in_force_is_on_the_calendar(client, legal_a, stay) -> None:
    response = week(client, legal_a)
    assert lapsing_shown(response) == {stay.pk}
    assert "Stay: last day in force" in response.content.decode()


def test_a_vacated_order_leaves_the_calendar(client, legal_a, stay) -> None:
    interim_order_vacate(order=stay, on=TODAY, by=None)
    assert lapsing_shown(week(client, legal_a)) == set()


def test_an_order_ended_by_the_judgment_leaves_the_calendar(client, legal_a, case_a, stay):
    case_record_judgment(case=case_a, on=TODAY, outcome="in_our_favour", by=None)
    assert lapsing_shown(week(client, legal_a)) == set()


def test_an_extended_order_moves_to_its_new_last_day(client, legal_a, stay) -> None:
    interim_order_extend(order=stay, until=date(2024, 6, 30), on=TODAY, by=None)
    log_in(client, legal_a)
    response = client.get(URL, {"view": "month", "date": "2024-06-01"})
    days = {day.day: day for day in response.context["days"]}
    assert days[date(2024, 6, 30)].orders_lapsing == [stay]
    assert days[LAST_DAY].orders_lapsing == []


def test_an_order_made_is_on_the_day_it_was_made(client, legal_a, stay) -> None:
    log_in(client, legal_a)
    response = client.get(URL, {"view": "day", "date": "2024-05-28"})
    assert response.context["days"][0].orders_made == [stay]


def test_orders_of_cases_outside_the_users_districts_are_not_shown(client, legal_a, case_b) -> None:
    interim_order_record(
        case=case_b, kind="stay", made_on=date(2024, 5, 28), in_force_until=LAST_DAY, by=None
    )
    assert lapsing_shown(week(client, legal_a)) == set()


def test_an_open_task_is_on_its_due_date_and_a_done_one_is_not(client, legal_a, case_a):
    task = case_task_add(case=case_a, title="Brief", assignee=legal_a, due_on=LAST_DAY, by=None)
    shown = [t for day in week(client, legal_a).context["days"] for t in day.tasks]
    assert shown == [task]
    case_task_done(task=task, on=TODAY, by=None)
    assert [t for day in week(client, legal_a).context["days"] for t in day.tasks] == []


# --- The feed -----------------------------------------------------------------------------


def test_the_feed_has_the_orders_last_day_until_it_is_vacated(client, legal_a, stay) -> None:
    assert f"order-{stay.pk}@landclaims" in feed_uids(client, legal_a)
    interim_order_vacate(order=stay, on=TODAY, by=None)
    assert f"order-{stay.pk}@landclaims" not in feed_uids(client, legal_a)


def test_the_feed_has_only_the_persons_own_tasks(client, legal_a, organiser, case_a) -> None:
    task = case_task_add(case=case_a, title="Brief", assignee=legal_a, due_on=LAST_DAY, by=None)
    assert f"task-{task.pk}@landclaims" in feed_uids(client, legal_a)
    assert f"task-{task.pk}@landclaims" not in feed_uids(client, organiser)


# --- Reminders ----------------------------------------------------------------------------


def test_an_order_lapsing_soon_is_reminded_and_not_once_vacated(case_a, staff, stay) -> None:
    case_a.responsible = staff
    case_a.save()
    interim_order_vacate(order=stay, on=TODAY, by=None)
    assert reminders_send(today=TODAY).order_reminders == 0
    other = interim_order_record(
        case=case_a, kind="injunction", made_on=TODAY, in_force_until=LAST_DAY, by=None
    )
    assert reminders_send(today=TODAY).order_reminders == 1
    assert other.kind in mail.outbox[0].body.lower()


def test_an_order_ended_by_the_judgment_is_not_reminded(case_a, staff, stay) -> None:
    case_a.responsible = staff
    case_a.save()
    case_record_judgment(case=case_a, on=TODAY, outcome="in_our_favour", by=None)
    assert reminders_send(today=TODAY).order_reminders == 0


def test_a_task_due_tomorrow_is_reminded_to_its_assignee_once(case_a, staff) -> None:
    tomorrow = TODAY + timedelta(days=1)
    case_task_add(case=case_a, title="Collect copy", assignee=staff, due_on=tomorrow, by=None)
    report = reminders_send(today=TODAY)
    assert report.task_reminders == 1
    assert mail.outbox[0].to == [staff.email]
    assert "Due tomorrow: Collect copy" in mail.outbox[0].body
    assert reminders_send(today=TODAY).task_reminders == 0


def test_an_overdue_task_is_reminded_once(case_a, staff) -> None:
    case_task_add(
        case=case_a, title="Brief", assignee=staff, due_on=TODAY - timedelta(days=3), by=None
    )
    assert reminders_send(today=TODAY).task_reminders == 1
    assert "Overdue since" in mail.outbox[0].body
    assert TaskReminder.objects.get().lead == "overdue"
    assert reminders_send(today=TODAY + timedelta(days=1)).task_reminders == 0


def test_a_task_done_or_due_later_is_not_reminded(case_a, staff) -> None:
    done = case_task_add(case=case_a, title="Done", assignee=staff, due_on=TODAY, by=None)
    case_task_done(task=done, on=TODAY, by=None)
    case_task_add(
        case=case_a, title="Later", assignee=staff, due_on=TODAY + timedelta(days=2), by=None
    )
    assert reminders_send(today=TODAY).task_reminders == 0


def test_a_task_of_a_case_the_assignee_can_no_longer_see_is_not_reminded(
    case_a, staff, places
) -> None:
    case_task_add(
        case=case_a, title="Brief", assignee=staff, due_on=TODAY + timedelta(days=1), by=None
    )
    staff.membership.districts.set([places.district_b])
    assert reminders_send(today=TODAY).task_reminders == 0
