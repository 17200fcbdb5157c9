"""Savings over the API: meetings with their entries POSTed through the services, entries
added and corrected by POST only (no PATCH, no DELETE), If-Match on a meeting's change,
monitors and viewers refused, another organisation's savings never seen."""

from __future__ import annotations

from decimal import Decimal

import pytest

from landclaims.savings.models import SavingsEntry, SavingsMeeting
from tests.api.conftest import client_for
from tests.factories import make_savings_meeting
from tests.savings.ledger import assert_ledger_balances

pytestmark = pytest.mark.django_db

MEETINGS = "/api/v1/savings-meetings/"
ENTRIES = "/api/v1/savings-entries/"
RICE = {"kind": "collection", "form": "rice", "rice_kg": Decimal("12.5"),
        "rice_price_poisha_per_kg": 6250}  # fmt: skip


def _meeting(group, **extra):
    return {
        "group": group.pk,
        "met_on": "২০২৪-০৫-০৩",
        "members_present": 18,
        "decisions": "চাল বিক্রির টাকা জমা",
        "entries": [
            {
                "kind": "collection",
                "form": "rice",
                "rice_kg": "১২.৫",
                "rice_price_poisha_per_kg": 6250,
            },
            {"kind": "investment", "amount_poisha": 50_000, "purpose": "যৌথ চাষ"},
        ],
        **extra,
    }


def test_an_organiser_records_a_meeting_with_its_entries(group, users) -> None:
    response = client_for(users["organiser"]).post(MEETINGS, _meeting(group), format="json")
    assert response.status_code == 201, response.json()
    assert response["ETag"] == '"1"'
    assert response.json()["decisions"] == "চাল বিক্রির টাকা জমা"
    meeting = SavingsMeeting.objects.get(pk=response.json()["id"])
    assert sorted(meeting.entries.values_list("change_poisha", flat=True)) == [-50_000, 78_125]
    assert assert_ledger_balances(group) == 28_125


def test_a_meeting_spending_more_than_it_has_records_nothing(group, users) -> None:
    body = _meeting(group)
    body["entries"][1]["amount_poisha"] = 80_000
    response = client_for(users["organiser"]).post(MEETINGS, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "amount_poisha"
    assert "781.25" in response.json()["errors"][0]["reason"]
    assert not SavingsMeeting.objects.exists()
    assert_ledger_balances(group)


def test_entries_are_listed_with_the_corrected_flag(group, users) -> None:
    meeting = make_savings_meeting(group=group, entries=[RICE])
    client = client_for(users["legal"])
    original = meeting.entries.get()
    response = client.post(
        ENTRIES,
        {"corrects": original.pk, "rice_kg": "10", "rice_price_poisha_per_kg": 6000,
         "reason": "ওজন ভুল"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    assert response.json()["change_poisha"] == -18_125
    rows = client.get(ENTRIES, {"group": group.pk}).json()["results"]
    assert [(r["kind"], r["is_corrected"]) for r in rows] == [
        ("collection", True), ("correction", False),
    ]  # fmt: skip
    assert assert_ledger_balances(group) == 60_000


def test_an_entry_is_added_to_a_meeting(group, users) -> None:
    meeting = make_savings_meeting(group=group, entries=[RICE])
    body = {"meeting": meeting.pk, "kind": "withdrawal", "amount_poisha": 10_000,
            "purpose": "চিকিৎসা"}  # fmt: skip
    response = client_for(users["admin"]).post(ENTRIES, body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["change_poisha"] == -10_000
    assert assert_ledger_balances(group) == 68_125


def test_a_correction_without_a_reason_is_refused_naming_it(group, users) -> None:
    entry = make_savings_meeting(group=group, entries=[RICE]).entries.get()
    body = {"corrects": entry.pk, "amount_poisha": 0, "reason": ""}
    response = client_for(users["organiser"]).post(ENTRIES, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "reason"
    assert assert_ledger_balances(group) == 78_125


def test_entries_cannot_be_patched_or_deleted(group, users) -> None:
    entry = make_savings_meeting(group=group, entries=[RICE]).entries.get()
    client = client_for(users["admin"])
    assert client.patch(f"{ENTRIES}{entry.pk}/", {"note": "x"}, format="json").status_code == 405
    assert client.delete(f"{ENTRIES}{entry.pk}/").status_code == 405
    assert client.delete(f"{MEETINGS}{entry.meeting_id}/").status_code == 405
    assert SavingsEntry.objects.filter(pk=entry.pk, note="").exists()
    assert assert_ledger_balances(group) == 78_125


def test_a_meetings_decisions_change_with_if_match(group, users) -> None:
    meeting = make_savings_meeting(group=group)
    client = client_for(users["organiser"])
    url = f"{MEETINGS}{meeting.pk}/"
    assert client.patch(url, {"decisions": "নতুন"}, format="json").status_code == 428
    response = client.patch(url, {"decisions": "নতুন"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.json()
    assert response["ETag"] == '"2"'
    stale = client.patch(url, {"decisions": "আবার"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    assert_ledger_balances(group)


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_read_but_may_not_write(group, users, role) -> None:
    meeting = make_savings_meeting(group=group, entries=[RICE], decisions="রহিমার চিকিৎসা")
    client = client_for(users[role])
    assert client.get(ENTRIES).json()["count"] == 1
    assert client.get(f"{MEETINGS}{meeting.pk}/").json()["decisions"] is None
    assert (
        client.post(MEETINGS, _meeting(group, met_on="2024-05-10"), format="json").status_code
        == 403
    )
    body = {"corrects": meeting.entries.get().pk, "amount_poisha": 0, "reason": "x"}
    assert client.post(ENTRIES, body, format="json").status_code == 403
    url = f"{MEETINGS}{meeting.pk}/"
    assert (
        client.patch(url, {"decisions": "x"}, format="json", HTTP_IF_MATCH='"1"').status_code == 403
    )
    assert assert_ledger_balances(group) == 78_125


def test_another_organisation_sees_nothing_and_cannot_write(group, outsider) -> None:
    meeting = make_savings_meeting(group=group, entries=[RICE])
    client = client_for(outsider)
    assert client.get(MEETINGS).json()["count"] == 0
    assert client.get(ENTRIES).json()["count"] == 0
    assert client.get(f"{MEETINGS}{meeting.pk}/").status_code == 404
    response = client.post(MEETINGS, _meeting(group, met_on="2024-05-10"), format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "group"
    body = {"corrects": meeting.entries.get().pk, "amount_poisha": 0, "reason": "x"}
    assert client.post(ENTRIES, body, format="json").status_code == 400
    assert assert_ledger_balances(group) == 78_125


def test_a_bad_id_parameter_is_refused_naming_it(group, users) -> None:
    response = client_for(users["organiser"]).get(ENTRIES, {"group": "x" * 30})
    assert response.status_code == 400
    assert_ledger_balances(group)
