"""Issue 20's finish of the legal side's pages in a real browser: the case list, a case (each
of its tabs), the new case form, the calendar, the cause list and the document upload page,
in English and in Bangla, on a 390 px phone (no sideways scrolling, axe-core finds nothing)
and on a desk (a screenshot under artefacts/screenshots/)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from landclaims.cases.models import Lawyer
from landclaims.cases.services import (
    case_add_party,
    case_note_add,
    case_task_add,
    hearing_schedule,
    interim_order_record,
)
from tests.browser.conftest import log_in
from tests.browser.pages import PHONE, assert_page_fits_and_passes_axe, screenshot
from tests.factories import make_case, make_claim, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
DESK = {"width": 1200, "height": 900}
TABS = ("overview", "hearings", "orders", "parties", "documents", "notes", "history")


@pytest.fixture
def legal(org):
    return make_user(organisation=org, role="legal")


@pytest.fixture
def busy_case(org, places, legal):
    """A writ with a Bengali court name, a hearing ahead, a stay in force, parties, a lawyer,
    a claim, a note and a task: every tab of its page has something in it."""
    today = timezone.localdate()
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    case = make_case(
        organisation=org,
        district=places.district_a,
        number="364",
        year=2017,
        court_name="High Court Division, Dhaka",
        court_name_bn="হাইকোর্ট বিভাগ, ঢাকা",
        claims=[claim],
        filed_on=today.replace(year=2017, month=3, day=1),
    )
    Lawyer.objects.create(organisation=org, name="Advocate Sara Hossain").cases.add(case)
    case_add_party(case=case, name="Karimpur Bhumihin Samity", role="petitioner", side="ours")
    case_add_party(case=case, name="Deputy Commissioner, Tangail", role="respondent", side="theirs")
    hearing_schedule(
        case=case, on=today + timedelta(days=3), purpose="hearing on the rule", by=None
    )
    interim_order_record(
        case=case, kind="stay", made_on=today - timedelta(days=5), by=None, text="Status quo."
    )
    case_note_add(case=case, written_on=today, text="Certified copy applied for.", by=None)
    case_task_add(
        case=case, title="Collect the certified copy", assignee=legal, due_on=today, by=None
    )
    return case


def _check(page, name: str, lang: str) -> None:
    """The page as it is now, at 390 px then on a desk."""
    page.set_viewport_size(PHONE)
    assert_page_fits_and_passes_axe(page, f"{name}-{lang}-phone")
    page.set_viewport_size(DESK)
    screenshot(page, f"{name}-{lang}-desktop")


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_the_legal_pages_fit_a_phone_and_pass_axe(
    page, live_server, legal, busy_case, lang
) -> None:
    day = timezone.localdate() + timedelta(days=3)
    log_in(page, live_server, legal.username, PASSWORD)
    page.goto(f"{live_server.url}/cases/")
    if lang == "bn":
        page.click("form.lang button[value=bn]")
        page.wait_for_load_state()
    title = "রিট পিটিশন নং 364/2017" if lang == "bn" else "Writ Petition No. 364 of 2017"
    assert title in page.locator("table.case-list").inner_text()
    _check(page, "cases-list", lang)

    page.goto(f"{live_server.url}/cases/{busy_case.pk}/")
    assert page.locator("h1").inner_text() == title
    court = "হাইকোর্ট বিভাগ, ঢাকা" if lang == "bn" else "High Court Division, Dhaka"
    assert court in page.locator(".case-head .court").inner_text()
    page.set_viewport_size(PHONE)
    for tab in TABS:
        page.click(f"#tab-{tab}-tab")
        pane = page.locator(f"#tab-{tab}")
        pane.wait_for(state="visible")
        assert_page_fits_and_passes_axe(page, f"case-{tab}-{lang}-phone")
    page.set_viewport_size(DESK)
    page.click("#tab-overview-tab")
    screenshot(page, f"case-{lang}-desktop")

    page.goto(f"{live_server.url}/cases/new/")
    _check(page, "case-new", lang)

    page.goto(f"{live_server.url}/calendar/?view=month&date={day.isoformat()}")
    page.set_viewport_size(PHONE)
    assert page.locator(".month-agenda").is_visible()  # a list of days, not a grid, on a phone
    assert title in page.locator(".month-agenda").inner_text()
    _check(page, "calendar-month", lang)
    page.goto(f"{live_server.url}/calendar/")
    _check(page, "calendar-week", lang)

    page.goto(f"{live_server.url}/calendar/cause-list/?date={day.isoformat()}")
    assert court in page.locator("section.court h2").inner_text()
    _check(page, "cause-list", lang)

    page.goto(f"{live_server.url}/cases/{busy_case.pk}/#documents")
    page.locator("#form-document").wait_for(state="visible")
    page.eval_on_selector("#form-document", "form => { form.noValidate = true; }")
    with page.expect_navigation():
        page.click("#form-document button[type=submit]")  # no file: refused, on its own page
    assert page.locator("#form-document").is_visible()
    _check(page, "document-upload", lang)
