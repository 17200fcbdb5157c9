"""Issue 4's journey in a real browser: legal staff adjourn a hearing, then find the new
date on the calendar and in their phone's calendar feed."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from landclaims.cases.models import Hearing
from landclaims.cases.services import hearing_schedule
from landclaims.core.text import bengali_digits
from tests.browser.conftest import log_in
from tests.factories import make_case, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


def test_an_adjournment_reaches_the_calendar_and_the_feed(page, live_server, org, places) -> None:
    today = timezone.localdate()
    case = make_case(organisation=org, district=places.district_a, number="364", year=2017)
    hearing_schedule(
        case=case, on=today - timedelta(days=1), purpose="hearing", by=None,
        fixed_on=today - timedelta(days=20),
    )  # fmt: skip
    legal = make_user(organisation=org, role="legal")
    next_on = today + timedelta(days=23)

    log_in(page, live_server, legal.username, PASSWORD)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.click("#tab-hearings-tab")  # the case page's tabs: hearings have one of their own
    form = page.locator("#form-adjourn")
    form.locator("[name=adjourn-next_on]").fill(bengali_digits(next_on.strftime("%d/%m/%Y")))
    form.locator("[name=adjourn-purpose]").fill("argument on the rule")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert Hearing.objects.get(case=case, status="scheduled").scheduled_on == next_on

    page.goto(f"{live_server.url}/calendar/?view=month&date={next_on.isoformat()}")
    cell = page.locator(f"[data-date='{next_on.isoformat()}']").first
    assert "Writ Petition No. 364 of 2017" in cell.inner_text()

    page.goto(f"{live_server.url}/calendar/feed/")
    page.locator("button[value=issue]").click()
    feed_url = page.locator("#feed-url").input_value()
    feed = page.request.get(feed_url)
    assert feed.ok
    events = list(icalendar.Calendar.from_ical(feed.body()).walk("VEVENT"))
    assert len(events) == 1  # the adjourned date moved the event; it added none
    assert events[0].decoded("dtstart") == next_on
    assert int(events[0]["sequence"]) == 1


def test_the_new_date_is_refused_when_it_is_not_after_the_hearing(
    page, live_server, org, places
) -> None:
    today = timezone.localdate()
    case = make_case(organisation=org, district=places.district_a)
    hearing_schedule(
        case=case,
        on=today - timedelta(days=1),
        purpose="hearing",
        by=None,
        fixed_on=today - timedelta(days=9),
    )
    legal = make_user(organisation=org, role="legal")
    log_in(page, live_server, legal.username, PASSWORD)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.click("#tab-hearings-tab")  # the case page's tabs: hearings have one of their own
    form = page.locator("#form-adjourn")
    form.locator("[name=adjourn-next_on]").fill((today - timedelta(days=3)).strftime("%d/%m/%Y"))
    form.locator("[name=adjourn-purpose]").fill("x")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_adjourn-next_on_errors").is_visible()
    assert Hearing.objects.filter(case=case).count() == 1
