"""Issue 18's whole journey in a real browser, as legal support staff: a writ opened from a
claim's page with a party and a lawyer; a stay with an end date that shows on the map's
order layer and the dashboard; vacated, it leaves the map, the dashboard and an export made
afterwards; a judgment, an appeal filed from it, the deadline met and the chain both ways."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pyogrio
import pytest
from django.utils import timezone

from landclaims.cases.models import InterimOrder, LegalCase
from landclaims.cases.services import lawyer_create
from landclaims.core.text import bengali_digits
from tests.browser.conftest import log_in
from tests.factories import make_claim, make_user
from tests.limitation_table import limitation_table  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("limitation_table")]

PASSWORD = "a-long-test-password"
DRAWN = ".leaflet-tile-container path"
# landmap.js fills parcels at 0.75 and outlines court orders with a dashed line, no fill.
PARCEL_SHAPES = f'{DRAWN}[fill-opacity="0.75"]'
ORDER_SHAPES = f'{DRAWN}[stroke-dasharray="5 3"]'


def _submit(page: Any, form: str) -> None:
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")


def _drawn(page: Any, selector: str) -> int:
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "s => document.querySelectorAll(s).length > 0", arg=selector, timeout=20_000
    )
    return page.locator(selector).count()


def _orders_on_dashboard(page: Any, url: str) -> tuple[str, str]:
    page.goto(f"{url}/dashboard/")
    stays = page.locator("tr[data-row=stay] td").inner_text()
    return page.locator("[data-figure=orders]").inner_text(), stays


def _exported_cases(page: Any, url: str, tmp_path: Path) -> dict[int, int]:
    """The cases layer exported as GeoPackage through the exports page, read back with GDAL:
    each case's `order_in_force` flag."""
    page.goto(f"{url}/exports/")
    page.select_option("[name=layer]", "cases")
    page.select_option("[name=file_format]", "gpkg")
    _submit(page, "form.export-form")
    with page.expect_download() as download:
        page.locator("table.exports a", has_text="Download").first.click()
    path = tmp_path / "cases.gpkg"
    download.value.save_as(path)
    frame = pyogrio.read_dataframe(path, layer="cases")
    return dict(zip(frame["id"], frame["order_in_force"], strict=True))


