"""Issue 19's allocation journey in a real browser at phone width, in English and in Bangla:
an organiser records the allocation from the claim's page (Bengali digits in the numbers and
dates), then records that an encroacher holds the land now, and sees both on the
allocation's page and the land lost on the dashboard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from landclaims.allocations.models import Allocation, Holder
from landclaims.core.text import bengali_digits
from landclaims.groups.services import member_create
from tests.browser.conftest import log_in
from tests.factories import make_claim, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("language", ["en", "bn"])
def test_an_allocation_is_recorded_from_its_claim_and_the_land_later_lost(
    page, live_server, org, places, language
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    today = timezone.localdate()
    kabuliyat_on = today - timedelta(days=400)
    lost_on = today - timedelta(days=20)
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    member_create(
        group=claim.groups.get(), code="W-1", sex="female", priority_category="homestead_only"
    )
    organiser = make_user(organisation=org, role="organiser")
    log_in(page, live_server, organiser.username, PASSWORD)
    if language == "bn":
        page.click("form.lang button[value=bn]")
        page.wait_for_load_state()

    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    page.click("#tab-allocations")  # the claim's page is in tabs
    page.click("#record-allocation")
    page.wait_for_load_state()
    assert _no_sideways_scroll(page)
    page.get_by_label("W-1").check()
    page.select_option("[name=title]", "single_woman")
    page.fill("[name=area_value]", "২০")
    page.select_option("[name=area_unit]", "decimal")
    page.fill("[name=kabuliyat_no]", "৪১/২০২৩")
    page.fill("[name=kabuliyat_on]", bengali_digits(kabuliyat_on.strftime("%d/%m/%Y")))
    with page.expect_navigation():
        page.click("#allocation-form button[type=submit]")

    allocation = Allocation.objects.get()
    assert page.url.endswith(f"/allocations/{allocation.pk}/")
    assert (allocation.kabuliyat_no, allocation.kabuliyat_on) == ("41/2023", kabuliyat_on)
    expected_number = "৪১/২০২৩" if language == "bn" else "41/2023"
    assert page.locator("#kabuliyat-no").inner_text() == expected_number
    assert _no_sideways_scroll(page)

    page.click("#change-holder")
    page.wait_for_load_state()
    assert _no_sideways_scroll(page)
    page.select_option("[name=held_by]", Holder.ENCROACHER)
    page.fill("[name=since]", bengali_digits(lost_on.strftime("%d/%m/%Y")))
    with page.expect_navigation():
        page.click("#holder-form button[type=submit]")

    allocation.refresh_from_db()
    assert (allocation.held_by, allocation.held_since) == (Holder.ENCROACHER, lost_on)
    assert page.locator("#holders li").count() == 2
    if language == "en":
        assert page.locator("#held-by").inner_text() == "An encroacher"
    else:
        assert str(lost_on.year) not in page.locator("#held-since").inner_text()
        assert bengali_digits(str(lost_on.year)) in page.locator("#held-since").inner_text()
    assert _no_sideways_scroll(page)

    page.goto(f"{live_server.url}/dashboard/")
    lost = page.locator("#settlements tr[data-row=lost] td").first.inner_text()
    assert lost == ("১" if language == "bn" else "1")
    # The figures' own table fits the phone (the dashboard's other tables are not ours).
    box = page.locator("#settlements").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
