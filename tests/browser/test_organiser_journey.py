"""Issue 19's whole journey, as an organiser at a desk, in one browser session: register a
women's group with three members, draw a parcel on the map, open a claim for that group on
it, record an incident on the parcel, then find all four on the map, on the group's page and
on the dashboard.

Each step is also tested on its own at phone width in English and Bangla (the group, parcel,
claim and incident journeys); this one proves the steps meet: the claim offers the parcel
just drawn, the incident takes the claim from the parcel, the pages read what was written.
The monitor's and viewer's 403 on every write is the URL matrix's (tests/security)."""

from __future__ import annotations

from typing import Any

import pytest

from landclaims.claims.models import Claim
from landclaims.groups.models import LandlessGroup
from landclaims.incidents.models import Incident
from landclaims.parcels.models import Parcel
from tests.browser.conftest import log_in
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
PARCEL_SHAPES = '.leaflet-tile-container path[fill-opacity="0.75"]'
INCIDENT_POINTS = '.leaflet-tile-container path[fill="#ffffff"][stroke="#7f0000"]'


def _submit(page: Any, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def _register_group(page: Any, url: str) -> LandlessGroup:
    page.goto(f"{url}/groups/")
    _submit(page, "#register-group")
    page.select_option("[name=sex]", "women")
    page.fill("[name=name_bn]", "চরপাড়া ভূমিহীন নারী সমিতি")
    page.fill("[name=name_en]", "Charpara Landless Women")
    page.fill("[name=village_q]", "চরপাড়া")
    page.fill("[name=formed_on]", "১২/০৩/২০০৯")
    _submit(page, "#save-group")
    group = LandlessGroup.objects.get()
    for code in ("NK-1", "NK-2", "NK-3"):
        page.fill("#member-form [name=code]", code)
        page.select_option("#member-form [name=sex]", "female")
        _submit(page, "#add-member-button")
    assert page.locator("#member-table tbody tr[data-member]").count() == 3
    return group


def _draw_parcel(page: Any, url: str) -> Parcel:
    page.goto(f"{url}/parcels/new/")
    page.fill("[name=mouza_name]", "Tangail")
    page.select_option("[name=survey]", "RS")
    page.fill("[name=dag_nos]", "৪১")
    page.select_option("[name=land_class]", "agri_khas")
    centre = page.locator("#draw-map")
    lat, lon = (float(centre.get_attribute(f"data-{k}")) for k in ("lat", "lon"))
    page.evaluate(
        "([lat, lon]) => window.ParcelDraw.map.setView([lat, lon], 17, { animate: false })",
        [lat, lon],
    )
    page.click(".leaflet-pm-icon-polygon")
    box = centre.bounding_box()
    for fx, fy in [(0.4, 0.3), (0.8, 0.3), (0.8, 0.7), (0.4, 0.7), (0.4, 0.3)]:
        page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
    _submit(page, "#parcel-save")
    parcel = Parcel.objects.get()
    assert page.url.endswith(f"/parcels/{parcel.pk}/")
    assert parcel.geom_source == "drawn"
    return parcel


def _open_claim(page: Any, url: str, group: LandlessGroup, parcel: Parcel) -> Claim:
    page.goto(f"{url}/groups/{group.pk}/")
    _submit(page, "#open-claim")
    assert page.is_checked(f"input[name=groups][value='{group.pk}']")
    page.fill("[name=find_mouza]", "Tangail")
    page.fill("[name=find_dag]", "41")
    _submit(page, "button[name=find][value=parcel]")
    page.check(f"input[name=parcels][value='{parcel.pk}']")
    page.fill("[name=title]", "Charpara khas")
    page.fill("[name=opened_on]", "০১/০১/২০২০")
    _submit(page, "#claim-form button[name=open]")
    claim = Claim.objects.get()
    assert page.url.endswith(f"/claims/{claim.pk}/")
    assert list(claim.groups.all()) == [group] and list(claim.parcels.all()) == [parcel]
    return claim


def _record_incident(page: Any, url: str, parcel: Parcel) -> Incident:
    page.goto(f"{url}/parcels/{parcel.pk}/")
    _submit(page, "#record-incident")
    page.select_option("[name=kind]", "threat")
    page.fill("[name=occurred_on]", "০৫/০৫/২০২৪")
    page.fill("[name=women_affected]", "২")
    _submit(page, "#incident-form button[type=submit]")
    incident = Incident.objects.get()
    assert page.url.endswith(f"/incidents/{incident.pk}/")
    return incident


def test_an_organiser_records_a_group_parcel_claim_and_incident(
    page, live_server, settings, org, places
) -> None:
    settings.MAP_BASEMAP_URL = ""  # the map draws our own tiles alone
    page.set_viewport_size({"width": 1200, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    url = live_server.url
    organiser = make_user(organisation=org, role="organiser", districts=[places.district_a])
    log_in(page, live_server, organiser.username, PASSWORD)

    group = _register_group(page, url)
    parcel = _draw_parcel(page, url)
    claim = _open_claim(page, url, group, parcel)
    incident = _record_incident(page, url, parcel)
    assert (incident.parcel, incident.claim) == (parcel, claim)

    # The group's page: its three members counted, its claim and its incident.
    page.goto(f"{url}/groups/{group.pk}/")
    assert page.locator(f"a[href='/claims/{claim.pk}/']").count() >= 1
    assert page.locator(f"#incident-timeline [data-incident='{incident.pk}']").count() == 1
    group = LandlessGroup.objects.get()
    assert group.members.count() == 3

    # The dashboard counts them.
    page.goto(f"{url}/dashboard/")
    assert page.locator("[data-figure=claims]").inner_text().strip() == "1"
    assert page.locator("[data-figure=incidents]").inner_text().strip() == "1"
    women = page.locator("tr[data-row=women] td").all_inner_texts()
    assert [text.strip() for text in women] == ["1", "3"]  # one women's group, three members

    # The map: the drawn parcel, coloured by its claim, and the incident's point.
    page.goto(f"{url}/map/?claim={claim.pk}")
    for shapes in (PARCEL_SHAPES, INCIDENT_POINTS):
        page.wait_for_function(
            "s => document.querySelectorAll(s).length > 0", arg=shapes, timeout=20_000
        )
    assert errors == []
