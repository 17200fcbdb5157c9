"""Issue 20: the groups family of pages (home, groups, a group, its form and members, a
place, the dashboard, preferences, the login page, API keys) at 390 px fit the phone and
axe-core finds nothing, in English and in Bangla; each is also kept as a desktop screenshot.

One logged-in page goes through them all; Bangla is chosen with the header's switch."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from landclaims.groups.services import member_create
from tests.browser.conftest import log_in, settle
from tests.browser.pages import PHONE, assert_page_fits_and_passes_axe, screenshot
from tests.factories import make_case, make_claim, make_group, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
DESKTOP = {"width": 1200, "height": 900}


@pytest.fixture
def world(org: Any, places: Any, settings: Any) -> Any:
    settings.MAP_BASEMAP_URL = ""  # nothing from another host
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a2)
    group = claim.groups.get()
    make_group(organisation=org, village=places.village_a, name_bn="দ্বিতীয় নারী সমিতি")
    make_case(organisation=org, district=places.district_a, claims=[claim])
    for code, sex in (("NK-1", "female"), ("NK-2", "female"), ("NK-3", "male")):
        member_create(
            group=group, code=code, sex=sex, priority_category="no_homestead_no_land",
            joined_on=date(2010, 1, 1), by=None,
        )  # fmt: skip
    return group


def _check(page: Any, url: str, name: str) -> None:
    """The page at `url` at phone size (fits, axe finds nothing), then on a desktop."""
    page.set_viewport_size(PHONE)
    page.goto(url)
    settle(page)
    assert_page_fits_and_passes_axe(page, f"{name}-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, f"{name}-desktop")


@pytest.mark.parametrize("language", ["en", "bn"])
def test_the_groups_pages_fit_a_phone_and_pass_axe(
    page: Any, live_server: Any, org: Any, places: Any, world: Any, language: str
) -> None:
    url = live_server.url
    page.set_viewport_size(PHONE)
    page.goto(f"{url}/login/")
    if language == "bn":
        page.click('header form.lang button[value="bn"]')
        page.wait_for_selector('html[lang="bn"]')
    _check(page, f"{url}/login/", f"login-{language}")

    organiser = make_user(organisation=org, role="organiser")
    log_in(page, live_server, organiser.username, PASSWORD)
    assert page.locator("html").get_attribute("lang") == language

    group = world
    for path, name in (
        ("/", "home"),
        ("/groups/", "groups"),
        (f"/groups/{group.pk}/", "group"),
        ("/groups/new/", "group-form"),
        (f"/groups/{group.pk}/members/", "group-members"),
        (f"/places/{places.village_a.union_id}/", "place"),
        ("/dashboard/", "dashboard"),
        ("/preferences/", "preferences"),
        ("/api/tokens/", "api-keys"),
    ):
        _check(page, f"{url}{path}", f"{name}-{language}")

    # The group's other tabs open from the tab bar and fit the phone too.
    page.set_viewport_size(PHONE)
    page.goto(f"{url}/groups/{group.pk}/")
    for tab in ("claims", "cases", "members", "history"):
        page.click(f"#tab-{tab}")
        page.wait_for_selector(f"#tab-{tab}.active")
        assert_page_fits_and_passes_axe(page, f"group-tab-{tab}-{language}-phone")
