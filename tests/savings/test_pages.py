"""The savings pages: the group's savings page, recording a meeting (Bengali digits, taka
with paisa), correcting an entry, editing a meeting, the group page's tab, and who may do
what."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from landclaims.records.forms.savings import last_meeting_day
from landclaims.savings.models import SavingsEntry, SavingsMeeting
from landclaims.savings.services import savings_entry_add
from tests.factories import log_in, make_savings_meeting
from tests.savings.ledger import assert_ledger_balances

pytestmark = pytest.mark.django_db

CASH_USE = [{"kind": "collection", "amount_poisha": 50_000}]
RICE = {"kind": "collection", "form": "rice", "rice_kg": Decimal("12.5"),
        "rice_price_poisha_per_kg": 6250}  # fmt: skip


def _form(**fields):
    data = {
        "met_on": "০৩/০৫/২০২৪",
        "members_present": "১৮",
        "cash_taka": "",
        "rice_kg": "১২.৫",
        "rice_price_taka": "৬২.৫০",
        "use_kind": "",
        "use_taka": "",
        "purpose": "",
        "decisions": "চাল বিক্রির টাকা জমা থাকবে",
    }
    return data | fields


def test_a_friday_rice_collection_is_recorded_from_bengali_digits(client, group, users) -> None:
    log_in(client, users["organiser"])
    response = client.post(reverse("savings:new", args=[group.pk]), _form())
    assert response.status_code == 302
    meeting = SavingsMeeting.objects.get()
    entry = meeting.entries.get()
    assert (meeting.met_on, meeting.members_present) == (date(2024, 5, 3), 18)
    assert (entry.rice_kg, entry.rice_price_poisha_per_kg, entry.change_poisha) == (
        Decimal("12.5"), 6250, 78_125,
    )  # fmt: skip
    assert assert_ledger_balances(group) == 78_125


def test_cash_and_an_investment_at_one_meeting(client, group, users) -> None:
    log_in(client, users["legal"])
    data = _form(
        rice_kg="", rice_price_taka="", cash_taka="1,000.50", use_kind="investment",
        use_taka="৫০০", purpose="যৌথ সবজি চাষ",
    )  # fmt: skip
    assert client.post(reverse("savings:new", args=[group.pk]), data).status_code == 302
    changes = sorted(SavingsEntry.objects.values_list("change_poisha", flat=True))
    assert changes == [-50_000, 100_050]
    assert assert_ledger_balances(group) == 50_050


def test_a_withdrawal_beyond_the_balance_is_refused_beside_the_amount(client, group, users) -> None:
    log_in(client, users["organiser"])
    data = _form(use_kind="withdrawal", use_taka="৫০০০", purpose="চিকিৎসা")
    response = client.post(reverse("savings:new", args=[group.pk]), data)
    assert response.status_code == 400
    assert "781.25" in " ".join(response.context["form"].errors["use_taka"])
    assert not SavingsMeeting.objects.exists()
    assert_ledger_balances(group)


def test_rice_without_a_price_is_refused_naming_the_price(client, group, users) -> None:
    log_in(client, users["organiser"])
    response = client.post(reverse("savings:new", args=[group.pk]), _form(rice_price_taka=""))
    assert response.status_code == 400
    assert "rice_price_taka" in response.context["form"].errors
    assert_ledger_balances(group)


def test_the_date_defaults_to_the_groups_last_meeting_day(group) -> None:
    # Sunday 12 May 2024: the Friday group last met on 10 May.
    assert last_meeting_day(group, date(2024, 5, 12)) == date(2024, 5, 10)
    assert last_meeting_day(group, date(2024, 5, 10)) == date(2024, 5, 10)
    group.meeting_day = ""
    assert last_meeting_day(group, date(2024, 5, 12)) == date(2024, 5, 12)


def test_the_new_meeting_form_opens_on_last_friday(client, group, users) -> None:
    log_in(client, users["organiser"])
    with time_machine.travel(date(2024, 5, 12), tick=False):
        form = client.get(reverse("savings:new", args=[group.pk])).context["form"]
    assert form["met_on"].initial == date(2024, 5, 10)
    assert_ledger_balances(group)


def test_a_correction_from_the_ledger_keeps_the_original(client, group, users) -> None:
    entry = make_savings_meeting(group=group, entries=[RICE]).entries.get()
    log_in(client, users["organiser"])
    url = reverse("savings:correct", args=[group.pk, entry.pk])
    data = {"rice_kg": "১০", "rice_price_taka": "৬০", "reason": "ওজন ভুল"}
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("savings:group", args=[group.pk]))
    ledger = page.context["ledger"]
    assert [(e.kind, e.is_corrected) for e in ledger] == [
        ("collection", True), ("correction", False),
    ]  # fmt: skip
    assert f'id="entry-{entry.pk}" class="corrected' in page.content.decode()
    assert assert_ledger_balances(group) == 60_000


def test_a_cash_correction_without_a_reason_is_refused(client, group, users) -> None:
    entry = make_savings_meeting(
        group=group, entries=[{"kind": "collection", "amount_poisha": 100}]
    )
    entry = entry.entries.get()
    log_in(client, users["organiser"])
    url = reverse("savings:correct", args=[group.pk, entry.pk])
    response = client.post(url, {"amount_taka": "2", "reason": ""})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    assert assert_ledger_balances(group) == 100


def test_a_correction_cannot_be_corrected_from_its_url(client, group, users) -> None:
    from landclaims.savings.services import savings_entry_correct

    entry = make_savings_meeting(group=group, entries=[RICE]).entries.get()
    correction = savings_entry_correct(entry=entry, amount_poisha=0, reason="ভুল", by=None)
    log_in(client, users["organiser"])
    url = reverse("savings:correct", args=[group.pk, correction.pk])
    assert client.get(url).status_code == 404
    assert_ledger_balances(group)


def test_the_savings_page_shows_balance_months_and_decisions(client, group, users) -> None:
    make_savings_meeting(group=group, entries=[RICE], decisions="ধান কিনে রাখা হবে")
    log_in(client, users["organiser"])
    with translation.override("bn"):
        page = client.get(reverse("savings:group", args=[group.pk]), HTTP_ACCEPT_LANGUAGE="bn")
    text = page.content.decode()
    assert page.status_code == 200
    assert "ধান কিনে রাখা হবে" in text
    assert "৭৮১.২৫" in text
    assert ">জমা<" in text  # a savings collection, not the OGC pages' data "collection"
    assert reverse("savings:new", args=[group.pk]) in text
    assert_ledger_balances(group)


def test_a_monitor_sees_the_figures_but_no_names_nor_free_text(client, group, users) -> None:
    meeting = make_savings_meeting(group=group, entries=[CASH_USE[0]], decisions="রহিমার চিকিৎসা")
    savings_entry_add(
        meeting=meeting, kind="withdrawal", amount_poisha=100, purpose="করিমের ঘর", by=None
    )
    log_in(client, users["monitor"])
    text = client.get(reverse("savings:group", args=[group.pk])).content.decode()
    assert "499.00" in text
    assert "রহিমার" not in text and "করিমের" not in text  # free text may name members
    assert reverse("savings:new", args=[group.pk]) not in text  # a monitor records nothing
    assert group.name_bn not in text  # nor reads the group's name
    group_page = client.get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert "রহিমার" not in group_page
    assert assert_ledger_balances(group) == 49_900


def test_the_group_page_has_a_savings_tab(client, group, users) -> None:
    make_savings_meeting(group=group, entries=[RICE], decisions="সভার সিদ্ধান্ত")
    log_in(client, users["organiser"])
    text = client.get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert 'id="tab-savings"' in text
    assert "781.25" in text and "সভার সিদ্ধান্ত" in text
    assert reverse("savings:new", args=[group.pk]) in text
    assert_ledger_balances(group)


def test_a_meetings_decisions_are_edited(client, group, users) -> None:
    meeting = make_savings_meeting(group=group, members_present=10)
    log_in(client, users["organiser"])
    url = reverse("savings:meeting_edit", args=[group.pk, meeting.pk])
    data = {"members_present": "১২", "decisions": "নতুন সিদ্ধান্ত", "version": "1"}
    assert client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.members_present, meeting.decisions, meeting.version) == (12, "নতুন সিদ্ধান্ত", 2)
    stale = client.post(url, data | {"decisions": "আবার"})
    assert stale.status_code == 400
    assert_ledger_balances(group)


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_get_403_on_the_forms(client, group, users, role) -> None:
    entry = make_savings_meeting(group=group, entries=[RICE]).entries.get()
    log_in(client, users[role])
    assert client.get(reverse("savings:new", args=[group.pk])).status_code == 403
    assert client.post(reverse("savings:new", args=[group.pk]), _form()).status_code == 403
    url = reverse("savings:correct", args=[group.pk, entry.pk])
    assert client.post(url, {"amount_taka": "0", "reason": "x"}).status_code == 403
    assert assert_ledger_balances(group) == 78_125


def test_another_organisation_gets_404(client, group, outsider) -> None:
    make_savings_meeting(group=group, entries=[RICE])
    log_in(client, outsider)
    assert client.get(reverse("savings:group", args=[group.pk])).status_code == 404
    assert client.post(reverse("savings:new", args=[group.pk]), _form()).status_code == 404
    assert assert_ledger_balances(group) == 78_125
