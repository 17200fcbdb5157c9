"""The data pages (exports, imports and an import's page) finished for issue 20: at 390 px in
English and in Bangla they fit the phone and axe-core finds nothing; a desktop screenshot of
each is kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from landclaims.core.bangla_calendar import to_bangla
from landclaims.core.preferences import preference_save
from landclaims.core.text import bengali_digits
from landclaims.exports.models import ExportLog
from landclaims.places.models import AdminArea
from tests.browser.conftest import log_in, settle
from tests.browser.pages import (
    PHONE,
    assert_page_fits_and_passes_axe,
    horizontal_overflow,
    screenshot,
)
from tests.factories import make_claim, make_user
from tests.imports.test_file_choices import kobo_csv

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
DESKTOP = {"width": 1200, "height": 900}


@pytest.fixture(autouse=True)
def data_dirs(settings: Any, tmp_path: Path) -> None:
    settings.IMPORT_DIR = tmp_path / "import-dir"
    settings.EXPORT_DIR = tmp_path / "export-dir"


def _check(page: Any, url: str, name: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(url)
    settle(page)
    assert_page_fits_and_passes_axe(page, f"{name}-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, f"{name}-desktop")


def test_the_data_pages_fit_a_phone_and_pass_axe_in_both_languages(
    page: Any, live_server: Any, org: Any, places: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MAP_BASEMAP_URL = ""
    make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    organiser = make_user(organisation=org, role="organiser")
    log_in(page, live_server, organiser.username, PASSWORD)
    # One export and one import, so the pages show their tables.
    page.goto(f"{live_server.url}/exports/")
    with page.expect_navigation():
        page.locator("form.export-form button[type=submit]").click()
    page.goto(f"{live_server.url}/imports/")
    page.set_input_files("#id_file", str(kobo_csv(tmp_path / "kobo.csv", places)))
    page.select_option("#id_kind", "parcels")
    page.fill("#id_geometry_column", "parcel/boundary")
    with page.expect_navigation():
        page.locator("form.narrow button[type=submit]").click()
    detail = page.url

    for lang in ("en", "bn"):
        if lang == "bn":
            page.click("form.lang button[value=bn]")
            page.wait_for_load_state()
        _check(page, f"{live_server.url}/exports/", f"exports-{lang}")
        _check(page, f"{live_server.url}/imports/", f"imports-{lang}")
        _check(page, detail, f"import-{lang}")


def test_a_viewer_sent_to_the_imports_page_gets_a_page_of_the_site(
    page: Any, live_server: Any, org: Any
) -> None:
    """/imports/ is for those who write claims; anyone else got Django's bare 403 page,
    without the site's header or a main landmark (axe: landmark-one-main, region)."""
    viewer = make_user(organisation=org, role="viewer")
    log_in(page, live_server, viewer.username, PASSWORD)
    page.set_viewport_size(PHONE)
    response = page.goto(f"{live_server.url}/imports/")
    assert response.status == 403
    assert page.locator("main h1").inner_text() == "Not allowed"
    assert_page_fits_and_passes_axe(page, "imports-refused-en-phone")


def test_a_date_picked_on_a_bangla_page_is_written_in_bengali_digits_and_accepted(
    page: Any, live_server: Any, org: Any, places: Any
) -> None:
    """The export form in Bangla at phone width: the area found by typing its Bengali name,
    a date picked from the calendar (keyboard: Escape closes it), the Bangla calendar date
    beside it, and the export made with both."""
    AdminArea.objects.filter(pk=places.district_a.pk).update(name_bn="টাঙ্গাইল")
    organiser = make_user(organisation=org, role="organiser")
    preference_save(user=organiser, language="bn", bangla_calendar=True)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, organiser.username, PASSWORD)
    page.goto(f"{live_server.url}/exports/")

    page.locator("#id_area-ts-control").fill("টাঙ্গাইল")
    found = page.locator(".ts-dropdown .option", has_text="টাঙ্গাইল")
    found.first.wait_for()
    assert found.count() == 1
    found.first.click()

    opener = page.locator("#id_date_from + .lc-date-open")
    opener.click()
    dialog = page.get_by_role("dialog")
    assert dialog.is_visible()
    page.keyboard.press("Escape")
    assert dialog.count() == 0
    assert page.evaluate("document.activeElement.classList.contains('lc-date-open')")
    opener.click()
    day = dialog.locator('.lc-date-day[data-iso$="-15"]')
    assert day.inner_text() == "১৫"
    picked = date.fromisoformat(day.get_attribute("data-iso"))
    day.click()
    assert page.locator("#id_date_from").input_value() == bengali_digits(f"{picked:%d/%m/%Y}")
    # The Bangla calendar date beside the field, as the server computes it.
    expect(page.locator(".lc-bangla-date").first).to_have_text(to_bangla(picked).format("bn"))
    assert horizontal_overflow(page) <= 0

    with page.expect_navigation():
        page.locator("form.export-form button[type=submit]").click()
    log = ExportLog.objects.get()
    assert log.filters["date_from"] == picked.isoformat()
    assert log.filters["area"] == places.district_a.pk
