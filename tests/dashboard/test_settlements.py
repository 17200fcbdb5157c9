"""The settlement figures: land settled to our groups or to others, and ours later lost."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from landclaims.allocations.services import allocation_change_holder, allocation_record
from landclaims.dashboard.selectors import DashboardFilters, settlement_figures
from tests.factories import log_in, make_claim, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def allocations(org, other_org, places, frozen_today):
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    parcel, group = claim.parcels.get(), claim.groups.get()
    common = {"parcel": parcel, "area_unit": "decimal", "approved_on": date(2023, 1, 1)}
    kept = allocation_record(**common, claim=claim, group=group, area_value="10", title="joint")
    lost = allocation_record(**common, claim=claim, group=group, area_value="5", title="joint")
    allocation_change_holder(allocation=lost, held_by="encroacher", since=date(2024, 1, 1), by=None)
    allocation_record(**common, area_value="20", settled_to_others=True)
    foreign = make_claim(organisation=other_org, village=places.village_a, mouza=places.mouza_a)
    allocation_record(
        parcel=foreign.parcels.get(), area_value="30", area_unit="decimal", settled_to_others=True
    )
    return kept, lost


def test_settled_to_ours_to_others_and_later_lost_are_counted_in_the_users_scope(
    allocations, org
) -> None:
    monitor = make_user(organisation=org, role="monitor")
    figures = {f.key: f for f in settlement_figures(user=monitor, filters=DashboardFilters())}
    decimal = Decimal("40.468564224")
    assert (figures["ours"].allocations, figures["others"].allocations) == (2, 1)
    assert figures["lost"].allocations == 1
    assert float(figures["ours"].m2) == pytest.approx(float(15 * decimal), abs=0.02)
    assert float(figures["others"].m2) == pytest.approx(float(20 * decimal), abs=0.02)
    assert float(figures["lost"].m2) == pytest.approx(float(5 * decimal), abs=0.02)


def test_the_page_shows_them_in_bangla_with_bengali_digits(client, allocations, org) -> None:
    log_in(client, make_user(organisation=org, role="viewer"))
    with translation.override("bn"):
        page = client.get(reverse("dashboard:index"), HTTP_ACCEPT_LANGUAGE="bn")
    html = page.content.decode()
    table = html[html.index('id="settlements"') :]
    table = table[: table.index("</table>")]
    assert 'data-row="lost"' in table
    assert '<td class="num">১</td>' in table
