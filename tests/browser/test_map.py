"""The map page in a real browser (Debian's chromium) over the demo data: vector tiles from
PostGIS drawn by Leaflet.VectorGrid as SVG, a stage filter, a parcel's popup, and nothing
loaded from any other host (the basemap is switched off)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model

from landclaims.claims.stages import Stage, phase_of
from landclaims.maps.embed import PHASE_COLOURS
from landclaims.maps.selectors import DETAIL_ZOOM
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea
from tests.browser.conftest import log_in
from tests.demo_data import seed_demo
from tests.maps.helpers import leading_stage

pytestmark = pytest.mark.django_db(transaction=True)

REPO_SCREENSHOTS = Path(__file__).parent / "screenshots"
DRAWN = ".leaflet-tile-container path"
# Parcel shapes are filled at 0.75 (landmap.js parcelStyle); area circles at 0.8, court
# orders at 0.25, and boundaries are not filled.
PARCEL_SHAPES = f'{DRAWN}[fill-opacity="0.75"]'
WAIT_MS = 20_000


@pytest.fixture
def demo(settings) -> None:
    settings.MAP_BASEMAP_URL = ""  # no basemap: the map must draw from our tiles alone
    seed_demo()


@pytest.fixture
def watched(page) -> dict[str, list[Any]]:
    """Console errors, uncaught exceptions and every URL the page asks for."""
    seen: dict[str, list[Any]] = {"errors": [], "requests": []}

    def on_console(message: Any) -> None:
        # The site has no favicon; chromium's own request for one is not the map's doing.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            seen["errors"].append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen["errors"].append(f"pageerror: {error}"))
    page.on("request", lambda request: seen["requests"].append(request.url))
    return seen


def screenshot(page: Any, tmp_path: Path, name: str) -> None:
    page.screenshot(path=tmp_path / name)
    if REPO_SCREENSHOTS.is_dir():
        page.screenshot(path=REPO_SCREENSHOTS / name)


def wait_until_drawn(page: Any, selector: str = DRAWN) -> int:
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "selector => document.querySelectorAll(selector).length > 0", arg=selector, timeout=WAIT_MS
    )
    return page.locator(selector).count()


def fill_colours(page: Any) -> set[str]:
    return set(
        page.eval_on_selector_all(PARCEL_SHAPES, "paths => paths.map(p => p.getAttribute('fill'))")
    )


def busiest_mixed_mouza(user: Any) -> tuple[AdminArea, str, dict[int, str]]:
    """The mouza with most mapped parcels whose leading claims are in more than one phase,
    and a stage its parcels are at that leaves some parcels out."""
    parcels = Parcel.objects.visible_to(user).exclude(geom=None).select_related("mouza")
    by_mouza = Counter(p.mouza_id for p in parcels)
    for mouza_id, _n in by_mouza.most_common(30):
        stages = {p.pk: leading_stage(p, user) for p in parcels.filter(mouza_id=mouza_id)}
        phases = {phase_of(stage) for stage in stages.values()}
        if len(phases) < 2:
            continue
        stage, _count = Counter(s for s in stages.values() if s).most_common(1)[0]
        return AdminArea.objects.get(pk=mouza_id), stage, stages
    raise AssertionError("no demo mouza has parcels in two phases")


def test_the_map_draws_filters_and_opens_a_parcel(page, live_server, demo, watched, tmp_path):
    organiser = get_user_model().objects.get(username="organiser")
    mouza, stage, stages = busiest_mixed_mouza(organiser)

    log_in(page, live_server, "organiser", django_settings.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/map/")
    # The whole country: one circle per upazila with parcels.
    assert wait_until_drawn(page) > 0
    assert page.evaluate("window.LandMap.map.getZoom()") < DETAIL_ZOOM
    screenshot(page, tmp_path, "map-country.png")

    # Zoomed to one mouza, the parcels themselves.
    page.goto(f"{live_server.url}/map/?area={mouza.pk}")
    before = wait_until_drawn(page, PARCEL_SHAPES)
    assert page.evaluate("window.LandMap.map.getZoom()") >= DETAIL_ZOOM
    colours_before = fill_colours(page)
    assert colours_before == {PHASE_COLOURS[phase_of(s)] for s in stages.values()}
    screenshot(page, tmp_path, "map-mouza.png")

    # The stage filter, chosen in the form.
    page.select_option("select[name=stage]", stage)
    with page.expect_navigation():
        page.click("form.map-filters button[type=submit]")
    query = parse_qs(urlsplit(page.url).query)
    assert query["stage"] == [stage]
    assert query["area"] == [str(mouza.pk)]
    after = wait_until_drawn(page, PARCEL_SHAPES)
    assert 0 < after < before
    assert fill_colours(page) == {PHASE_COLOURS[phase_of(stage)]}
    assert fill_colours(page) != colours_before
    screenshot(page, tmp_path, "map-filtered.png")

    # A click on a parcel opens its popup, filled from the server.
    point = page.evaluate(
        """selector => {
            for (const path of document.querySelectorAll(selector)) {
                const box = path.getBoundingClientRect();
                const x = box.left + box.width / 2, y = box.top + box.height / 2;
                if (document.elementFromPoint(x, y) === path) { return [x, y]; }
            }
            return null;
        }""",
        PARCEL_SHAPES,
    )
    assert point is not None, "no parcel shape can be clicked at its centre"
    page.mouse.click(*point)
    popup = page.locator(".leaflet-popup-content .popup")
    popup.wait_for(timeout=WAIT_MS)
    # A function, not an expression: Playwright evals expressions, which the CSP refuses.
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'"
    )
    assert mouza.name_en in popup.inner_text()
    # Every parcel drawn is at the chosen stage, so the popup names it.
    assert str(Stage(stage).label) in popup.inner_text()
    screenshot(page, tmp_path, "map-popup.png")

    assert watched["errors"] == []
    tiles = [url for url in watched["requests"] if "/tiles/parcels/" in url]
    assert tiles, "the page asked for no parcel tiles"
    elsewhere = [url for url in watched["requests"] if not url.startswith(live_server.url)]
    assert elsewhere == []
