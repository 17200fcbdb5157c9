"""Issue 21's savings journey in a real browser at phone width, in English and in Bangla: an
organiser opens a group's savings tab, records a Friday's rice collection, next Friday a
withdrawal for a collective investment, corrects the rice's weight from the ledger, and sees
the balance. Every page fits the phone and axe-core finds nothing on it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from landclaims.core.text import bengali_digits
from landclaims.savings.models import SavingsEntry
from tests.browser.conftest import log_in, settle
from tests.browser.pages import PHONE, assert_page_fits_and_passes_axe
from tests.factories import make_group, make_user
from tests.savings.ledger import assert_ledger_balances

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
# The balance after each step: 12.5 kg at 62.50 (781.25), 500 invested, the rice corrected
# to 10 kg at 60 (600).
BALANCES = {
    "en": ("781.25", "281.25", "100.00"),
    "bn": tuple(bengali_digits(n) for n in ("781.25", "281.25", "100.00")),
}


def _submit(page: Any, form: str) -> None:
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")
    settle(page)


@pytest.mark.parametrize("language", ["en", "bn"])
def test_a_group_records_rice_an_investment_and_a_correction(
    page: Any, live_server: Any, org: Any, places: Any, settings: Any, language: str
) -> None:
    settings.MAP_BASEMAP_URL = ""  # nothing from another host
    page.set_viewport_size(PHONE)
    url = live_server.url
    group = make_group(
        organisation=org, village=places.village_a, members_women=25, meeting_day="fri"
    )
    organiser = make_user(organisation=org, role="organiser")
    log_in(page, live_server, organiser.username, PASSWORD)
    if language == "bn":
        page.click("header form.lang button[value=bn]")
        page.wait_for_selector('html[lang="bn"]')

    # The group page's savings tab, then its "Record a meeting".
    page.goto(f"{url}/groups/{group.pk}/")
    settle(page)
    page.click("#tab-savings")
    page.wait_for_selector("#group-savings.active")
    assert_page_fits_and_passes_axe(page, f"savings-tab-{language}")
    with page.expect_navigation():
        page.click("#record-savings-meeting")
    settle(page)
    assert_page_fits_and_passes_axe(page, f"savings-new-{language}")

    # A Friday's rice, typed with Bengali digits.
    page.fill("[name=met_on]", "০৩/০৫/২০২৪")
    page.keyboard.press("Escape")  # close the date picker if it opened
    page.fill("[name=members_present]", "১৮")
    page.fill("[name=rice_kg]", "১২.৫")
    page.fill("[name=rice_price_taka]", "৬২.৫০")
    page.fill("[name=decisions]", "চাল বিক্রির টাকা সমিতির তহবিলে জমা থাকবে")
    _submit(page, "#savings-meeting-form")
    assert page.url.endswith(f"/groups/{group.pk}/savings/")
    assert BALANCES[language][0] in page.locator("#savings-balance").inner_text()

    # Next Friday: most of it goes into a collective investment.
    with page.expect_navigation():
        page.click("#record-meeting")
    page.fill("[name=met_on]", "10/05/2024")
    page.keyboard.press("Escape")
    page.select_option("[name=use_kind]", "investment")
    page.fill("[name=use_taka]", "৫০০")
    page.fill("[name=purpose]", "যৌথ সবজি চাষের বীজ")
    _submit(page, "#savings-meeting-form")
    assert BALANCES[language][1] in page.locator("#savings-balance").inner_text()

    # The rice was weighed wrong: correct it from its ledger row.
    rice = SavingsEntry.objects.get(form="rice")
    with page.expect_navigation():
        page.click(f"#entry-{rice.pk} a")
    settle(page)
    assert_page_fits_and_passes_axe(page, f"savings-correct-{language}")
    page.fill("[name=rice_kg]", "১০")
    page.fill("[name=rice_price_taka]", "৬০")
    page.fill("[name=reason]", "ভেজা বস্তা সহ ওজন লেখা হয়েছিল")
    _submit(page, "#savings-correct-form")

    # The balance, the corrected entry still in the ledger, the correction beside it.
    assert BALANCES[language][2] in page.locator("#savings-balance").inner_text()
    assert page.locator(f"#entry-{rice.pk}.corrected").count() == 1
    assert page.locator("#savings-ledger tr.correction").count() == 1
    assert "যৌথ সবজি চাষের বীজ" in page.locator("#savings-ledger").inner_text()
    assert_page_fits_and_passes_axe(page, f"savings-page-{language}")
    assert SavingsEntry.objects.get(kind="correction").rice_kg == Decimal("10")
    assert assert_ledger_balances(group) == 10_000
