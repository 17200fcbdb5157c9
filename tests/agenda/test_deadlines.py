"""Last days to appeal or revise on the calendar, in the feed, and in the reminders."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from landclaims.agenda.models import DeadlineReminder
from landclaims.agenda.services import calendar_token_issue, deadline_reminders_send
from landclaims.cases.services import case_create, case_record_judgment, case_update
from tests.factories import log_in
from tests.limitation_table import limitation_table  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("limitation_table")]

# A writ decided on Thursday 2 May 2024: its 60 days to petition for leave end on Monday
# 1 July 2024, an open day.
DECIDED = date(2024, 5, 2)
LAST_DAY = date(2024, 7, 1)
STAFF = "legal.a@example.org"


@pytest.fixture
def decided(case_a, legal_a):
    legal_a.email = STAFF
    legal_a.save()
    case_update(case=case_a, by=None, changes={"responsible": legal_a})
    return case_record_judgment(case=case_a, on=DECIDED, outcome="against_us", by=None)


def test_the_calendar_shows_the_last_day_on_its_day(client, legal_a, decided) -> None:
    log_in(client, legal_a)
    response = client.get(reverse("agenda:calendar"), {"view": "day", "date": "2024-07-01"})
    [day] = response.context["days"]
    assert [d.case for d in day.deadlines] == [decided]
    html = response.content.decode()
    assert decided.display_no in html and "30 days left" in html


def test_the_calendar_leaves_out_cases_the_user_may_not_see(client, outsider, decided) -> None:
    log_in(client, outsider)
    response = client.get(reverse("agenda:calendar"), {"view": "month", "date": "2024-07-01"})
    assert all(not day.deadlines for day in response.context["days"])


def test_the_feed_has_the_last_day_as_an_all_day_event(client, legal_a, decided) -> None:
    token = calendar_token_issue(user=legal_a)
    response = client.get(reverse("agenda:feed"), {"token": token.token})
    [event] = [
        e for e in Calendar.from_ical(response.content).events if "last day" in str(e["SUMMARY"])
    ]
    assert event.start == LAST_DAY
    assert decided.display_no in str(event["SUMMARY"])
    assert str(event["UID"]).startswith(f"deadline-{decided.pk}-")


@pytest.mark.parametrize("lead", [30, 7, 1])
def test_the_responsible_person_is_reminded_30_7_and_1_days_before(decided, lead) -> None:
    report = deadline_reminders_send(today=LAST_DAY - timedelta(days=lead))
    assert report.reminders == 1
    [message] = mail.outbox
    assert message.to == [STAFF]
    assert decided.display_no in message.body
    assert DeadlineReminder.objects.filter(case=decided, lead_days=lead).exists()


@pytest.mark.parametrize("lead", [31, 29, 8, 2, 0])
def test_no_reminder_on_other_days(decided, lead) -> None:
    report = deadline_reminders_send(today=LAST_DAY - timedelta(days=lead))
    assert report.reminders == 0 and mail.outbox == []


def test_a_reminder_goes_out_once_however_often_the_job_runs(decided) -> None:
    day = LAST_DAY - timedelta(days=7)
    deadline_reminders_send(today=day)
    again = deadline_reminders_send(today=day)
    assert (again.reminders, again.already_sent) == (0, 1)
    assert len(mail.outbox) == 1


def test_no_reminder_once_the_petition_is_filed(decided) -> None:
    case_create(
        organisation=decided.organisation,
        district=decided.district,
        case_type="civil_leave_petition",
        forum_level="appellate_division",
        court_name="Appellate Division",
        number="7",
        year=2024,
        our_role="petitioner",
        parent=decided,
        by=None,
    )
    report = deadline_reminders_send(today=LAST_DAY - timedelta(days=7))
    assert report.reminders == 0 and mail.outbox == []
