"""The dashboard in a real browser (Debian's chromium) over the demo data, in English and in
Bangla: screenshots of both, the figures present in both, the choropleth drawn, nothing
fetched from another host, and no untranslated text on the Bangla page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from landclaims.core.text import ascii_digits
from landclaims.dashboard.selectors import DashboardFilters, dashboard
from tests.browser.conftest import log_in
from tests.demo_data import seed_demo

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
# An upazila drawn on the choropleth. Any visible one: a small upazila's outline can be a
# sliver of no visible size at the zoom that fits them all.
SHADED = ".leaflet-overlay-pane path >> visible=true"
# Latin words allowed on the Bangla page: file formats, abbreviations written in Latin
# letters in Bengali documents too, and the map library's credit.
ALLOWED_LATIN = frozenset(
    {"XLSX", "CSV", "DC", "DCR", "UNO", "AC", "GR", "CR", "CrPC", "NHRC", "Leaflet", "s"}
)
# Every visible text node of <main>, except inside form controls (an organisation's
# English name may be an option), scripts, and the map library's scale bar and credit.
VISIBLE_TEXT = """main => {
  const SKIPPED = 'script, style, select, option, title, desc, '
    + '.leaflet-control-scale, .leaflet-control-attribution';
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const texts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(SKIPPED)) continue;
    if (!parent.checkVisibility()) continue;
    const text = node.textContent.trim();
    if (text) texts.push(text);
  }
  return texts;
}"""


@pytest.fixture
def demo(settings: Any) -> Any:
    settings.MAP_BASEMAP_URL = ""  # nothing from another host: the map draws our layer alone
    seed_demo()
    user = get_user_model().objects.get(username="organiser")
    user.set_password(PASSWORD)
    user.save()
    return user


def untranslated(texts: list[str]) -> list[str]:
    """Text nodes holding Latin words outside the allow-list."""
    return [
        text
        for text in texts
        if any(word not in ALLOWED_LATIN for word in re.findall(r"[A-Za-z]+", text))
    ]


def figure(page: Any, key: str) -> str:
    """A summary figure as digits and grouping only, whatever script it is written in."""
    return ascii_digits(page.locator(f'[data-figure="{key}"]').inner_text()).replace(",", "")


def test_the_dashboard_in_english_and_in_bangla(
    page: Any, live_server: Any, demo: Any, tmp_path: Path
) -> None:
    board = dashboard(user=demo, filters=DashboardFilters())
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    errors: list[str] = []
    page.on(
        "console",
        lambda m: (
            errors.append(f"{m.text} {m.location.get('url')}")
            if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico")
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server, demo.username, PASSWORD)
    page.goto(f"{live_server.url}/dashboard/")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=tmp_path / "dashboard-en.png", full_page=True)
    assert errors == [], errors
    page.wait_for_selector(SHADED)
    assert figure(page, "claims") == str(board.claims)
    assert figure(page, "open_cases") == str(board.open_case_total)
    assert page.locator("svg.chart").count() == 4  # land, funnel, incidents, savings
    shaded = page.locator(".leaflet-overlay-pane path").count()
    assert shaded == len([u for u in board.upazilas if u.geojson])

    page.click('header form.lang button[value="bn"]')
    page.wait_for_selector('html[lang="bn"]')
    page.wait_for_selector(SHADED)
    page.screenshot(path=tmp_path / "dashboard-bn.png", full_page=True)
    assert (tmp_path / "dashboard-bn.png").stat().st_size > 0
    assert page.locator("h1").inner_text() == "ড্যাশবোর্ড"
    assert figure(page, "claims") == str(board.claims)
    assert figure(page, "incidents") == str(board.incidents.total)
    texts = page.eval_on_selector("main", VISIBLE_TEXT)
    assert len(texts) > 100
    assert untranslated(texts) == []
    assert all(url.startswith(live_server.url) for url in requested)
