"""Issue 22's review of field submissions in a real browser at phone width, in English and
in Bangla: an organiser finds a group sent from a phone held for review (its Bangla name was
left blank), fixes the answer, applies it and opens the group it made."""

from __future__ import annotations

from typing import Any

import pytest

from landclaims.groups.models import LandlessGroup
from landclaims.odk.applying import submission_apply
from landclaims.odk.models import Submission
from tests.browser.conftest import log_in
from tests.browser.pages import assert_page_fits_and_passes_axe
from tests.factories import make_user
from tests.odk.conftest import make_submission

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


def _held_group(org: Any, places: Any, organiser: Any) -> Submission:
    member = {"code": "CP-9", "sex": "female", "priority_category": "no_homestead_no_land"}
    answers = {
        "village": str(places.village_a.pk),
        "name_bn": "",
        "name_en": "Charpara Landless Women",
        "sex": "women",
        "formed_on": "2024-01-15",
        "member": [member],
    }
    submission = make_submission(
        form_id="lc_group", answers=answers, by=organiser, organisation=org
    )
    return submission_apply(submission=submission, by=organiser)


@pytest.mark.parametrize("language", ["en", "bn"])
def test_an_organiser_fixes_and_applies_a_held_submission(page, live_server, org, places, language):
    page.set_viewport_size({"width": 390, "height": 844})
    organiser = make_user(organisation=org, role="organiser")
    held = _held_group(org, places, organiser)
    assert held.status == Submission.Status.HELD
    log_in(page, live_server, organiser.username, PASSWORD)
    if language == "bn":
        page.click("form.lang button[value=bn]")
        page.wait_for_load_state()

    # The navbar's link carries the number held.
    # On a phone the menu slides open, then the dropdown: each is clicked once it has
    # finished moving (a click during Bootstrap's transition can land on nothing).
    page.click(".navbar-toggler")
    page.wait_for_selector("#site-menu.show:not(.collapsing)")
    page.click("#site-menu .dropdown-toggle")
    page.wait_for_selector("#field-submissions-link", state="visible")
    assert page.locator("#held-count").is_visible()
    with page.expect_navigation():
        page.click("#field-submissions-link")
    assert_page_fits_and_passes_axe(page, f"field-submissions-{language}")

    with page.expect_navigation():
        page.click(f"tr[data-submission='{held.pk}'] a")
    assert page.locator(".problem").count() == 1
    assert_page_fits_and_passes_axe(page, f"field-submission-held-{language}")

    page.fill("[name=fix-name_bn]", "চরপাড়া ভূমিহীন নারী সমিতি")
    with page.expect_navigation():
        page.click("#correct-apply")
    held.refresh_from_db()
    assert held.status == Submission.Status.APPLIED
    group = LandlessGroup.objects.get(name_bn="চরপাড়া ভূমিহীন নারী সমিতি")
    assert page.locator("#made-records a").count() == 1
    assert_page_fits_and_passes_axe(page, f"field-submission-applied-{language}")

    with page.expect_navigation():
        page.click("#made-records a")
    assert page.url.endswith(f"/groups/{group.pk}/")
