"""The demo users who must use two-step sign-in enrol in a real browser: log in with the
password, read the key off the enrolment page, type the code an authenticator app would
show, keep the backup codes and land on the home page."""

from __future__ import annotations

from base64 import b32decode

import pytest
from django.conf import settings as django_settings
from django_otp.oath import TOTP

from tests.demo_data import seed_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo() -> None:
    seed_demo()


@pytest.mark.parametrize("username", ["admin", "legal", "organiser"])
def test_a_demo_user_enrols_at_first_login(page, live_server, demo, username) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", django_settings.DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("form.card button[type=submit]")
    assert "/account/2fa/" in page.url
    assert page.locator(".qr svg").count() == 1

    key = b32decode(page.locator("#totp-secret").inner_text().replace(" ", ""))
    page.fill("#id_token", f"{TOTP(key).token():06d}")
    with page.expect_navigation():
        page.click("form:has(#id_token) button[type=submit]")
    assert "/account/2fa/backup-codes/" in page.url
    assert page.locator("#backup-codes li").count() == 10

    with page.expect_navigation():
        page.click("main p a")
    assert page.url == f"{live_server.url}/"
    assert page.locator("#count-parcels").count() == 1
