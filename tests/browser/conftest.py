"""Browser tests drive Debian's chromium with Playwright (no downloaded browser)."""

from __future__ import annotations

import contextlib
import os
import shutil
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.factories import totp_token, two_factor_device

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium")

# The requests each browser context has started and not yet finished (see `settle`).
_in_flight: weakref.WeakKeyDictionary[Any, set[Any]] = weakref.WeakKeyDictionary()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.fail("chromium is not installed; `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    requests = _in_flight[context] = set()
    context.on("request", lambda request: requests.add(request))
    context.on("requestfinished", lambda request: requests.discard(request))
    context.on("requestfailed", lambda request: requests.discard(request))
    page = context.new_page()
    yield page
    # Let requests still in flight (map tiles) finish before the test's database is flushed:
    # a tile query holding its locks while TRUNCATE takes them one by one can deadlock.
    for open_page in context.pages:
        with contextlib.suppress(PlaywrightTimeout):  # never settles: close it anyway
            settle(open_page)
    context.close()


def settle(page: Any, timeout: float = 10_000) -> None:
    """Wait until the page's network is quiet, as Playwright's "networkidle" sees it (nothing
    in flight for half a second), once it has loaded: map tiles, the API docs' schema.

    A page with nothing in flight when this is called has settled already, and does not wait
    the half second: the site's pages start no request later on their own (no timers, no
    polling), so what they load after the load event is in flight by then."""
    if _in_flight.get(page.context):
        page.wait_for_load_state("networkidle", timeout=timeout)


def log_in(page: Any, live_server: Any, username: str, password: str) -> None:
    """Sign in as a person would: the password, then (for a user with an authenticator,
    enrolled here if their role needs one) the code their app would show now."""
    device = two_factor_device(get_user_model().objects.get(username=username))
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("form.card button[type=submit]")
    if device is not None and "/account/2fa/verify/" in page.url:  # not for a wrong password
        device.refresh_from_db()
        page.fill("#id_token", totp_token(device))
        with page.expect_navigation():
            page.click("#verify-form button[type=submit]")
