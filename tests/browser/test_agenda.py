"""The calendar and the cause list in a real browser (Debian's chromium)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.agenda.helpers import schedule
from tests.browser.conftest import log_in
from tests.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


@pytest.fixture
def case_a(org, places):
    return make_case(organisation=org, district=places.district_a, number="364", year=2017)


def test_the_month_view_puts_each_hearing_in_its_days_cell(
    page,
    live_server,
    organiser,
    case_a,
) -> None:
    schedule(case_a, date(2024, 6, 12), purpose="Hearing on the rule")
    log_in(page, live_server, organiser.username, PASSWORD)
    page.goto(f"{live_server.url}/calendar/?view=month&date=2024-06-01")
    cell = page.locator("td[data-date='2024-06-12']")
    assert "Writ Petition No. 364 of 2017" in cell.inner_text()
    assert page.locator("table.month tbody tr").count() == 6


def test_the_printed_cause_list_leaves_out_the_sites_menus(
    page,
    live_server,
    organiser,
    case_a,
) -> None:
    schedule(case_a, date(2024, 6, 3))
    log_in(page, live_server, organiser.username, PASSWORD)
    page.goto(f"{live_server.url}/calendar/cause-list/?date=2024-06-03")
    assert page.locator("header.top").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not page.locator(".agenda-nav").is_visible()
    assert page.locator("table.cause-list").is_visible()
