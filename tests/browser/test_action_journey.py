"""Issue 21's action journey in a real browser at phone width, in English and in Bangla: an
organiser records a sit-in at the AC Land's office from the claim's timeline (the claim and
its group already chosen, Bengali digits in the date and numbers), sees it on the claim's
timeline and the group's "Actions" tab, then records a watchdog check of the VGD list that
found irregularities and finds it in the checks by union and programme. Every page fits
390 px and axe finds nothing on it."""

from __future__ import annotations

from typing import Any

import pytest

from landclaims.actions.models import Action, SafetyNetCheck
from tests.browser.conftest import log_in
from tests.browser.pages import assert_page_fits_and_passes_axe
from tests.factories import make_claim, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
HEADINGS = {"en": "Record an action", "bn": "কর্মসূচি লিখুন"}


def _submit(page: Any, form: str) -> None:
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")


@pytest.mark.parametrize("language", ["en", "bn"])
def test_a_sit_in_from_the_claim_page_and_a_watchdog_check(
    page, live_server, org, places, language
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    url = live_server.url
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    group = claim.groups.get()
    organiser = make_user(organisation=org, role="organiser")
    log_in(page, live_server, organiser.username, PASSWORD)
    if language == "bn":
        page.click("form.lang button[value=bn]")
        page.wait_for_load_state()

    # From the claim's timeline, with the claim and its group already chosen.
    page.goto(f"{url}/claims/{claim.pk}/")
    page.click("#tab-timeline")
    with page.expect_navigation():
        page.click("#record-action")
    assert HEADINGS[language] in page.locator("h1").inner_text()
    assert_page_fits_and_passes_axe(page, f"action-new-{language}")
    page.select_option("[name=kind]", "sit_in")
    page.fill("[name=took_place_on]", "১০/০৩/২০২৪")
    page.fill("[name=venue]", "সহকারী কমিশনার (ভূমি) কার্যালয়")
    page.fill("[name=women]", "৪২")
    page.fill("[name=men]", "9")
    page.fill("[name=authority]", "AC Land")
    page.fill("[name=demands]", "খাস জমির বন্দোবস্ত")
    _submit(page, "#action-form")

    action = Action.objects.get()
    assert page.url.endswith(f"/actions/{action.pk}/")
    assert (action.kind, action.women, action.men) == ("sit_in", 42, 9)
    assert (list(action.claims.all()), list(action.groups.all())) == ([claim], [group])
    assert_page_fits_and_passes_axe(page, f"action-detail-{language}")

    # On the claim's timeline and the group's "Actions" tab.
    page.goto(f"{url}/claims/{claim.pk}/")
    page.click("#tab-timeline")
    assert page.locator(f"#action-timeline [data-action='{action.pk}']").is_visible()
    page.goto(f"{url}/groups/{group.pk}/")
    page.click("#tab-actions")
    assert page.locator(f"#action-timeline [data-action='{action.pk}']").is_visible()
    assert_page_fits_and_passes_axe(page, f"group-actions-{language}")
    page.goto(f"{url}/actions/")
    assert page.locator(f"#actions [data-action='{action.pk}']").count() == 1
    assert_page_fits_and_passes_axe(page, f"actions-list-{language}")

    # A watchdog check of the VGD list.
    page.goto(f"{url}/actions/safety-nets/")
    with page.expect_navigation():
        page.click("#record-check")
    assert_page_fits_and_passes_axe(page, f"check-new-{language}")
    page.select_option("[name=union]", str(places.union_a.pk))
    page.select_option("[name=programme]", "vgd")
    page.fill("[name=checked_on]", "১২/০৩/২০২৪")
    page.fill("[name=checked]", "ভিজিডি কার্ডধারীদের তালিকা")
    page.check("[name=irregularities_found]")
    page.fill("[name=irregularities]", "চেয়ারম্যানের আত্মীয়দের নামে ছয়টি কার্ড")
    page.fill("[name=people_wrongly_left_out]", "৬")
    _submit(page, "#check-form")

    check = SafetyNetCheck.objects.get()
    assert page.url.endswith(f"/actions/safety-nets/{check.pk}/")
    assert (check.union, check.people_wrongly_left_out) == (places.union_a, 6)
    assert_page_fits_and_passes_axe(page, f"check-detail-{language}")
    page.goto(f"{url}/actions/safety-nets/")
    assert page.locator(f"#checks [data-check='{check.pk}']").count() == 1
    assert page.locator("#check-tally tbody tr").count() == 1
    assert_page_fits_and_passes_axe(page, f"checks-list-{language}")
