"""The admin: feed tokens are listed and revoked but never shown; reminders are read-only."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from landclaims.agenda.models import CalendarToken, HearingReminder
from landclaims.agenda.services import calendar_token_issue, reminders_send
from tests.agenda.helpers import schedule
from tests.factories import log_in, make_user

pytestmark = pytest.mark.django_db

TOKENS = reverse("admin:agenda_calendartoken_changelist")


@pytest.fixture
def superuser(db):
    user = make_user(organisation=None)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def test_the_token_appears_nowhere_in_the_admin(client, superuser, organiser) -> None:
    token = calendar_token_issue(user=organiser)
    log_in(client, superuser)
    listing = client.get(TOKENS).content.decode()
    detail = client.get(reverse("admin:agenda_calendartoken_change", args=[token.pk]))
    assert organiser.username in listing
    assert token.token not in listing
    assert token.token not in detail.content.decode()


def test_the_admin_revokes_selected_tokens(client, superuser, organiser) -> None:
    token = calendar_token_issue(user=organiser)
    log_in(client, superuser)
    client.post(TOKENS, {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_staff_see_only_their_organisations_tokens(client, org, organiser, outsider) -> None:
    calendar_token_issue(user=organiser)
    calendar_token_issue(user=outsider)
    staff = make_user(organisation=org, role="admin")
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(Permission.objects.get(codename="view_calendartoken"))
    log_in(client, staff)
    listed = client.get(TOKENS).context["cl"].queryset
    assert [token.user for token in listed] == [organiser]


def test_reminders_are_read_only_in_the_admin(client, superuser, case_a, legal_a) -> None:
    legal_a.email = "legal.a@example.org"
    legal_a.save()
    case_a.responsible = legal_a
    case_a.save()
    schedule(case_a, date(2024, 6, 2))
    reminders_send(today=date(2024, 6, 1))
    reminder = HearingReminder.objects.get()
    log_in(client, superuser)
    assert client.get(reverse("admin:agenda_hearingreminder_changelist")).status_code == 200
    assert client.get(reverse("admin:agenda_hearingreminder_add")).status_code == 403
    change = reverse("admin:agenda_hearingreminder_change", args=[reminder.pk])
    client.post(change, {"recipient": "someone@example.org"})
    reminder.refresh_from_db()
    assert reminder.recipient == "legal.a@example.org"
    assert CalendarToken.objects.count() == 0
