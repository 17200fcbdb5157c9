"""Issue 21's Done-when as one browser journey, as an organiser in Chromium, in English and in
Bangla: record a Friday meeting's rice collection for a group, a withdrawal for a collective
investment, a training with the group's attendance, and a sit-in linked to the group's claim;
then find each of them on the group's page, the claim's timeline and the dashboard's "Groups
and their work" figures. Each part's own phone journey is in test_<part>_journey.py."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from landclaims.actions.models import Action
from landclaims.core.text import bengali_digits
from landclaims.training.models import TrainingEvent
from tests.browser.conftest import log_in, settle
from tests.browser.pages import assert_page_fits_and_passes_axe
from tests.factories import make_claim, make_user
from tests.savings.ledger import assert_ledger_balances

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


def _day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _fridays_before(today: date) -> tuple[date, date]:
    """The last two Fridays before today: the dashboard's figures are as of today."""
    last = today - timedelta(days=(today.weekday() - 4) % 7 or 7)
    return last - timedelta(days=7), last


def _submit(page: Any, form: str) -> None:
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")
    settle(page)


def _open_tab(page: Any, tab: str, pane: str) -> None:
    page.click(f"#tab-{tab}")
    page.wait_for_selector(f"#{pane}.active")


def _cell(page: Any, row: str, column: int) -> str:
    """The text of one figure of the dashboard's "Groups and their work" section."""
    return page.locator(f"#work tr[data-row='{row}'] td").nth(column).inner_text().strip()


@pytest.mark.parametrize("language", ["en", "bn"])
def test_an_organiser_records_a_groups_work_and_finds_it_everywhere(
    page: Any, live_server: Any, org: Any, places: Any, settings: Any, language: str
) -> None:
    settings.MAP_BASEMAP_URL = ""  # nothing from another host
    page.set_viewport_size({"width": 1200, "height": 900})
    digits = bengali_digits if language == "bn" else str
    url = live_server.url
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    group = claim.groups.get()
    first_friday, second_friday = _fridays_before(date.today())
    log_in(page, live_server, make_user(organisation=org, role="organiser").username, PASSWORD)
    if language == "bn":
        page.click("header form.lang button[value=bn]")
        page.wait_for_selector('html[lang="bn"]')

    # A Friday's rice: 12.5 kg sold at 62.50 taka a kg is 781.25 taka.
    page.goto(f"{url}/groups/{group.pk}/")
    settle(page)
    _open_tab(page, "savings", "group-savings")
    with page.expect_navigation():
        page.click("#record-savings-meeting")
    page.fill("[name=met_on]", _day(first_friday))
    page.keyboard.press("Escape")
    page.fill("[name=rice_kg]", "১২.৫")
    page.fill("[name=rice_price_taka]", "62.50")
    _submit(page, "#savings-meeting-form")
    # The next Friday, 500 taka of it goes into a collective investment.
    with page.expect_navigation():
        page.click("#record-meeting")
    page.fill("[name=met_on]", _day(second_friday))
    page.keyboard.press("Escape")
    page.select_option("[name=use_kind]", "investment")
    page.fill("[name=use_taka]", "500")
    page.fill("[name=purpose]", "যৌথ সবজি চাষের বীজ")
    _submit(page, "#savings-meeting-form")
    assert digits("281.25") in page.locator("#savings-balance").inner_text()
    assert assert_ledger_balances(group) == 28_125

    # A basic training the group's women attended.
    page.goto(f"{url}/trainings/new/")
    page.fill("[name=title]", "Rights awareness")
    page.select_option("[name=tier]", "basic")
    page.check("input[name=topics][value=rights_awareness]")
    page.fill("[name=started_on]", _day(second_friday))
    page.keyboard.press("Escape")
    page.select_option("[name=district]", str(places.district_a.pk))
    _submit(page, "#training-form")
    training = TrainingEvent.objects.get()
    page.locator(f".attendance-row[data-group='{group.pk}'] input[name$=-women]").fill("14")
    _submit(page, "#attendance-form")

    # A sit-in at the AC Land's office, from the claim's timeline.
    page.goto(f"{url}/claims/{claim.pk}/")
    settle(page)
    _open_tab(page, "timeline", "pane-timeline")
    with page.expect_navigation():
        page.click("#record-action")
    page.select_option("[name=kind]", "sit_in")
    page.fill("[name=took_place_on]", _day(second_friday))
    page.keyboard.press("Escape")
    page.fill("[name=women]", "42")
    page.fill("[name=men]", "9")
    page.fill("[name=authority]", "AC Land")
    _submit(page, "#action-form")
    sit_in = Action.objects.get()

    # The claim's timeline shows the sit-in.
    page.goto(f"{url}/claims/{claim.pk}/")
    settle(page)
    _open_tab(page, "timeline", "pane-timeline")
    assert page.locator(f"#action-timeline [data-action='{sit_in.pk}']").is_visible()

    # The group's page tells it all: the savings, the training's tier, the sit-in.
    page.goto(f"{url}/groups/{group.pk}/")
    settle(page)
    story = page.locator("#group-story")
    assert digits("281.25") in story.locator("[data-story=savings]").inner_text()
    assert story.locator("[data-story=training] .badge").count() == 1
    assert story.locator("[data-story=claims] strong").inner_text() == digits("1")
    _open_tab(page, "savings", "group-savings")
    assert digits("281.25") in page.locator("#group-savings").inner_text()
    _open_tab(page, "training", "group-training")
    assert page.locator("#tier-reached [data-tier=basic]").is_visible()
    assert page.locator(f"#group-trainings [data-training='{training.pk}']").count() == 1
    _open_tab(page, "actions", "group-actions")
    assert page.locator(f"#action-timeline [data-action='{sit_in.pk}']").is_visible()
    assert_page_fits_and_passes_axe(page, f"group-work-{language}")

    # The dashboard's figures count them: savings of women's groups, the women trained at the
    # basic tier, and the sit-in with the women and men who took part.
    page.goto(f"{url}/dashboard/")
    settle(page)
    assert _cell(page, "savings-women", 0) == digits("1")
    assert _cell(page, "savings-women", 1) == digits("281.25")
    assert _cell(page, "savings-women", 6) == digits("500.00")
    assert _cell(page, "basic", 0) == digits("1")
    assert _cell(page, "basic", 1) == digits("14")
    assert (_cell(page, "sit_in", 0), _cell(page, "sit_in", 1)) == (digits("1"), digits("42"))
    assert_page_fits_and_passes_axe(page, f"dashboard-work-{language}")
