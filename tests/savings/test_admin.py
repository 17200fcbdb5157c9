"""Savings in the admin are read-only and scoped to the staff member's organisation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.core.admin_helpers import admin_client, staff
from tests.factories import make_savings_meeting
from tests.savings.ledger import assert_ledger_balances

pytestmark = pytest.mark.django_db

CASH = {"kind": "collection", "amount_poisha": 12_345}


def test_the_admin_lists_entries_but_never_adds_changes_or_deletes(client, org, group) -> None:
    entry = make_savings_meeting(group=group, entries=[CASH]).entries.get()
    admin_client(client, staff(organisation=org, superuser=True))
    assert client.get(reverse("admin:savings_savingsentry_changelist")).status_code == 200
    assert client.get(reverse("admin:savings_savingsentry_add")).status_code == 403
    delete = reverse("admin:savings_savingsentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:savings_savingsmeeting_change", args=[entry.meeting_id])
    assert client.post(change, {"decisions": "x"}).status_code == 403
    assert assert_ledger_balances(group) == 12_345


def test_staff_of_another_organisation_see_no_entry(client, other_org, group) -> None:
    make_savings_meeting(group=group, entries=[CASH])
    admin_client(
        client, staff(organisation=other_org, perms=("view_savingsentry", "view_savingsmeeting"))
    )
    page = client.get(reverse("admin:savings_savingsentry_changelist"))
    assert page.status_code == 200
    assert page.context["cl"].result_count == 0
    assert assert_ledger_balances(group) == 12_345
