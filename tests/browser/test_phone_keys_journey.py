"""The phone keys page in a real browser at phone width, in English and in Bangla: an
organiser makes a key for a phone, sees ODK Collect's QR code and the server address to type
in instead, and revokes the key."""

from __future__ import annotations

import pytest

from landclaims.odk.models import FieldDevice
from landclaims.odk.selectors import field_device_find
from tests.browser.conftest import log_in
from tests.browser.pages import assert_page_fits_and_passes_axe
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


@pytest.mark.parametrize("language", ["en", "bn"])
def test_a_key_for_a_phone_is_made_shown_once_and_revoked(page, live_server, org, language):
    page.set_viewport_size({"width": 390, "height": 844})
    organiser = make_user(organisation=org, role="organiser")
    log_in(page, live_server, organiser.username, PASSWORD)
    if language == "bn":
        page.click("form.lang button[value=bn]")
        page.wait_for_load_state()

    page.goto(f"{live_server.url}/odk/phones/")
    assert_page_fits_and_passes_axe(page, f"phone-keys-{language}")
    assert page.locator("a[href$='/odk/phones/forms/lc_group.xlsx']").count() == 1  # for Kobo
    page.fill("[name=name]", "Rahima's Samsung")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert page.locator("[role=status] svg").count() == 1  # the QR code
    server_url = page.input_value("#server-url")
    assert server_url.startswith(f"{live_server.url}/odk/key/lcp_")
    assert field_device_find(secret=server_url.rstrip("/").rsplit("/", 1)[-1]) is not None
    assert_page_fits_and_passes_axe(page, f"phone-keys-new-{language}")

    with page.expect_navigation():
        page.click("table.list button[type=submit]")
    assert page.locator("#server-url").count() == 0  # shown once only
    assert FieldDevice.objects.get().revoked_at is not None
    assert_page_fits_and_passes_axe(page, f"phone-keys-revoked-{language}")
