"""Issue 21's cooperative journey in a real browser at phone width, in English and in Bangla:
an organiser records a cooperative of two groups, adds the khas land it was settled on,
records a harvest, corrects the cooperative, and finds it on the group's page. Each page fits
390 px and axe finds nothing on it."""

from __future__ import annotations

from typing import Any

import pytest

from landclaims.cooperatives.models import Cooperative
from landclaims.core.text import bengali_digits
from tests.browser.conftest import log_in
from tests.browser.pages import assert_page_fits_and_passes_axe
from tests.factories import make_group, make_parcel, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
WORDS = {
    "en": {"new": "Record a cooperative", "production": "Sales 36,000.00 taka"},
    "bn": {"new": "সমবায় লিখুন", "production": "বিক্রি " + bengali_digits("36,000.00") + " টাকা"},
}


def _submit(page: Any, form: str) -> None:
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")


@pytest.mark.parametrize("language", ["en", "bn"])
def test_a_cooperative_is_recorded_with_land_and_a_harvest(
    page, live_server, org, places, settings, language
):
    settings.MAP_BASEMAP_URL = ""  # nothing from another host: the map draws our shapes alone
    page.set_viewport_size({"width": 390, "height": 844})
    url, words = live_server.url, WORDS[language]
    groups = [make_group(organisation=org, village=places.village_a) for _ in range(2)]
    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    organiser = make_user(organisation=org, role="organiser")
    log_in(page, live_server, organiser.username, PASSWORD)
    if language == "bn":
        page.click("form.lang button[value=bn]")
        page.wait_for_load_state()

    page.goto(f"{url}/cooperatives/")
    assert_page_fits_and_passes_axe(page, f"cooperatives-list-{language}")
    with page.expect_navigation():
        page.click("#new-cooperative")
    assert words["new"] in page.locator("h1").inner_text()
    assert_page_fits_and_passes_axe(page, f"cooperative-new-{language}")
    page.fill("[name=name_bn]", "চরপাড়া গণ সমবায় সমিতি")
    page.select_option("[name=district]", str(places.district_a.pk))
    page.fill("[name=registration_no]", "টাঙ্গাইল/" + bengali_digits("47"))
    page.fill("[name=registered_on]", "০১/০৩/২০২২")
    for row, group in enumerate(groups):
        page.select_option(f"[name=member-{row}-group]", str(group.pk))
        page.fill(f"[name=member-{row}-shares]", "৫")
        page.fill(f"[name=member-{row}-contribution_taka]", "১৫০০")
    _submit(page, "#cooperative-form")

    cooperative = Cooperative.objects.get()
    assert page.url.endswith(f"/cooperatives/{cooperative.pk}/")
    assert cooperative.registration_no == "টাঙ্গাইল/47"
    assert sorted(cooperative.shares.values_list("contribution_poisha", flat=True)) == [
        150000,
        150000,
    ]
    assert_page_fits_and_passes_axe(page, f"cooperative-detail-{language}")

    # The khas land it was settled on, from its parcel.
    with page.expect_navigation():
        page.click("#add-land")
    assert_page_fits_and_passes_axe(page, f"cooperative-land-{language}")
    page.select_option("[name=tenure]", "khas_settled")
    page.select_option("[name=parcel]", str(parcel.pk))
    page.fill("[name=from_on]", bengali_digits("01/04/2022"))
    _submit(page, "#land-form")
    assert cooperative.land.get().parcel == parcel
    assert page.locator("#land-map path").count() == 1

    # A season's harvest, in Bengali digits.
    with page.expect_navigation():
        page.click("#record-production")
    assert_page_fits_and_passes_axe(page, f"cooperative-production-{language}")
    page.select_option("[name=activity]", "paddy")
    page.select_option("[name=season]", "aman")
    page.fill("[name=year]", "২০২৩")
    page.fill("[name=output_quantity]", "১২০০")
    page.select_option("[name=output_unit]", "kg")
    page.fill("[name=sales_taka]", "৩৬০০০")
    page.fill("[name=costs_taka]", "১২০০০")
    _submit(page, "#production-form")
    assert words["production"] in page.locator("main").inner_text()
    assert_page_fits_and_passes_axe(page, f"cooperative-detail-full-{language}")

    # Corrected, and a member group's shares changed.
    with page.expect_navigation():
        page.click("#edit-cooperative")
    assert_page_fits_and_passes_axe(page, f"cooperative-edit-{language}")
    page.fill("[name=animator]", "শিরিন আক্তার")
    _submit(page, "#cooperative-form")
    cooperative.refresh_from_db()
    assert (cooperative.animator, cooperative.version) == ("শিরিন আক্তার", 2)
    with page.expect_navigation():
        page.click("#add-group")
    assert_page_fits_and_passes_axe(page, f"cooperative-group-{language}")

    # On the group's page, its cooperatives tab.
    page.goto(f"{url}/groups/{groups[0].pk}/")
    page.click("#tab-cooperatives")
    page.wait_for_selector("#group-cooperative-shares", state="visible")
    assert "চরপাড়া গণ সমবায় সমিতি" in page.locator("#group-cooperatives").inner_text()
    assert_page_fits_and_passes_axe(page, f"group-cooperatives-{language}")
