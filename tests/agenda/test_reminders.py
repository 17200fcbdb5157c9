"""Reminders: each hearing date and expiring order mailed once per person and lead time."""

from __future__ import annotations

import smtplib
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from landclaims.agenda.models import HearingReminder, OrderReminder
from landclaims.agenda.services import reminders_send
from landclaims.cases.models import Hearing, InterimOrder, Lawyer, LegalCase
from landclaims.cases.services import (
    case_add_party,
    hearing_adjourn,
    hearing_reschedule,
    interim_order_record,
    interim_order_vacate,
)
from tests.agenda.helpers import TODAY, schedule
from tests.factories import make_case, make_user

pytestmark = pytest.mark.django_db

STAFF = "legal.a@example.org"
LAWYER = "karim@example.org"


class FailingBackend(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("connection lost")


@pytest.fixture
def staff(legal_a):
    legal_a.email = STAFF
    legal_a.save()
    return legal_a


@pytest.fixture
def lawyer(org) -> Lawyer:
    return Lawyer.objects.create(organisation=org, name="Adv. Karim", email=LAWYER)


def responsible(case: LegalCase, person) -> LegalCase:
    case.responsible = person
    case.save()
    return case


def in_days(n: int) -> date:
    return TODAY + timedelta(days=n)


def sent_to() -> list[tuple[str, ...]]:
    return sorted(tuple(message.to) for message in mail.outbox)


def stay(case: LegalCase, until: date, kind: str = "stay") -> InterimOrder:
    return interim_order_record(
        case=case, kind=kind, made_on=date(2024, 5, 1), in_force_until=until, by=None
    )


def test_hearings_7_days_and_1_day_ahead_are_reminded(org, places, staff) -> None:
    cases = [
        responsible(make_case(organisation=org, district=places.district_a), staff)
        for _ in range(4)
    ]
    in_a_week = schedule(cases[0], in_days(7))
    tomorrow = schedule(cases[1], in_days(1))
    schedule(cases[2], in_days(3))
    schedule(cases[3], in_days(0))
    report = reminders_send(today=TODAY)
    assert report.hearing_reminders == 2
    assert set(HearingReminder.objects.values_list("hearing", "lead_days")) == {
        (in_a_week.pk, 7),
        (tomorrow.pk, 1),
    }
    [message] = mail.outbox
    assert message.to == [STAFF]
    assert message.subject == "landclaims: 2 hearings"
    assert cases[0].display_no in message.body
    assert cases[2].display_no not in message.body


def test_a_hearing_is_reminded_a_week_before_and_again_the_day_before(case_a, staff) -> None:
    schedule(responsible(case_a, staff), in_days(7))
    reminders_send(today=TODAY)
    reminders_send(today=in_days(6))
    assert sorted(HearingReminder.objects.values_list("lead_days", flat=True)) == [1, 7]
    assert len(mail.outbox) == 2


def test_running_twice_sends_each_reminder_once(case_a, staff, lawyer) -> None:
    responsible(case_a, staff).lawyers.add(lawyer)
    schedule(case_a, in_days(7))
    first = reminders_send(today=TODAY)
    second = reminders_send(today=TODAY)
    assert sent_to() == [(LAWYER,), (STAFF,)]
    assert (first.emails, second.emails, second.already_sent) == (2, 0, 2)
    assert HearingReminder.objects.filter(sent_at__isnull=False).count() == 2


def test_an_adjourned_date_is_reminded_again(case_a, staff) -> None:
    first = schedule(responsible(case_a, staff), in_days(7))
    reminders_send(today=TODAY)
    following = hearing_adjourn(hearing=first, next_on=in_days(14), purpose="", by=None)
    reminders_send(today=in_days(7))
    assert list(HearingReminder.objects.order_by("id").values_list("hearing", "lead_days")) == [
        (first.pk, 7),
        (following.pk, 7),
    ]
    assert len(mail.outbox) == 2


def test_a_rescheduled_date_is_reminded_again(case_a, staff) -> None:
    hearing = schedule(responsible(case_a, staff), in_days(7))
    reminders_send(today=TODAY)
    hearing_reschedule(hearing=hearing, new_on=in_days(8), by=None)
    reminders_send(today=in_days(1))
    assert sorted(HearingReminder.objects.values_list("scheduled_on", flat=True)) == [
        in_days(7),
        in_days(8),
    ]
    assert len(mail.outbox) == 2


def test_only_scheduled_hearings_are_reminded(org, places, case_a, staff) -> None:
    first = schedule(responsible(case_a, staff), in_days(7))
    hearing_adjourn(hearing=first, next_on=in_days(20), purpose="", by=None)
    other = responsible(make_case(organisation=org, district=places.district_a), staff)
    cancelled = schedule(other, in_days(1))
    Hearing.objects.filter(pk=cancelled.pk).update(status=Hearing.Status.CANCELLED)
    assert reminders_send(today=TODAY).emails == 0
    assert mail.outbox == []


def test_lawyers_are_reminded_at_their_own_or_their_accounts_address(
    org, other_org, case_a
) -> None:
    account = make_user(organisation=org, role="legal")
    account.email = "rina@example.org"
    account.save()
    elsewhere = Lawyer.objects.create(
        organisation=other_org, name="Adv. Elsewhere", email="elsewhere@example.org"
    )
    case_a.lawyers.add(
        Lawyer.objects.create(organisation=org, name="Adv. Karim", email=LAWYER),
        Lawyer.objects.create(organisation=org, name="Adv. Rina", user=account),
        Lawyer.objects.create(organisation=org, name="Adv. No Mail"),
        elsewhere,
    )
    schedule(case_a, in_days(1))
    reminders_send(today=TODAY)
    assert sent_to() == [(LAWYER,), ("rina@example.org",)]


def test_staff_no_longer_able_to_see_the_case_are_not_reminded(case_b, staff) -> None:
    schedule(responsible(case_b, staff), in_days(1))  # staff work in district A only
    assert reminders_send(today=TODAY).emails == 0


def test_one_mail_per_person_lists_all_their_hearings_and_orders(
    org, places, case_a, staff, lawyer
) -> None:
    other = responsible(make_case(organisation=org, district=places.district_a), staff)
    responsible(case_a, staff).lawyers.add(lawyer)
    schedule(case_a, in_days(7), purpose="Hearing on the rule")
    schedule(other, in_days(1))
    stay(other, in_days(5))
    reminders_send(today=TODAY)
    mails = {message.to[0]: message for message in mail.outbox}
    assert mails[STAFF].subject == "landclaims: 2 hearings and 1 order expiring"
    assert mails[LAWYER].subject == "landclaims: 1 hearing"
    body = mails[STAFF].body
    assert case_a.display_no in body
    assert "Hearing on the rule" in body
    assert "High Court Division, Dhaka" in body
    assert "(tomorrow)" in body
    assert "(in 7 days)" in body
    assert "Stay in" in body


def test_reminder_mails_are_plain_text_without_names(case_a, staff) -> None:
    case_add_party(case=case_a, name="Rahima Khatun", role="accused", side="ours")
    order = stay(responsible(case_a, staff), in_days(3))
    InterimOrder.objects.filter(pk=order.pk).update(text="Rahima Khatun may stay on the land")
    schedule(case_a, in_days(1))
    reminders_send(today=TODAY)
    [message] = mail.outbox
    assert message.content_subtype == "plain"
    assert not getattr(message, "alternatives", [])
    assert "Rahima" not in message.body


def test_an_expiring_stay_is_reminded_once(case_a, staff) -> None:
    order = stay(responsible(case_a, staff), in_days(5))
    reminders_send(today=TODAY)
    reminders_send(today=in_days(1))
    reminders_send(today=in_days(5))
    assert list(OrderReminder.objects.values_list("order", "in_force_until")) == [
        (order.pk, in_days(5))
    ]
    [message] = mail.outbox
    assert message.subject == "landclaims: 1 order expiring"


def test_an_order_extended_to_a_new_date_is_reminded_again(case_a, staff) -> None:
    order = stay(responsible(case_a, staff), in_days(5))
    reminders_send(today=TODAY)
    InterimOrder.objects.filter(pk=order.pk).update(in_force_until=in_days(12))
    reminders_send(today=in_days(6))
    assert OrderReminder.objects.count() == 2


@pytest.mark.parametrize("kind", ["stay", "status_quo", "injunction"])
def test_protective_orders_running_out_within_7_days_are_reminded(case_a, staff, kind) -> None:
    stay(responsible(case_a, staff), in_days(7), kind=kind)
    assert reminders_send(today=TODAY).order_reminders == 1


@pytest.mark.parametrize("kind", ["rule_nisi", "bail", "direction"])
def test_other_orders_are_not_reminded(case_a, staff, kind) -> None:
    stay(responsible(case_a, staff), in_days(3), kind=kind)
    assert reminders_send(today=TODAY).order_reminders == 0


def test_orders_vacated_or_running_longer_are_not_reminded(case_a, staff) -> None:
    vacated = stay(responsible(case_a, staff), in_days(3))
    interim_order_vacate(order=vacated, on=date(2024, 5, 20), by=None)
    stay(case_a, in_days(8))
    stay(case_a, None)  # until further orders
    assert reminders_send(today=TODAY).order_reminders == 0


def test_a_mail_that_fails_is_not_recorded_and_goes_out_on_the_next_run(
    case_a, staff, settings
) -> None:
    schedule(responsible(case_a, staff), in_days(1))
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FailingBackend"}}
    failed = reminders_send(today=TODAY)
    assert failed.failed == [STAFF]
    assert not HearingReminder.objects.exists()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert reminders_send(today=TODAY).emails == 1
    assert len(mail.outbox) == 1
