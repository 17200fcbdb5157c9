"""The demo savings: Friday rice meetings for ALRD's partner groups, cash for Nijera Kori's,
one collective investment each and one correction, every ledger balancing."""

from __future__ import annotations

import random
from datetime import date

import pytest

from landclaims.demo.work_savings import WEEKS, seed_savings
from landclaims.savings.models import SavingsEntry, SavingsMeeting
from tests.factories import OrganisationFactory, make_group
from tests.savings.ledger import assert_ledger_balances

pytestmark = pytest.mark.django_db


def test_the_demo_writes_months_of_meetings_that_balance(places) -> None:
    organisations = {
        "nijera-kori": OrganisationFactory(slug="nijera-kori"),
        "alrd-partners": OrganisationFactory(slug="alrd-partners"),
    }
    groups = [
        make_group(organisation=org, village=places.village_a, members_women=20)
        for org in organisations.values()
        for _ in range(2)
    ]
    seed_savings(organisations, random.Random("savings-7"), date(2024, 6, 1))
    assert SavingsMeeting.objects.count() == 4 * WEEKS
    assert set(SavingsMeeting.objects.values_list("met_on__week_day", flat=True)) == {6}  # Fri
    alrd = SavingsEntry.objects.filter(meeting__group__organisation__slug="alrd-partners")
    assert set(alrd.filter(kind="collection").values_list("form", flat=True)) == {"rice"}
    nk = SavingsEntry.objects.filter(meeting__group__organisation__slug="nijera-kori")
    assert set(nk.filter(kind="collection").values_list("form", flat=True)) == {"cash"}
    assert SavingsEntry.objects.filter(kind="investment").count() == 2
    assert SavingsEntry.objects.filter(kind="correction").count() == 1
    prices = alrd.filter(kind="collection").values_list("rice_price_poisha_per_kg", flat=True)
    assert min(prices) >= 5500
    assert max(prices) <= 7050
    for group in groups:
        assert assert_ledger_balances(group) > 0
