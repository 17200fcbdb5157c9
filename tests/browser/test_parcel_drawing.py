"""Issue 19's parcel journey in a real browser at phone width, in English and in Bangla: an
organiser draws a parcel by clicking on the map, sees its area, saves it and finds it on its
page; a crossed boundary is refused beside the map and nothing is saved; a parcel recorded
from paper gets its boundary from a GPX walk on its edit page."""

from __future__ import annotations

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import MultiLineString

from landclaims.parcels.models import Parcel
from landclaims.parcels.services import parcel_create
from tests.browser.conftest import log_in
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
TEXT = {
    "en": {"area": "acre", "refused": "crosses itself", "walk": "GPS walk"},
    "bn": {"area": "একর", "refused": "নিজেকেই কেটে গেছে", "walk": "GPS walk"},
}


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _draw(page, corners, east: float = 0.0) -> None:
    """Click the polygon tool, then each corner (fractions of the map box), then the first;
    `east` (degrees) moves the view away from parcels already drawn, so nothing snaps."""
    lat, lon = _centre(page)
    page.evaluate(
        "([lat, lon]) => window.ParcelDraw.map.setView([lat, lon], 17, { animate: false })",
        [lat, lon + east],
    )
    page.click(".leaflet-pm-icon-polygon")
    box = page.locator("#draw-map").bounding_box()
    for fx, fy in [*corners, corners[0]]:
        page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)


def _centre(page) -> list[float]:
    data = page.locator("#draw-map")
    return [float(data.get_attribute("data-lat")), float(data.get_attribute("data-lon"))]


def _reference(page, dag: str) -> None:
    page.fill("[name=mouza_name]", "Tangail")
    page.select_option("[name=survey]", "RS")
    page.fill("[name=dag_nos]", dag)
    page.fill("[name=other_dags]", "CS ৫৫")
    page.select_option("[name=land_class]", "agri_khas")


@pytest.mark.parametrize("language", ["en", "bn"])
def test_a_parcel_is_drawn_refused_when_crossed_and_walked_later(
    page, live_server, settings, org, places, language, tmp_path
):
    settings.MAP_BASEMAP_URL = ""  # nothing from another host: the map draws our shapes alone
    page.set_viewport_size({"width": 390, "height": 900})
    errors: list[str] = []
    # A refused form answers 400 and the favicon 404: the console reports those as failed
    # loads; anything else (a script error, a CSP refusal) fails the test.
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    words = TEXT[language]
    organiser = make_user(organisation=org, role="organiser", districts=[places.district_a])
    log_in(page, live_server, organiser.username, PASSWORD)
    if language == "bn":
        page.click("form.lang button[value=bn]")
        page.wait_for_load_state()

    # Drawn on the map, with its area shown while drawing.
    page.goto(f"{live_server.url}/parcels/new/")
    assert _no_sideways_scroll(page)
    _reference(page, "৪১")
    _draw(page, [(0.4, 0.3), (0.8, 0.3), (0.8, 0.7), (0.4, 0.7)])
    assert words["area"] in page.locator("#draw-area-value").inner_text()
    with page.expect_navigation():
        page.click("#parcel-save")
    parcel = Parcel.objects.get()
    assert page.url.endswith(f"/parcels/{parcel.pk}/")
    assert parcel.geom_source == "drawn" and parcel.geom is not None
    assert "CS 55" in page.locator("#dags").inner_text()
    assert _no_sideways_scroll(page)

    # A crossed boundary: refused beside the map, nothing saved.
    page.goto(f"{live_server.url}/parcels/new/")
    _reference(page, "42")
    page.fill("[name=other_dags]", "")
    # Away from the toolbar (its tooltip takes clicks beside it).
    _draw(page, [(0.4, 0.4), (0.9, 0.9), (0.9, 0.4), (0.4, 0.9)], east=0.01)
    with page.expect_navigation():
        page.click("#parcel-save")
    assert words["refused"] in page.locator(".parcel-draw-side #boundary-refused").inner_text()
    assert Parcel.objects.count() == 1
    assert _no_sideways_scroll(page)

    # A parcel from paper gets its boundary from a GPX walk on its edit page.
    fields = {"survey": "RS", "dag_nos": ["77"], "land_class": "agri_khas"}
    paper = parcel_create(organisation=org, mouza=places.mouza_a, **fields).parcel
    lon, lat = places.mouza_a.centre.coords
    lon += 0.01  # away from the drawn parcel
    ring = [(lon, lat), (lon + 0.001, lat), (lon + 0.001, lat + 0.001), (lon, lat + 0.001)]
    walk = gpd.GeoDataFrame({"name": ["walk"]}, geometry=[MultiLineString([ring])], crs=4326)
    pyogrio.write_dataframe(walk, tmp_path / "walk.gpx", driver="GPX", layer="tracks")
    page.goto(f"{live_server.url}/parcels/{paper.pk}/")
    with page.expect_navigation():
        page.click("#edit-parcel")
    page.set_input_files("[name=boundary_file]", str(tmp_path / "walk.gpx"))
    with page.expect_navigation():
        page.click("#parcel-save")
    assert page.locator("#file-preview").is_visible()
    assert page.locator("#draw-map .leaflet-interactive").count() >= 1  # the walk on the map
    paper.refresh_from_db()
    assert paper.geom is None
    with page.expect_navigation():
        page.click("#parcel-save")
    paper.refresh_from_db()
    assert paper.geom_source == "gps_walk"
    assert page.url.endswith(f"/parcels/{paper.pk}/")
    assert _no_sideways_scroll(page)
    assert errors == []  # no script error, nothing the Content-Security-Policy blocked
