"""One rule for "an interim order in force" (cases.models.order_in_force) and one list of the
orders that freeze the land (FREEZING_ORDER_KINDS): the case page, the exports, the map, the
dashboard, the API and the calendar's reminders give the same answer for the same orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from landclaims.agenda.selectors import interim_order_list_expiring
from landclaims.cases.models import InterimOrder, LegalCase
from landclaims.cases.selectors import case_detail
from landclaims.cases.services import (
    case_record_judgment,
    interim_order_record,
    interim_order_vacate,
)
from landclaims.dashboard.selectors import DashboardFilters, dashboard
from landclaims.exports.services import export_layer
from landclaims.maps.selectors import parcel_popup
from landclaims.parcels.models import Parcel
from tests.api.conftest import client_for
from tests.exports.helpers import read_back
from tests.factories import log_in, make_case, make_claim, make_parcel
from tests.maps.conftest import DETAIL_ZOOM, features

pytestmark = pytest.mark.django_db


@dataclass
class Orders:
    vacated: InterimOrder  # a stay vacated yesterday
    running: InterimOrder  # an injunction in force, through a claim's parcel
    lapsed: InterimOrder  # a status quo order whose last day was yesterday
    not_yet: InterimOrder  # a stay in force only from next week
    bail: InterimOrder  # in force, but it does not freeze the land
    parcels: dict[str, Parcel]  # the parcel under each case's order, by the order's name
    cases: dict[str, LegalCase]


@pytest.fixture(params=["vacated", "judgment"])
def orders(request, frozen_today, org, places) -> Orders:
    """`vacated`: the court vacated the first stay yesterday; `judgment`: yesterday's final
    judgment in its case ended it (the court kept the case's bail order in force)."""
    today = frozen_today
    yesterday = today - timedelta(days=1)

    def case_on_parcel(*, through_claim: bool = False) -> tuple[LegalCase, Parcel]:
        if through_claim:
            claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
            case = make_case(organisation=org, district=places.district_a, claims=[claim])
            return case, claim.parcels.get()
        parcel = make_parcel(organisation=org, mouza=places.mouza_a)
        return make_case(organisation=org, district=places.district_a, parcels=[parcel]), parcel

    case_vacated, p_vacated = case_on_parcel()
    case_running, p_running = case_on_parcel(through_claim=True)
    case_lapsed, p_lapsed = case_on_parcel()
    case_not_yet, p_not_yet = case_on_parcel()
    soon = today + timedelta(days=4)
    vacated = interim_order_record(
        case=case_vacated, kind="stay", made_on=date(2024, 1, 10), in_force_until=soon, by=None
    )
    running = interim_order_record(
        case=case_running, kind="injunction", made_on=date(2024, 5, 1), in_force_until=soon, by=None
    )
    lapsed = interim_order_record(
        case=case_lapsed,
        kind="status_quo",
        made_on=date(2024, 1, 10),
        in_force_until=yesterday,
        by=None,
    )
    not_yet = interim_order_record(
        case=case_not_yet,
        kind="stay",
        made_on=date(2024, 5, 20),
        in_force_from=today + timedelta(days=7),
        by=None,
    )
    bail = interim_order_record(case=case_vacated, kind="bail", made_on=date(2024, 5, 1), by=None)
    if request.param == "vacated":
        interim_order_vacate(order=vacated, on=yesterday, by=None)
    else:
        case_record_judgment(
            case=case_vacated, on=yesterday, outcome="against_us", by=None, orders_kept=[bail]
        )
    return Orders(
        vacated=vacated,
        running=running,
        lapsed=lapsed,
        not_yet=not_yet,
        bail=bail,
        parcels={
            "vacated": p_vacated,
            "running": p_running,
            "lapsed": p_lapsed,
            "not_yet": p_not_yet,
        },
        cases={
            "vacated": case_vacated,
            "running": case_running,
            "lapsed": case_lapsed,
            "not_yet": case_not_yet,
        },
    )


def test_an_order_ended_yesterday_is_in_force_nowhere(
    orders, organiser, client, frozen_today
) -> None:
    in_force = {orders.running.pk, orders.bail.pk}
    freezing = {orders.running.pk}
    frozen_parcels = {orders.parcels["running"].pk}
    frozen_cases = {orders.cases["running"].pk}
    every_parcel = {p.pk for p in orders.parcels.values()}

    # The case page.
    on_pages = set()
    for case in orders.cases.values():
        on_pages |= {o.pk for o in case_detail(user=organiser, pk=case.pk).orders_in_force}
    assert on_pages == in_force

    # The API: the list and one order.
    api = client_for(organiser)
    rows = api.get("/api/v1/interim-orders/").json()["results"]
    assert {row["id"] for row in rows if row["in_force"]} == in_force
    assert len(rows) == 5
    assert api.get(f"/api/v1/interim-orders/{orders.vacated.pk}/").json()["in_force"] is False
    assert api.get(f"/api/v1/interim-orders/{orders.running.pk}/").json()["in_force"] is True

    # The dashboard: orders in force by kind.
    board = dashboard(user=organiser, filters=DashboardFilters(), today=frozen_today)
    by_kind = {row.kind: row.orders for row in board.orders}
    assert by_kind == {
        "stay": 0,
        "status_quo": 0,
        "injunction": 1,
        "rule_nisi": 0,
        "bail": 1,
        "direction": 0,
    }
    assert board.orders_total == len(in_force)

    # The exports, written and read back: parcels and cases.
    parcels = read_back(export_layer(user=organiser, layer="parcels").path, "gpkg")
    flagged = dict(zip(parcels["id"], parcels["order_in_force"], strict=True))
    assert {pk for pk in every_parcel if flagged[pk] == 1} == frozen_parcels
    assert {pk for pk in every_parcel if flagged[pk] == 0} == every_parcel - frozen_parcels, flagged
    cases = read_back(export_layer(user=organiser, layer="cases").path, "gpkg", layer="cases")
    flagged = dict(zip(cases["id"], cases["order_in_force"], strict=True))
    assert {pk for pk, flag in flagged.items() if flag == 1} == frozen_cases
    assert len(flagged) == 4

    # The map: the orders layer, the parcels layer's `frozen` and the popup.
    log_in(client, organiser)
    on_order_layer = features(client, DETAIL_ZOOM, layer="orders", kind="orders")
    assert set(on_order_layer) == frozen_parcels
    shapes = features(client, DETAIL_ZOOM)
    assert {pk for pk in every_parcel if shapes[pk].props["frozen"]} == frozen_parcels
    in_popups = set()
    for parcel in orders.parcels.values():
        popup = parcel_popup(user=organiser, pk=parcel.pk, today=frozen_today)
        in_popups |= {o.pk for o in popup.frozen_by}
    assert in_popups == freezing

    # The calendar's reminders: a freezing order running out soon, not vacated.
    expiring = interim_order_list_expiring(start=frozen_today, end=frozen_today + timedelta(7))
    assert {o.pk for o in expiring} == freezing

    # The calendar: the last days in force of the orders, only those that will lapse.
    log_in(client, organiser)
    week = client.get("/calendar/", {"view": "month", "date": frozen_today.isoformat()})
    lapsing = {o.pk for day in week.context["days"] for o in day.orders_lapsing}
    assert orders.vacated.pk not in lapsing
    assert orders.running.pk in lapsing
