"""Issue 19's incident journey in a real browser at phone width, in English and in Bangla: an
organiser records an incident from a parcel's page with the point picked on the map, then
finds it in the incidents list, on the claim's and the group's timelines and on the map."""

from __future__ import annotations

from typing import Any

import pytest

from landclaims.incidents.models import Incident
from tests.browser.conftest import log_in
from tests.factories import make_claim, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
# The incidents layer's points: white fill, dark red outline (static/js/landmap.js).
INCIDENT_POINTS = '.leaflet-tile-container path[fill="#ffffff"][stroke="#7f0000"]'
HEADINGS = {"en": "Record an incident", "bn": "ঘটনা লিপিবদ্ধ করুন"}


def _no_sideways_scroll(page: Any) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _go(page: Any, url: str) -> None:
    page.goto(url)
    assert _no_sideways_scroll(page), url


@pytest.mark.parametrize("language", ["en", "bn"])
def test_an_incident_is_recorded_on_a_parcel_and_found_everywhere(
    page, live_server, org, places, settings, language
):
    settings.MAP_BASEMAP_URL = ""  # the maps draw from our own tiles alone
    page.set_viewport_size({"width": 390, "height": 844})
    url = live_server.url
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    group, parcel = claim.groups.get(), claim.parcels.get()
    organiser = make_user(organisation=org, role="organiser")
    log_in(page, live_server, organiser.username, PASSWORD)
    if language == "bn":
        page.click("form.lang button[value=bn]")
        page.wait_for_load_state()

    # From the parcel's page, with the point picked on the small map.
    _go(page, f"{url}/parcels/{parcel.pk}/")
    with page.expect_navigation():
        page.click("#record-incident")
    assert HEADINGS[language] in page.locator("h1").inner_text()
    assert _no_sideways_scroll(page)
    assert page.locator("[name=parcel]").input_value() == str(parcel.pk)
    page.select_option("[name=kind]", "crop_destruction")
    page.fill("[name=occurred_on]", "০৫/০৫/২০২৪")
    page.wait_for_selector("#incident-map[data-ready=yes]")
    page.locator("#incident-map").click(position={"x": 120, "y": 90})
    assert page.locator("[name=lat]").input_value() != ""
    page.fill("[name=women_affected]", "৩")
    page.fill("[name=men_affected]", "1")
    page.fill("[name=perpetrators]", "The chairman's men")
    with page.expect_navigation():
        page.click("#incident-form button[type=submit]")

    incident = Incident.objects.get()
    assert page.url.endswith(f"/incidents/{incident.pk}/")
    assert (incident.parcel, incident.claim, incident.women_affected) == (parcel, claim, 3)
    assert incident.location is not None
    assert incident.location.distance(parcel.geom.centroid) < 0.01  # near the parcel, in degrees
    assert _no_sideways_scroll(page)

    # In the list, on the claim's and the group's timelines (those pages are other parts').
    _go(page, f"{url}/incidents/")
    assert page.locator(f"#incidents [data-incident='{incident.pk}']").count() == 1
    page.goto(f"{url}/claims/{claim.pk}/")
    assert page.locator(f"#incident-timeline [data-incident='{incident.pk}']").count() == 1
    page.goto(f"{url}/groups/{group.pk}/")
    assert page.locator(f"#incident-timeline [data-incident='{incident.pk}']").count() == 1

    # On the map's incidents layer.
    page.goto(f"{url}/map/?claim={claim.pk}")
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "s => document.querySelectorAll(s).length > 0", arg=INCIDENT_POINTS, timeout=20_000
    )
