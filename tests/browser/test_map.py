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
from django.utils import timezone

from landclaims.cases.selectors import under_freezing_order
from landclaims.claims.stages import Stage, phase_of
from landclaims.groups.models import LandlessGroup
from landclaims.maps.colours import group_colour
from landclaims.maps.embed import PHASE_COLOURS
from landclaims.maps.selectors import DETAIL_ZOOM, MapFilters, map_parcels
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea
from tests.browser.conftest import log_in
from tests.browser.pages import assert_page_fits_and_passes_axe
from tests.browser.pages import screenshot as keep_screenshot
from tests.demo_data import seed_demo
from tests.maps.helpers import leading_stage

pytestmark = pytest.mark.django_db(transaction=True)

REPO_SCREENSHOTS = Path(__file__).parent / "screenshots"
SCRATCH = Path("/tmp/mapscratch")  # noqa: S108
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
    if SCRATCH.is_dir():
        page.screenshot(path=SCRATCH / name)
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
    country_zoom = page.evaluate("window.LandMap.map.getZoom()")
    assert country_zoom < DETAIL_ZOOM
    screenshot(page, tmp_path, "map-country.png")

    # Zoomed to one mouza, the parcels themselves.
    page.goto(f"{live_server.url}/map/?area={mouza.pk}")
    before = wait_until_drawn(page, PARCEL_SHAPES)
    assert page.evaluate("window.LandMap.map.getZoom()") >= DETAIL_ZOOM
    colours_before = fill_colours(page)
    assert colours_before == {PHASE_COLOURS[phase_of(s)] for s in stages.values()}
    screenshot(page, tmp_path, "map-mouza.png")

    # The stage filter, a checkbox: the tiles, the list and the address follow it at once.
    page.click(".map-filter-box summary")
    page.check(f"input[name=stage][value={stage}]")
    page.wait_for_function(
        """([selector, colour]) => {
            const paths = [...document.querySelectorAll(selector)];
            return paths.length > 0 && paths.every(p => p.getAttribute('fill') === colour);
        }""",
        arg=[PARCEL_SHAPES, PHASE_COLOURS[phase_of(stage)]],
        timeout=WAIT_MS,
    )
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
    # Fitted to its area before any layer was added: no tile of the whole world (zoom 1,
    # where folium opens every map) was asked for and thrown away.
    zooms = {int(urlsplit(url).path.split("/")[3]) for url in tiles}
    assert min(zooms) >= country_zoom, sorted(zooms)
    elsewhere = [url for url in watched["requests"] if not url.startswith(live_server.url)]
    assert elsewhere == []


# The map as an application (issue 20) ---------------------------------------------------------

AREA_CIRCLES = f'{DRAWN}[fill-opacity="0.8"]'
ORDER_OUTLINES = f'{DRAWN}[stroke-dasharray="5 3"]'


def _mapped_group_sharing_a_name(user: Any) -> LandlessGroup:
    """A group with parcels on the map whose name other groups share (the demo's common
    names), the case where search once gave identical lines and missed the mapped one."""
    names = Counter(LandlessGroup.objects.visible_to(user).values_list("name_bn", flat=True))
    for name, n in names.most_common():
        if n < 2:
            break
        for group in LandlessGroup.objects.visible_to(user).filter(name_bn=name):
            parcels = map_parcels(user=user, filters=MapFilters(group=group))
            if parcels.exclude(geom=None).exists():
                return group
    raise AssertionError("no demo group with a shared name has mapped parcels")


def _frozen_parcel(user: Any) -> Parcel:
    today = timezone.localdate()
    frozen = Parcel.objects.visible_to(user).filter(under_freezing_order(user=user, today=today))
    parcel = frozen.exclude(geom=None).select_related("mouza").order_by("pk").first()
    assert parcel is not None, "the demo has no mapped parcel under a stay"
    return parcel


def _click_at(page: Any, lat: float, lng: float) -> Any:
    """Click the map at a place; returns the element found there first."""
    x, y = page.evaluate(
        """([lat, lng]) => {
            const map = window.LandMap.map, box = map.getContainer().getBoundingClientRect();
            const p = map.latLngToContainerPoint([lat, lng]);
            return [box.left + p.x, box.top + p.y];
        }""",
        [lat, lng],
    )
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y)?.getAttribute('fill-opacity')",
        [x, y],
    )
    page.mouse.click(x, y)
    return hit


def _popup_text(page: Any) -> str:
    popup = page.locator(".leaflet-popup-content .popup")
    popup.wait_for(timeout=WAIT_MS)
    return popup.inner_text()


