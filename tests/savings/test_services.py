"""Every rule and refusal of the savings services; each test ends with the ledger check
(the `group` fixture's teardown) and most call it themselves too."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from landclaims.core.concurrency import EditConflict
from landclaims.savings.models import SavingsEntry, SavingsMeeting
from landclaims.savings.services import (
    EntryInput,
    rice_value_poisha,
    savings_entry_add,
    savings_entry_correct,
    savings_meeting_record,
    savings_meeting_update,
)
from tests.factories import make_group, make_savings_meeting, make_user
from tests.savings.ledger import assert_ledger_balances

pytestmark = pytest.mark.django_db

FRIDAY = date(2024, 5, 3)
RICE = {"kind": "collection", "form": "rice", "rice_kg": Decimal("12.5"),
        "rice_price_poisha_per_kg": 6250}  # fmt: skip
CASH = {"kind": "collection", "amount_poisha": 50_000}


def test_a_meeting_is_recorded_with_its_entries(group, users) -> None:
    meeting = savings_meeting_record(
        group=group,
        met_on=FRIDAY,
        members_present=18,
        decisions="চাল বিক্রির টাকা জমা থাকবে",
        entries=[EntryInput(**RICE), EntryInput(**CASH)],
        by=users["organiser"],
    )
    assert meeting.entries.count() == 2
    assert meeting.recorded_by == users["organiser"]
    assert assert_ledger_balances(group) == 78_125 + 50_000


def test_rice_is_valued_half_up_in_decimal_never_float() -> None:
    # 0.333 kg at 62.50 taka: 2081.25 poisha → 2081; 0.5 kg at 0.03 taka: 1.5 → 2 (half up)
    assert rice_value_poisha(Decimal("0.333"), 6250) == 2081
    assert rice_value_poisha(Decimal("0.5"), 3) == 2
    assert rice_value_poisha(Decimal("1.005"), 100) == 101  # float would say 100.49999…


def test_a_meeting_with_one_bad_entry_records_nothing(group) -> None:
    bad = EntryInput(kind="withdrawal", amount_poisha=100, purpose="")
    with pytest.raises(ValidationError) as error:
        make_savings_meeting(group=group, entries=[CASH, bad])
    assert "purpose" in error.value.message_dict
    assert not SavingsMeeting.objects.exists()
    assert not SavingsEntry.objects.exists()
    assert_ledger_balances(group)


def test_a_second_meeting_of_the_same_day_is_refused_naming_the_date(group) -> None:
    make_savings_meeting(group=group, entries=[CASH])
    with pytest.raises(ValidationError) as error:
        make_savings_meeting(group=group, entries=[CASH])
    assert "met_on" in error.value.message_dict
    assert_ledger_balances(group)


def test_a_meeting_in_the_future_is_refused(group) -> None:
    with pytest.raises(ValidationError) as error:
        make_savings_meeting(group=group, met_on=date(2999, 1, 1))
    assert "met_on" in error.value.message_dict
    assert_ledger_balances(group)


def test_more_present_than_the_group_has_members_is_refused(group) -> None:
    with pytest.raises(ValidationError) as error:
        make_savings_meeting(group=group, members_present=26)
    assert "25" in error.value.message_dict["members_present"][0]
    assert_ledger_balances(group)


def test_a_zero_or_negative_cash_collection_is_refused(group) -> None:
    for amount in (0, -500, None):
        with pytest.raises(ValidationError) as error:
            make_savings_meeting(
                group=group, entries=[{"kind": "collection", "amount_poisha": amount}]
            )
        assert "amount_poisha" in error.value.message_dict
    assert_ledger_balances(group)


def test_rice_without_weight_or_price_is_refused_naming_the_field(group) -> None:
    with pytest.raises(ValidationError) as error:
        make_savings_meeting(group=group, entries=[{**RICE, "rice_kg": None}])
    assert "rice_kg" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_savings_meeting(group=group, entries=[{**RICE, "rice_price_poisha_per_kg": 0}])
    assert "rice_price_poisha_per_kg" in error.value.message_dict
    assert_ledger_balances(group)


def test_a_withdrawal_in_rice_is_refused(group) -> None:
    with pytest.raises(ValidationError) as error:
        make_savings_meeting(
            group=group, entries=[CASH, {**RICE, "kind": "withdrawal", "purpose": "x"}]
        )
    assert "form" in error.value.message_dict
    assert_ledger_balances(group)


def test_a_withdrawal_needs_a_purpose(group) -> None:
    meeting = make_savings_meeting(group=group, entries=[CASH])
    with pytest.raises(ValidationError) as error:
        savings_entry_add(meeting=meeting, kind="withdrawal", amount_poisha=100, by=None)
    assert "purpose" in error.value.message_dict
    assert_ledger_balances(group)


def test_a_withdrawal_below_zero_is_refused_naming_the_balance(group) -> None:
    meeting = make_savings_meeting(group=group, entries=[CASH])
    with pytest.raises(ValidationError) as error:
        savings_entry_add(
            meeting=meeting, kind="withdrawal", amount_poisha=50_001, purpose="ধান কেনা", by=None
        )
    assert "500.00" in error.value.message_dict["amount_poisha"][0]
    entry = savings_entry_add(
        meeting=meeting, kind="investment", amount_poisha=50_000, purpose="ধান কেনা", by=None
    )
    assert entry.change_poisha == -50_000
    assert assert_ledger_balances(group) == 0


def test_a_back_dated_withdrawal_may_not_spend_money_later_entries_relied_on(group) -> None:
    early = make_savings_meeting(group=group, met_on=date(2024, 4, 5), entries=[CASH])
    make_savings_meeting(
        group=group,
        met_on=date(2024, 4, 12),
        entries=[{"kind": "withdrawal", "amount_poisha": 40_000, "purpose": "চিকিৎসা"}],
    )
    make_savings_meeting(group=group, met_on=date(2024, 4, 19), entries=[CASH])
    # The balance now is 600 taka, but after 12 April it was only 100.
    with pytest.raises(ValidationError) as error:
        savings_entry_add(
            meeting=early, kind="withdrawal", amount_poisha=20_000, purpose="সার", by=None
        )
    assert "100.00" in error.value.message_dict["amount_poisha"][0]
    assert assert_ledger_balances(group) == 60_000


def test_a_correction_leaves_the_original_visible_and_fixes_the_balance(group, users) -> None:
    meeting = make_savings_meeting(group=group, entries=[CASH])
    original = meeting.entries.get()
    correction = savings_entry_correct(
        entry=original, amount_poisha=45_000, reason="৫০০ নয়, ৪৫০ টাকা", by=users["organiser"]
    )
    assert (correction.kind, correction.change_poisha, correction.corrects) == (
        "correction",
        -5_000,
        original,
    )
    assert SavingsEntry.objects.filter(pk=original.pk, change_poisha=50_000).exists()
    assert assert_ledger_balances(group) == 45_000


def test_a_rice_entry_is_corrected_to_its_right_weight_and_price(group) -> None:
    original = make_savings_meeting(group=group, entries=[RICE]).entries.get()
    correction = savings_entry_correct(
        entry=original,
        rice_kg=Decimal("10"),
        rice_price_poisha_per_kg=6000,
        reason="ওজন ভুল লেখা হয়েছিল",
        by=None,
    )
    assert correction.change_poisha == 60_000 - 78_125
    assert (correction.form, correction.rice_kg) == ("rice", Decimal("10"))
    assert assert_ledger_balances(group) == 60_000


def test_an_entry_may_be_corrected_twice_and_reversed_to_zero(group) -> None:
    original = make_savings_meeting(group=group, entries=[CASH, CASH | {"amount_poisha": 1000}])
    first = original.entries.order_by("id").first()
    savings_entry_correct(entry=first, amount_poisha=40_000, reason="গণনা ভুল", by=None)
    second = savings_entry_correct(entry=first, amount_poisha=0, reason="ভুল করে লেখা", by=None)
    assert second.change_poisha == -40_000
    assert assert_ledger_balances(group) == 1000


def test_a_correction_that_changes_nothing_is_refused(group) -> None:
    original = make_savings_meeting(group=group, entries=[CASH]).entries.get()
    with pytest.raises(ValidationError) as error:
        savings_entry_correct(entry=original, amount_poisha=50_000, reason="একই", by=None)
    assert "amount_poisha" in error.value.message_dict
    assert_ledger_balances(group)


def test_a_correction_of_a_correction_is_refused(group) -> None:
    original = make_savings_meeting(group=group, entries=[CASH]).entries.get()
    correction = savings_entry_correct(entry=original, amount_poisha=1, reason="ভুল", by=None)
    with pytest.raises(ValidationError) as error:
        savings_entry_correct(entry=correction, amount_poisha=2, reason="আবার", by=None)
    assert "corrects" in error.value.message_dict
    assert_ledger_balances(group)


def test_a_correction_needs_a_reason(group) -> None:
    original = make_savings_meeting(group=group, entries=[CASH]).entries.get()
    with pytest.raises(ValidationError) as error:
        savings_entry_correct(entry=original, amount_poisha=1, reason="  ", by=None)
    assert "note" in error.value.message_dict
    assert_ledger_balances(group)


def test_a_correction_may_not_take_money_already_spent(group) -> None:
    meeting = make_savings_meeting(
        group=group,
        entries=[CASH, {"kind": "investment", "amount_poisha": 45_000, "purpose": "বীজ"}],
    )
    collection = meeting.entries.get(kind="collection")
    with pytest.raises(ValidationError) as error:
        savings_entry_correct(entry=collection, amount_poisha=0, reason="ভুল", by=None)
    assert "amount_poisha" in error.value.message_dict
    assert assert_ledger_balances(group) == 5_000


def test_a_withdrawal_corrected_upwards_is_checked_against_the_balance(group) -> None:
    meeting = make_savings_meeting(
        group=group,
        entries=[CASH, {"kind": "withdrawal", "amount_poisha": 10_000, "purpose": "চিকিৎসা"}],
    )
    withdrawal = meeting.entries.get(kind="withdrawal")
    with pytest.raises(ValidationError):
        savings_entry_correct(entry=withdrawal, amount_poisha=60_000, reason="ভুল", by=None)
    fixed = savings_entry_correct(entry=withdrawal, amount_poisha=20_000, reason="ভুল", by=None)
    assert fixed.change_poisha == -10_000
    assert assert_ledger_balances(group) == 30_000


def test_the_database_refuses_to_update_or_delete_an_entry(group) -> None:
    entry = make_savings_meeting(group=group, entries=[CASH]).entries.get()
    for sql in (
        "UPDATE savings_savingsentry SET change_poisha = 1 WHERE id = %s",
        "DELETE FROM savings_savingsentry WHERE id = %s",
    ):
        with (
            pytest.raises(Exception, match=r"(?i)protect|cannot"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])
    assert SavingsEntry.objects.get(pk=entry.pk).change_poisha == 50_000
    assert_ledger_balances(group)


def test_the_database_refuses_a_collection_with_a_negative_change(group) -> None:
    meeting = make_savings_meeting(group=group)
    with pytest.raises(IntegrityError), transaction.atomic():
        SavingsEntry.objects.bulk_create(
            [SavingsEntry(meeting=meeting, kind="collection", change_poisha=-1)]
        )
    assert_ledger_balances(group)


def test_the_meetings_attendance_and_decisions_are_updated_with_if_match(group, users) -> None:
    meeting = make_savings_meeting(group=group, members_present=10)
    updated = savings_meeting_update(
        meeting=meeting,
        by=users["organiser"],
        changes={"members_present": 12, "decisions": "যৌথ চাষে বিনিয়োগ"},
        expected_version=1,
    )
    assert (updated.members_present, updated.version) == (12, 2)
    with pytest.raises(EditConflict):
        savings_meeting_update(
            meeting=meeting, by=users["organiser"], changes={"decisions": "x"}, expected_version=1
        )
    assert_ledger_balances(group)


def test_a_meetings_date_cannot_be_changed(group) -> None:
    meeting = make_savings_meeting(group=group)
    with pytest.raises(ValidationError):
        savings_meeting_update(meeting=meeting, by=None, changes={"met_on": date(2024, 5, 10)})
    assert_ledger_balances(group)


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_may_not_write(group, users, role) -> None:
    meeting = make_savings_meeting(group=group, entries=[CASH])
    who = users[role]
    with pytest.raises(PermissionDenied):
        savings_meeting_record(group=group, met_on=date(2024, 5, 10), by=who)
    with pytest.raises(PermissionDenied):
        savings_entry_add(meeting=meeting, kind="collection", amount_poisha=1, by=who)
    with pytest.raises(PermissionDenied):
        savings_entry_correct(entry=meeting.entries.get(), amount_poisha=1, reason="x", by=who)
    with pytest.raises(PermissionDenied):
        savings_meeting_update(meeting=meeting, by=who, changes={"decisions": "x"})
    assert_ledger_balances(group)


@pytest.mark.parametrize("role", ["admin", "legal", "organiser"])
def test_the_staff_who_work_with_groups_write(group, users, role) -> None:
    make_savings_meeting(group=group, entries=[CASH])
    meeting = savings_meeting_record(
        group=group, met_on=date(2024, 5, 10), entries=[EntryInput(**CASH)], by=users[role]
    )
    assert meeting.recorded_by == users[role]
    assert assert_ledger_balances(group) == 100_000


def test_a_group_of_another_organisation_is_refused(group, outsider) -> None:
    with pytest.raises(ValidationError) as error:
        savings_meeting_record(group=group, met_on=FRIDAY, by=outsider)
    assert "group" in error.value.message_dict
    meeting = make_savings_meeting(group=group, entries=[CASH])
    with pytest.raises(ValidationError):
        savings_entry_add(meeting=meeting, kind="collection", amount_poisha=1, by=outsider)
    with pytest.raises(ValidationError):
        savings_entry_correct(entry=meeting.entries.get(), amount_poisha=1, reason="x", by=outsider)
    assert assert_ledger_balances(group) == 50_000


def test_a_group_in_another_district_is_refused(org, places, legal_a) -> None:
    group_b = make_group(organisation=org, village=places.village_b)
    with pytest.raises(ValidationError) as error:
        savings_meeting_record(group=group_b, met_on=FRIDAY, by=legal_a)
    assert "group" in error.value.message_dict
    assert assert_ledger_balances(group_b) == 0


def test_a_person_without_a_role_is_refused(group, no_membership) -> None:
    with pytest.raises(PermissionDenied):
        savings_meeting_record(group=group, met_on=FRIDAY, by=no_membership)
    assert_ledger_balances(group)


def test_organisers_limited_to_a_district_write_there(org, places, group) -> None:
    organiser_a = make_user(organisation=org, role="organiser", districts=[places.district_a])
    meeting = savings_meeting_record(
        group=group, met_on=FRIDAY, entries=[EntryInput(**RICE)], by=organiser_a
    )
    assert meeting.group == group
    assert assert_ledger_balances(group) == 78_125
