"""Reminder e-mails go out in each recipient's saved language."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from landclaims.agenda.services import reminders_send
from landclaims.core.preferences import preference_save
from tests.agenda.helpers import TODAY, schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(legal_a):
    legal_a.email = "legal.a@example.org"
    legal_a.save()
    return legal_a


def test_a_reminder_is_written_in_the_recipients_language(case_a, staff) -> None:
    case_a.responsible = staff
    case_a.save()
    schedule(case_a, TODAY + timedelta(days=7))  # Saturday 8 June 2024
    preference_save(user=staff, language="bn", bangla_calendar=True)
    reminders_send(today=TODAY)
    [message] = mail.outbox
    assert "শনিবার, ৮ জুন ২০২৪ (২৫ জ্যৈষ্ঠ ১৪৩১)" in message.body
    assert "১" in message.subject  # "১ hearing", in Bengali digits


def test_a_reminder_to_someone_who_chose_nothing_is_in_the_default_language(case_a, staff) -> None:
    case_a.responsible = staff
    case_a.save()
    schedule(case_a, TODAY + timedelta(days=7))
    reminders_send(today=TODAY)
    [message] = mail.outbox
    assert "Saturday, 8 June 2024" in message.body
    assert message.subject == "landclaims: 1 hearing"