def test_a_writ_from_a_claim_to_its_appeal(page, live_server, org, places, settings, tmp_path):
    settings.MAP_BASEMAP_URL = ""  # the map draws from our own tiles alone
    url = live_server.url
    today = timezone.localdate()
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    lawyer_create(organisation=org, name="Advocate Sara Hossain", by=None)
    legal = make_user(organisation=org, role="legal")
    log_in(page, live_server, legal.username, PASSWORD)

    # Opened from the claim's page, with a party of the other side and our lawyer.
    page.goto(f"{url}/claims/{claim.pk}/")
    page.click("#tab-cases")  # the claim's page is in tabs
    page.click("#open-case")
    page.wait_for_load_state()
    assert page.locator("#field-police_station").is_hidden()  # a writ has no police case
    page.select_option("[name=case_type]", "writ")
    page.select_option("[name=forum_level]", "high_court_division")
    assert page.locator("#field-bench").is_visible()
    page.fill("[name=court_name]", "High Court Division")
    page.fill("[name=number]", "৩৬৪")
    filed_on = today - timedelta(days=120)
    page.fill("[name=filed_on]", bengali_digits(filed_on.strftime("%d/%m/%Y")))
    year = bengali_digits(str(filed_on.year))
    assert page.locator("#display-no").inner_text() == f"Writ Petition No. ৩৬৪ of {year}"
    page.select_option("[name=party-0-side]", "theirs")
    page.select_option("[name=party-0-role]", "respondent")
    page.fill("[name=party-0-name]", "Deputy Commissioner, Tangail")
    page.click("#id_lawyers-ts-control")  # a type-ahead: type part of the name, pick it
    page.keyboard.type("Sara")
    page.locator(".ts-dropdown .option", has_text="Advocate Sara Hossain").click()
    _submit(page, "#case-form")
    case = LegalCase.objects.get()
    assert page.locator("h1").inner_text() == f"Writ Petition No. 364 of {filed_on.year}"
    assert list(case.claims.all()) == [claim]
    assert "Deputy Commissioner, Tangail" in page.locator(".parties .theirs").inner_text()
    assert "Advocate Sara Hossain" in page.locator("#tab-overview .facts").inner_text()

    # A stay with an end date: on the case's map, on the order layer, and on the dashboard.
    page.click("#tab-orders-tab")
    form = "#form-order"
    page.select_option(f"{form} [name=order-kind]", "stay")
    page.fill(f"{form} [name=order-made_on]", (today - timedelta(days=3)).strftime("%d/%m/%Y"))
    until = today + timedelta(days=40)
    page.fill(f"{form} [name=order-in_force_until]", until.strftime("%d/%m/%Y"))
    _submit(page, form)
    order = InterimOrder.objects.get(case=case)
    assert order.in_force_until == until
    assert page.locator("#tab-orders").is_visible()  # back on the tab the write came from
    page.click("#tab-overview-tab")  # the case's map
    assert _drawn(page, ORDER_SHAPES) > 0
    assert _orders_on_dashboard(page, url) == ("1", "1")

    # Vacated: gone from the map, the dashboard and an export made afterwards.
    page.goto(f"{url}/cases/{case.pk}/")
    page.click("#tab-orders-tab")
    assert page.locator(f"table.orders.in-force tr[data-order='{order.pk}']").is_visible()
    vacate = page.locator(f"#form-vacate-{order.pk}")
    assert not vacate.is_visible()  # the order's actions are collapsed until asked for
    page.locator(f".order-actions[data-order='{order.pk}'] summary").first.click()
    assert vacate.is_visible()
    page.fill(f"[name='vacate-{order.pk}-on']", today.strftime("%d/%m/%Y"))
    _submit(page, f"#form-vacate-{order.pk}")
    order.refresh_from_db()
    assert (order.vacated_on, order.end_reason) == (today, "vacated")
    assert page.locator(f"table.orders.in-force tr[data-order='{order.pk}']").count() == 0
    assert page.locator(f"table.orders.past tr[data-order='{order.pk}']").is_visible()
    page.click("#tab-overview-tab")
    assert _drawn(page, PARCEL_SHAPES) > 0  # the map has drawn its tiles ...
    assert page.locator(ORDER_SHAPES).count() == 0  # ... and no order among them
    assert _orders_on_dashboard(page, url) == ("0", "0")
    assert _exported_cases(page, url, tmp_path) == {case.pk: 0}

    # The judgment, then a leave petition filed from it.
    page.goto(f"{url}/cases/{case.pk}/")
    page.click("#tab-hearings-tab")
    page.fill("#form-judgment [name=judgment-on]", today.strftime("%d/%m/%Y"))
    page.select_option("#form-judgment [name=judgment-outcome]", "against_us")
    _submit(page, "#form-judgment")
    assert page.locator("#deadlines li.deadline.open").count() >= 1  # days left to appeal
    page.click("#file-appeal")
    page.wait_for_load_state()
    page.select_option("[name=appeal-case_type]", "civil_leave_petition")
    page.fill("[name=appeal-court_name]", "Appellate Division")
    page.fill("[name=appeal-number]", "৭৮")
    page.fill("[name=appeal-filed_on]", today.strftime("%d/%m/%Y"))
    _submit(page, "#case-form")

    higher = LegalCase.objects.get(parent=case)
    assert case.display_no in page.locator("#appeals").inner_text()
    page.click(f"#appeals a[href='/cases/{case.pk}/']")
    page.wait_for_load_state()
    assert higher.display_no in page.locator("#appeals").inner_text()
    met = page.locator("#deadlines li.deadline.met")
    assert higher.display_no in met.inner_text()  # the leave petition met its deadline
    assert "On appeal" in page.locator("#case-status").inner_text()
