"""The Bangla interface in a real browser: the language chosen once follows the user to
other pages and devices; numbers in Bengali digits with lakh grouping; Bengali digits typed
into a form."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from landclaims.cases.models import Hearing
from landclaims.claims.services import claim_create
from landclaims.core.text import bengali_digits
from tests.browser.conftest import log_in
from tests.factories import make_case, make_group, make_parcel, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


def test_bangla_sticks_to_the_user_and_shows_bengali_digits(
    page, browser, live_server, org, places
) -> None:
    # 30,000 decimal = 12,14,056.93 m²: a figure big enough to show lakh grouping.
    parcel = make_parcel(
        organisation=org, mouza=places.mouza_a, area_value="30000", area_unit="decimal"
    )
    group = make_group(organisation=org, village=places.village_a)
    claim = claim_create(
        organisation=org, groups=[group], parcels=[parcel], by=None, opened_on=date(2024, 4, 14)
    )
    user = make_user(organisation=org, role="legal")

    log_in(page, live_server, user.username, PASSWORD)
    page.click("form.lang button[value=bn]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "bn"

    page.goto(f"{live_server.url}/claims/")  # another page: still Bangla
    assert page.locator("html").get_attribute("lang") == "bn"
    assert "১৪ এপ্রিল ২০২৪" in page.locator("table.list").inner_text()

    # Another device: a fresh browser context with no cookie, asking for English.
    other = browser.new_context(locale="en-GB")
    try:
        elsewhere = other.new_page()
        log_in(elsewhere, live_server, user.username, PASSWORD)
        elsewhere.goto(f"{live_server.url}/claims/")
        assert elsewhere.locator("html").get_attribute("lang") == "bn"
    finally:
        other.close()

    page.goto(f"{live_server.url}/preferences/")
    page.select_option("#id_area_unit", "sq_m")
    page.check("#id_bangla_calendar")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    text = page.locator("main").inner_text()
    assert "১২,১৪,০৫৬.৯৩ বর্গমিটার" in text  # lakh grouping, Bengali digits, chosen unit
    assert "(১ বৈশাখ ১৪৩১)" in text  # the Bangla date beside the Gregorian one


def test_a_hearing_date_typed_in_bengali_digits_is_saved(page, live_server, org, places) -> None:
    case = make_case(organisation=org, district=places.district_a)
    user = make_user(organisation=org, role="legal")
    on = timezone.localdate() + timedelta(days=30)

    log_in(page, live_server, user.username, PASSWORD)
    page.click("form.lang button[value=bn]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.click("#tab-hearings-tab")
    form = page.locator("#form-schedule")
    form.locator("[name=schedule-on]").fill(bengali_digits(on.strftime("%d/%m/%Y")))
    form.locator("[name=schedule-purpose]").fill("শুনানি")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert Hearing.objects.get(case=case).scheduled_on == on
    assert bengali_digits(str(on.day)) in page.locator("#next-date").inner_text()