def test_the_map_as_an_organiser_uses_it(page, live_server, demo, watched, tmp_path):
    organiser = get_user_model().objects.get(username="organiser")
    group = _mapped_group_sharing_a_name(organiser)
    log_in(page, live_server, "organiser", django_settings.DEMO_PASSWORD)

    # Search a group's name: one line per group, each with its place, the mapped one first;
    # the map zooms to its parcels and the side list names the group.
    page.goto(f"{live_server.url}/map/?q={group.name_bn}")
    lines = page.locator(".map-hits li[data-kind=group]")
    texts = [" ".join(t.split()) for t in lines.all_inner_texts()]
    assert len(texts) == len(set(texts)) > 1
    first = lines.first
    assert first.locator("button.zoom-to").count() == 1  # mapped
    wait_until_drawn(page, PARCEL_SHAPES)
    page.locator("#in-view-list .in-view-group", has_text=group.name_bn).first.wait_for(
        timeout=WAIT_MS
    )

    # Colour by group: a parcel drawn in the group's colour (maps.colours, the one rule) and
    # the list shows the group with that colour.
    colour = group_colour(group.pk)
    page.check("#colour-by input[value=group]")
    page.wait_for_function(
        "([s, c]) => [...document.querySelectorAll(s)].some(p => p.getAttribute('fill') === c)",
        arg=[PARCEL_SHAPES, colour],
        timeout=WAIT_MS,
    )
    swatch = page.locator("#in-view-list .in-view-group", has_text=group.name_bn).first
    shown = swatch.locator(".in-view-swatch").evaluate("e => getComputedStyle(e).backgroundColor")
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    assert shown == f"rgb({r}, {g}, {b})"
    screenshot(page, tmp_path, "map-by-group.png")

    # Every parcel in the list is a button: from the keyboard it zooms to the parcel and
    # opens its popup.
    item = page.locator("#in-view-list button.in-view-item").first
    item.focus()
    page.keyboard.press("Enter")
    assert _popup_text(page)
    page.keyboard.press("Escape")

    # A parcel under a stay: the order's outline takes no click, the parcel's popup opens.
    frozen = _frozen_parcel(organiser)
    page.goto(f"{live_server.url}/map/?area={frozen.mouza_id}")
    wait_until_drawn(page, PARCEL_SHAPES)
    wait_until_drawn(page, ORDER_OUTLINES)
    centre = frozen.geom.point_on_surface
    under_pointer = _click_at(page, centre.y, centre.x)
    assert under_pointer == "0.75"  # the parcel's shape, not the order's outline
    text = _popup_text(page)
    assert frozen.mouza.name_en in text
    assert "in force" in text
    screenshot(page, tmp_path, "map-stay-popup.png")

    # Zoomed out, a click on an area's circle opens that area's summary.
    page.goto(f"{live_server.url}/map/")
    wait_until_drawn(page, AREA_CIRCLES)
    point = page.evaluate(
        """selector => {
            for (const path of document.querySelectorAll(selector)) {
                const box = path.getBoundingClientRect();
                const x = box.left + box.width / 2, y = box.top + box.height / 2;
                if (document.elementFromPoint(x, y) === path) { return [x, y]; }
            }
            return null;
        }""",
        AREA_CIRCLES,
    )
    assert point is not None
    page.mouse.click(*point)
    assert "Zoom to this area" in _popup_text(page)

    keep_screenshot(page, "map-en-desktop")

    # A phone: no sideways scroll, pinch-zoom on, the list behind a button.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/map/")
    wait_until_drawn(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    viewport = page.get_attribute("meta[name=viewport]", "content")
    assert "user-scalable=no" not in viewport.replace(" ", "")
    assert page.evaluate("() => window.LandMap.map.touchZoom.enabled()")
    opener = page.locator("button.map-panel-open")
    box = opener.bounding_box()
    assert box["height"] >= 44
    opener.click()
    assert page.locator("#map-panel").is_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    screenshot(page, tmp_path, "map-phone-list.png")
    assert_page_fits_and_passes_axe(page, "map-en-phone")

    # In Bangla, on the phone: the panel and its list in Bengali, still no sideways scroll.
    page.click("form.lang button[value=bn]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/map/?area={frozen.mouza_id}")
    wait_until_drawn(page, PARCEL_SHAPES)
    assert page.locator("html").get_attribute("lang") == "bn"
    assert page.locator("button.map-panel-open").inner_text() == "তালিকা দেখান"
    page.click("button.map-panel-open")
    page.wait_for_function(
        "() => /দৃশ্যমান জমি/.test(document.getElementById('in-view-count').textContent)",
        timeout=WAIT_MS,
    )
    assert page.locator("#in-view-list button.in-view-item").count() > 0
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    screenshot(page, tmp_path, "map-phone-bangla.png")
    assert_page_fits_and_passes_axe(page, "map-bn-phone")
    page.set_viewport_size({"width": 1200, "height": 900})
    keep_screenshot(page, "map-bn-desktop")

    assert watched["errors"] == []
    elsewhere = [url for url in watched["requests"] if not url.startswith(live_server.url)]
    assert elsewhere == []
