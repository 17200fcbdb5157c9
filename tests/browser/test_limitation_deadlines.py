"""Issue 18's deadline in a real browser: legal staff see the days left to petition against a
writ judgment on the case page, on a phone, in English and in Bangla."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from landclaims.cases.services import case_record_judgment
from landclaims.core.text import bengali_digits
from tests.browser.conftest import log_in
from tests.factories import make_case, make_user
from tests.limitation_table import limitation_table  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("limitation_table")]

PASSWORD = "a-long-test-password"
PHONE = {"width": 390, "height": 844}


def widest_in_deadlines(page) -> float:
    """The right edge of the furthest-reaching element of the deadline section. (The page's
    header is wider than a phone at the time of writing; that is not this section's.)"""
    return page.evaluate(
        "Math.max(...[...document.querySelectorAll('#deadlines, #deadlines *')]"
        ".map(e => e.getBoundingClientRect().right))"
    )


def test_the_days_left_show_on_a_phone_in_english_and_bangla(
    browser, live_server, org, places
) -> None:
    case = make_case(organisation=org, district=places.district_a, number="364", year=2017)
    case_record_judgment(
        case=case,
        on=timezone.localdate() - timedelta(days=1),
        outcome="against_us",
        by=None,
    )
    legal = make_user(organisation=org, role="legal")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        log_in(page, live_server, legal.username, PASSWORD)
        page.goto(f"{live_server.url}/cases/{case.pk}/")
        box = page.locator("#deadlines .deadline").first
        left = box.locator(".left").inner_text()
        assert left.endswith("days left") and left.split()[0].isdigit()
        assert box.bounding_box()["width"] <= PHONE["width"]
        assert widest_in_deadlines(page) <= PHONE["width"]

        # What the language buttons set (LocaleMiddleware reads it on the next page).
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "bn", "url": live_server.url}]
        )
        page.goto(f"{live_server.url}/cases/{case.pk}/")
        bangla = page.locator("#deadlines .deadline .left").first.inner_text()
        assert bengali_digits(left.split()[0]) in bangla
        assert widest_in_deadlines(page) <= PHONE["width"]
    finally:
        context.close()
