"""Issue 20: the claims family's pages (claims, parcels, allocations, incidents) as an
organiser sees them, in English and in Bangla: at 390 x 844 each fits its window and axe-core
finds nothing; at 1200 x 900 a desktop screenshot is kept. One logged-in page visits them all."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from landclaims.allocations.services import allocation_record
from landclaims.incidents.services import incident_record
from tests.browser.conftest import log_in, settle
from tests.browser.pages import PHONE, assert_page_fits_and_passes_axe, screenshot
from tests.factories import make_case, make_claim, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
DESKTOP = {"width": 1200, "height": 900}


def _check(page: Any, url: str, name: str) -> str:
    """What is wrong with the page at `url` on a phone ("" when nothing is); the desktop
    screenshot is taken either way."""
    page.set_viewport_size(PHONE)
    page.goto(url)
    settle(page)
    try:
        assert_page_fits_and_passes_axe(page, f"{name}-phone")
    except AssertionError as failure:
        return str(failure)
    finally:
        page.set_viewport_size(DESKTOP)
        screenshot(page, f"{name}-desktop")
    return ""


@pytest.mark.parametrize("language", ["en", "bn"])
def test_the_claims_pages_fit_a_phone_and_pass_axe(
    page, live_server, org, places, settings, language
) -> None:
    settings.MAP_BASEMAP_URL = ""  # the maps draw from our own tiles alone
    organiser = make_user(organisation=org, role="organiser")
    claim = make_claim(
        organisation=org, village=places.village_a, mouza=places.mouza_a, by=organiser
    )
    parcel = claim.parcels.get()
    make_case(organisation=org, district=places.district_a, claims=[claim])
    allocation = allocation_record(
        parcel=parcel,
        claim=claim,
        group=claim.groups.get(),
        area_value="20",
        area_unit="decimal",
        title="joint",
        kabuliyat_no="41/2023",
        kabuliyat_on=date(2023, 3, 1),
        by=organiser,
    )
    incident = incident_record(
        organisation=org,
        kind="eviction",
        occurred_on=date(2024, 5, 2),
        claim=claim,
        parcel=parcel,
        women_affected=3,
        by=organiser,
    )
    url = live_server.url
    log_in(page, live_server, organiser.username, PASSWORD)
    if language == "bn":
        page.click("form.lang button[value=bn]")
        page.wait_for_load_state()

    pages = {
        "claims-list": "/claims/",
        "claim": f"/claims/{claim.pk}/",
        "claim-form": "/claims/new/",
        "parcel": f"/parcels/{parcel.pk}/",
        "parcel-form": "/parcels/new/",
        "parcel-edit": f"/parcels/{parcel.pk}/edit/",
        "allocations-list": "/allocations/",
        "allocation": f"/allocations/{allocation.pk}/",
        "allocation-form": f"/allocations/new/?claim={claim.pk}",
        "allocation-pick-claim": "/allocations/new/",
        "allocation-edit": f"/allocations/{allocation.pk}/edit/",
        "allocation-holder": f"/allocations/{allocation.pk}/holder/",
        "incidents-list": "/incidents/",
        "incident": f"/incidents/{incident.pk}/",
        "incident-form": "/incidents/new/",
        "incident-edit": f"/incidents/{incident.pk}/edit/",
    }
    failures = [_check(page, url + path, f"{name}-{language}") for name, path in pages.items()]
    failures = [f for f in failures if f]
    assert not failures, "\n".join(failures)
