"""The dashboard's "Groups and their work" at 390 px, in English and in Bangla, as the staff
of a network: the section fits the phone, axe-core finds nothing, its figures are the
selectors' (the partners' totals included) and the Bangla section has no English left."""

from __future__ import annotations

from typing import Any

import pytest

from landclaims.core.text import ascii_digits
from landclaims.dashboard.counting import DashboardFilters
from landclaims.dashboard.work import work_figures
from tests.browser.conftest import log_in, settle
from tests.browser.pages import PHONE, assert_page_fits_and_passes_axe
from tests.browser.test_dashboard import VISIBLE_TEXT, untranslated
from tests.dashboard.work_world import build_work_world
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


def _cell(page: Any, row: str, column: int) -> str:
    cell = page.locator(f'#work tr[data-row="{row}"] td').nth(column)
    return ascii_digits(cell.inner_text()).replace(",", "")


@pytest.mark.parametrize("language", ["en", "bn"])
def test_groups_and_their_work_on_a_phone(
    page: Any, live_server: Any, places: Any, settings: Any, language: str
) -> None:
    settings.MAP_BASEMAP_URL = ""  # nothing from another host
    world = build_work_world(places)
    user = make_user(organisation=world.network, role="monitor")
    work = work_figures(user=user, filters=DashboardFilters(), today=_today())
    page.set_viewport_size(PHONE)
    log_in(page, live_server, user.username, PASSWORD)
    if language == "bn":
        page.click('header form.lang button[value="bn"]')
        page.wait_for_selector('html[lang="bn"]')
    page.goto(f"{live_server.url}/dashboard/#work")
    settle(page)
    assert page.locator('nav.section-nav a[href="#work"]').count() == 1
    everything = next(r for r in work.savings.rows if r.key == "all")
    assert _cell(page, "savings-all", 0) == str(everything.saving_groups)
    assert _cell(page, "cooperatives", 0) == str(work.cooperatives.cooperatives)
    assert page.locator("#work svg.chart title#savings-chart-title").count() == 1
    assert_page_fits_and_passes_axe(page, f"dashboard-work-{language}-phone")
    if language == "bn":
        texts = page.eval_on_selector("#work", VISIBLE_TEXT)
        assert len(texts) > 50
        assert untranslated(texts) == []


def _today() -> Any:
    from django.utils import timezone

    return timezone.localdate()
