"""The home page in a real browser: log in, see the counts, switch to Bengali."""

from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.factories import make_claim, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_organiser_logs_in_and_sees_the_counts(page, live_server, org, places) -> None:
    make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    make_claim(organisation=org, village=places.village_b, mouza=places.mouza_b)
    user = make_user(organisation=org, role="organiser")
    log_in(page, live_server, user.username, "a-long-test-password")
    assert page.locator("#count-parcels").inner_text() == "2"
    assert page.locator("#count-claims").inner_text() == "2"
    assert page.locator("tr[data-stage=identified] td.num").inner_text() == "2"


def test_a_wrong_password_keeps_the_user_out(page, live_server, org) -> None:
    user = make_user(organisation=org, role="organiser")
    log_in(page, live_server, user.username, "not-the-password")
    assert page.url.endswith("/login/")
    assert page.locator("#count-parcels").count() == 0


def test_the_bengali_font_is_served_locally(page, live_server, org) -> None:
    user = make_user(organisation=org, role="viewer")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    log_in(page, live_server, user.username, "a-long-test-password")
    page.wait_for_load_state("networkidle")
    assert all(url.startswith(live_server.url) for url in requested)
    loaded = page.evaluate("document.fonts.check('16px \"Noto Sans Bengali\"', 'খাস')")
    assert loaded is True
