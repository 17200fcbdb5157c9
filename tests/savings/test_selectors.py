"""The savings reads: the ledger with its running balance and corrected flags, monthly
totals, the totals by women's and men's groups, and scoping across organisations and
districts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from landclaims.savings.selectors import (
    savings_balance,
    savings_ledger,
    savings_meeting_list,
    savings_monthly_totals,
    savings_summary,
    savings_totals_by_group_sex,
)
from landclaims.savings.services import savings_entry_correct
from tests.factories import make_group, make_savings_meeting, make_user
from tests.savings.ledger import assert_ledger_balances

pytestmark = pytest.mark.django_db

RICE = {"kind": "collection", "form": "rice", "rice_kg": Decimal("10"),
        "rice_price_poisha_per_kg": 6000}  # fmt: skip


def _history(group) -> None:
    """April: two Fridays of rice; May: cash, an investment and a withdrawal; one correction."""
    first = make_savings_meeting(group=group, met_on=date(2024, 4, 5), entries=[RICE])
    make_savings_meeting(group=group, met_on=date(2024, 4, 12), entries=[RICE])
    make_savings_meeting(
        group=group,
        met_on=date(2024, 5, 3),
        entries=[
            {"kind": "collection", "amount_poisha": 20_000},
            {"kind": "investment", "amount_poisha": 50_000, "purpose": "যৌথ সবজি চাষ"},
            {"kind": "withdrawal", "amount_poisha": 10_000, "purpose": "চিকিৎসা"},
        ],
    )
    savings_entry_correct(
        entry=first.entries.get(),
        rice_kg=Decimal("9.5"),
        rice_price_poisha_per_kg=6000,
        reason="ওজন ৯.৫ কেজি",
        by=None,
    )


def test_the_ledger_runs_its_balance_and_flags_the_corrected_entry(group, organiser) -> None:
    _history(group)
    ledger = list(savings_ledger(user=organiser, group=group))
    assert [e.kind for e in ledger] == [
        "collection", "correction", "collection", "collection", "investment", "withdrawal",
    ]  # fmt: skip
    assert [e.balance_poisha for e in ledger] == [
        60_000, 57_000, 117_000, 137_000, 87_000, 77_000,
    ]  # fmt: skip
    assert [e.is_corrected for e in ledger] == [True, False, False, False, False, False]
    assert assert_ledger_balances(group, organiser) == 77_000


def test_monthly_totals_count_entries_for_their_corrected_value(group, organiser) -> None:
    _history(group)
    april, may = savings_monthly_totals(user=organiser, group=group)
    assert (april.month, april.meetings) == (date(2024, 4, 1), 2)
    assert (april.rice_kg, april.rice_sold_poisha, april.collected_cash_poisha) == (
        Decimal("19.5"), 117_000, 0,
    )  # fmt: skip
    assert april.balance_poisha == 117_000
    assert (may.collected_cash_poisha, may.invested_poisha, may.withdrawn_poisha) == (
        20_000, 50_000, 10_000,
    )  # fmt: skip
    assert may.balance_poisha == savings_balance(user=organiser, group=group) == 77_000
    assert_ledger_balances(group, organiser)


def test_an_entry_reversed_to_zero_weighs_nothing(group, organiser) -> None:
    meeting = make_savings_meeting(group=group, entries=[RICE])
    savings_entry_correct(entry=meeting.entries.get(), amount_poisha=0, reason="ভুল", by=None)
    (month,) = savings_monthly_totals(user=organiser, group=group)
    assert (month.rice_kg, month.rice_sold_poisha) == (0, 0)
    totals = savings_totals_by_group_sex(user=organiser)
    assert totals["women"].rice_kg == 0
    assert assert_ledger_balances(group, organiser) == 0


def test_a_group_without_savings_has_an_empty_ledger(group, organiser) -> None:
    assert list(savings_ledger(user=organiser, group=group)) == []
    assert savings_monthly_totals(user=organiser, group=group) == []
    summary = savings_summary(user=organiser, group=group)
    assert (summary.balance_poisha, summary.meeting_count, summary.meetings) == (0, 0, [])
    assert_ledger_balances(group, organiser)


def test_the_summary_shows_the_latest_meetings_first(group, organiser) -> None:
    _history(group)
    summary = savings_summary(user=organiser, group=group, latest=2)
    assert [m.met_on for m in summary.meetings] == [date(2024, 5, 3), date(2024, 4, 12)]
    assert (summary.balance_poisha, summary.meeting_count) == (77_000, 3)
    assert_ledger_balances(group, organiser)


def test_totals_by_women_and_men_groups(org, places, group, organiser) -> None:
    _history(group)
    men = make_group(organisation=org, village=places.village_b, sex="men")
    make_savings_meeting(group=men, entries=[{"kind": "collection", "amount_poisha": 30_000}])
    totals = savings_totals_by_group_sex(user=organiser)
    women = totals["women"]
    assert (women.groups_saving, women.collected_poisha, women.rice_kg) == (
        1, 137_000, Decimal("19.5"),
    )  # fmt: skip
    assert (women.invested_poisha, women.withdrawn_poisha, women.balance_poisha) == (
        50_000, 10_000, 77_000,
    )  # fmt: skip
    assert (totals["men"].groups_saving, totals["men"].balance_poisha) == (1, 30_000)
    in_a = savings_totals_by_group_sex(user=organiser, area=places.district_a)
    assert (in_a["women"].balance_poisha, in_a["men"].balance_poisha) == (77_000, 0)
    until_april = savings_totals_by_group_sex(user=organiser, on_or_before=date(2024, 4, 30))
    assert until_april["women"].balance_poisha == 117_000
    assert assert_ledger_balances(men, organiser) == 30_000
    assert_ledger_balances(group, organiser)


def test_another_organisation_sees_none_of_it(group, outsider) -> None:
    _history(group)
    assert list(savings_ledger(user=outsider, group=group)) == []
    assert savings_balance(user=outsider, group=group) == 0
    assert not savings_meeting_list(user=outsider).exists()
    assert savings_totals_by_group_sex(user=outsider)["women"].balance_poisha == 0
    assert_ledger_balances(group)


def test_staff_of_another_district_see_none_of_it(org, places, group) -> None:
    _history(group)
    in_b = make_user(organisation=org, role="monitor", districts=[places.district_b])
    assert savings_balance(user=in_b, group=group) == 0
    assert savings_totals_by_group_sex(user=in_b)["women"].groups_saving == 0
    in_a = make_user(organisation=org, role="monitor", districts=[places.district_a])
    assert savings_balance(user=in_a, group=group) == 77_000
    assert_ledger_balances(group, in_a)


def test_totals_narrow_to_one_organisation(org, other_org, places, group, organiser) -> None:
    _history(group)
    assert (
        savings_totals_by_group_sex(user=organiser, organisation=other_org)["women"].balance_poisha
        == 0
    )
    assert (
        savings_totals_by_group_sex(user=organiser, organisation=org)["women"].balance_poisha
        == 77_000
    )
    assert_ledger_balances(group)
