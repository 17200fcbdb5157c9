"""Issue 18's intake journey in a real browser, at desktop and phone width: legal staff open
a writ from a claim's page with a party of the other side and a lawyer, then file an appeal
from the decided case and find the chain both ways."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from landclaims.cases.models import LegalCase
from landclaims.cases.services import case_record_judgment, lawyer_create
from landclaims.core.text import bengali_digits
from tests.browser.conftest import log_in
from tests.factories import make_case, make_claim, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


# At desktop width the same journey is part of tests/browser/test_case_journey.py.
@pytest.mark.parametrize("width", [390])
def test_a_writ_is_opened_from_a_claim_and_appealed(page, live_server, org, places, width):
    page.set_viewport_size({"width": width, "height": 900})
    today = timezone.localdate()
    filed_on = today - timedelta(days=400)
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    lawyer_create(organisation=org, name="Advocate Sara Hossain", by=None)
    legal = make_user(organisation=org, role="legal")
    log_in(page, live_server, legal.username, PASSWORD)

    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    page.click("#tab-cases")  # the claim's page is in tabs
    page.click("#open-case")
    page.wait_for_load_state()
    assert _no_sideways_scroll(page)
    assert page.locator("#field-police_station").is_hidden()  # a writ has no police case
    page.select_option("[name=case_type]", "writ")
    page.select_option("[name=forum_level]", "high_court_division")
    assert page.locator("#field-bench").is_visible()
    page.fill("[name=court_name]", "High Court Division")
    page.fill("[name=number]", "৩৬৪")
    page.fill("[name=filed_on]", bengali_digits(filed_on.strftime("%d/%m/%Y")))
    assert page.locator("#display-no").inner_text() == (  # the number and year as typed
        f"Writ Petition No. ৩৬৪ of {bengali_digits(str(filed_on.year))}"
    )
    page.select_option("[name=party-0-side]", "theirs")
    page.select_option("[name=party-0-role]", "respondent")
    page.fill("[name=party-0-name]", "Deputy Commissioner, Tangail")
    # The lawyers are a type-ahead (Tom Select): type part of the name, pick it.
    page.click("#id_lawyers-ts-control")
    page.keyboard.type("Sara")
    page.locator(".ts-dropdown .option", has_text="Advocate Sara Hossain").click()
    with page.expect_navigation():
        page.click("#case-form button[type=submit]")

    case = LegalCase.objects.get()
    assert page.url.endswith(f"/cases/{case.pk}/")
    assert page.locator("h1").inner_text() == f"Writ Petition No. 364 of {filed_on.year}"
    assert "Deputy Commissioner, Tangail" in page.locator(".parties .theirs").inner_text()
    assert "Advocate Sara Hossain" in page.locator("#tab-overview .facts").inner_text()
    assert _no_sideways_scroll(page)

    case_record_judgment(case=case, on=today - timedelta(days=10), outcome="against_us", by=None)
    page.reload()
    page.click("#file-appeal")
    page.wait_for_load_state()
    assert _no_sideways_scroll(page)
    page.select_option("[name=appeal-case_type]", "civil_leave_petition")
    page.fill("[name=appeal-court_name]", "Appellate Division")
    page.fill("[name=appeal-number]", "৭৮")
    page.fill("[name=appeal-filed_on]", (today - timedelta(days=2)).strftime("%d/%m/%Y"))
    with page.expect_navigation():
        page.click("#case-form button[type=submit]")

    higher = LegalCase.objects.get(parent=case)
    assert page.url.endswith(f"/cases/{higher.pk}/")
    chain = page.locator("#appeals").inner_text()
    assert case.display_no in chain
    assert "Deputy Commissioner, Tangail" in page.locator(".parties .theirs").inner_text()
    assert _no_sideways_scroll(page)
    page.click(f"#appeals a[href='/cases/{case.pk}/']")
    page.wait_for_load_state()
    assert higher.display_no in page.locator("#appeals").inner_text()
    assert "On appeal" in page.locator("#case-status").inner_text()


def test_the_intake_pages_fit_a_phone_in_bangla(page, live_server, org, places) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    today = timezone.localdate()
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    case = make_case(
        organisation=org,
        district=places.district_a,
        case_type="civil_suit",
        forum_level="joint_district_judge",
        court_name="Joint District Judge, Tangail",
        filed_on=today - timedelta(days=300),
        year=(today - timedelta(days=300)).year,
    )
    case_record_judgment(case=case, on=today - timedelta(days=5), outcome="against_us", by=None)
    lawyer_create(organisation=org, name="Advocate Sara Hossain", by=None)
    legal = make_user(organisation=org, role="legal")
    log_in(page, live_server, legal.username, PASSWORD)
    page.click("form.lang button[value=bn]")
    page.wait_for_load_state()

    for path, heading in [
        (f"/cases/new/?claim={claim.pk}", "মামলা খুলুন"),
        (f"/cases/{case.pk}/edit/", "সম্পাদনা"),
        (f"/cases/{case.pk}/appeal/", "আপিল, রিভিশন বা লিভ পিটিশন দায়ের"),
        ("/cases/lawyers/new/", "আইনজীবী যোগ করুন"),
    ]:
        page.goto(f"{live_server.url}{path}")
        assert heading in page.locator("h1").inner_text(), path
        assert _no_sideways_scroll(page), path
