"""Issue 19's group journey in a real browser at phone width, in English and in Bangla: an
organiser registers a women's group (the village found by typing its name, numbers and dates
in Bengali digits), adds three members, and sees the counts on the group's page, with the
typed count that differs from the members recorded."""

from __future__ import annotations

import pytest

from landclaims.core.text import bengali_digits
from landclaims.groups.models import LandlessGroup
from tests.browser.conftest import log_in
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


@pytest.mark.parametrize("language", ["en", "bn"])
def test_a_womens_group_is_registered_with_three_members(
    page, live_server, org, places, language
) -> None:
    page.set_viewport_size({"width": 390, "height": 900})
    organiser = make_user(organisation=org, role="organiser", districts=[places.district_a])
    log_in(page, live_server, organiser.username, PASSWORD)
    page.goto(f"{live_server.url}/groups/")
    if language == "bn":
        page.click('header form.lang button[value="bn"]')
        page.wait_for_selector('html[lang="bn"]')

    _submit(page, "#register-group")
    assert _no_sideways_scroll(page)
    page.select_option("[name=sex]", "women")
    page.fill("[name=name_bn]", "চরপাড়া ভূমিহীন নারী সমিতি")
    page.fill("[name=name_en]", "Charpara Landless Women")
    page.fill("[name=village_q]", "চরপাড়া")
    page.fill("[name=formed_on]", "১২/০৩/২০০৯")
    page.select_option("[name=meeting_day]", "fri")
    page.fill("[name=members_women]", bengali_digits("4"))
    _submit(page, "#save-group")

    group = LandlessGroup.objects.get()
    assert (group.village, group.members_women) == (places.village_a, 4)
    assert page.url.endswith(f"/groups/{group.pk}/members/")
    for code in ("NK-১", "NK-২", "NK-৩"):
        page.fill("#member-form [name=code]", code)
        page.fill("#member-form [name=joined_on]", "০১/০১/২০১০")
        _submit(page, "#add-member-button")
        assert page.url.endswith(f"/groups/{group.pk}/members/")
    assert page.locator("#member-table tbody tr[data-member]").count() == 3
    assert _no_sideways_scroll(page)

    page.goto(f"{live_server.url}/groups/{group.pk}/")
    total = bengali_digits("3") if language == "bn" else "3"
    assert page.locator("#members").inner_text() == total
    assert page.locator('.count-mismatch[data-sex="women"]').count() == 1
    assert page.locator("#meeting-day").inner_text() != "—"
    assert _no_sideways_scroll(page)
