"""The Content-Security-Policy in a real browser: every page of the site, as the superuser (who
also sees the Django admin) and as an organiser, with zero policy violations and zero script
errors; and proof that the watch works, by breaking the policy on purpose.

The URLs come from the URLconf itself, with sample records filled in the way the
authorisation matrix (tests/security) fills them, so a new page is visited without being
listed here. Only answers that are HTML are opened as pages (tiles, JSON, files are not).
"""

from __future__ import annotations

import base64
import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.utils.csp import CSP
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from landclaims.settings import basemap_source
from tests.browser.conftest import log_in, settle
from tests.security.conftest import TODAY, Matrix, _build
from tests.security.test_url_matrix import build_url, url_patterns

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BASEMAP = "https://tiles.example.org/{z}/{x}/{y}.png"
# A 1x1 transparent PNG: what the stand-in tile host answers.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
# Reports each violation on the console, where the test collects it across navigations.
LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI}`
    + ` at ${e.sourceFile}:${e.lineNumber} (${e.sample})`);
});
"""
PASSWORDS = {"root": "a-long-password-1"}
MAP_DRAWN = ".leaflet-tile-container path"
MAP_PANE = ".leaflet-map-pane"


@pytest.fixture
def site(settings: Any) -> Iterator[Matrix]:
    """The security matrix's records and people, and a basemap from a tile host of its own
    (answered by the test, see `watched`), allowed by the policy as settings.py allows it."""
    settings.MAP_BASEMAP_URL = BASEMAP
    settings.SECURE_CSP = {
        **settings.SECURE_CSP,
        "img-src": [CSP.SELF, "data:", "blob:", *basemap_source(BASEMAP)],
    }
    with tempfile.TemporaryDirectory() as tmp:
        settings.EXPORT_DIR = Path(tmp) / "exports"
        settings.IMPORT_DIR = Path(tmp) / "imports"
        with time_machine.travel(TODAY, tick=False):
            matrix = _build(Path(tmp))
        yield matrix


@pytest.fixture
def watched(page: Any) -> dict[str, list[str]]:
    """CSP violations (the listener's reports and chromium's own console messages), page
    errors, and the basemap tiles served."""
    seen: dict[str, list[str]] = {"violations": [], "errors": [], "basemap": []}

    def on_console(message: Any) -> None:
        text = message.text
        if "securitypolicyviolation" in text or "Content Security Policy" in text:
            seen["violations"].append(f"{page.url}: {text}")

    def tile(route: Any) -> None:
        seen["basemap"].append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=PNG)

    page.add_init_script(LISTENER)
    page.on("console", on_console)
    page.on("pageerror", lambda error: seen["errors"].append(f"{page.url}: {error}"))
    page.route("https://tiles.example.org/**", tile)
    return seen


def html_urls(matrix: Matrix, *, admin: bool) -> list[str]:
    urls = []
    for pattern in url_patterns():
        if pattern.route.startswith("admin/") != admin:
            continue
        url = build_url(pattern, matrix.a, matrix)
        if pattern.key.startswith("ogc:"):
            url += "&f=html" if "?" in url else "?f=html"
        urls.append(url)
    return sorted(set(urls))


def visit(page: Any, base: str, url: str) -> bool:
    """Open `url` if it answers an HTML page; False when it answers something else (a
    redirect, whose target is among the URLs anyway; a refusal; a tile, JSON, a file)."""
    answer = page.request.get(base + url, max_redirects=0)
    if answer.status != 200 or not answer.headers["content-type"].startswith("text/html"):
        return False
    page.goto(base + url)
    with contextlib.suppress(PlaywrightTimeout):  # a page that keeps polling still counts
        settle(page)
    if page.locator(".folium-map").count():
        # The dashboard's choropleth has no tiles: its map pane appears only once the
        # nonced script has run. Every other map draws parcels from tiles.
        drawn = MAP_PANE if "/dashboard/" in url else MAP_DRAWN
        page.wait_for_function(
            "s => document.querySelectorAll(s).length > 0", arg=drawn, timeout=20_000
        )
    if "/api/docs/" in url:
        page.wait_for_selector(".opblock", timeout=30_000)
    return True


def visit_all(page: Any, base: str, urls: list[str]) -> list[str]:
    return [url for url in urls if visit(page, base, url)]


# The survey is four tests (the superuser's site pages, the superuser's Django admin in two
# halves, the organiser's site pages), so that the two pytest-xdist workers can share it.
def test_every_page_keeps_to_the_policy_as_the_superuser(page, live_server, site, watched) -> None:
    base = live_server.url
    log_in(page, live_server, "root", PASSWORDS["root"])
    visited = visit_all(page, base, html_urls(site, admin=False))
    # The pages the policy is most likely to break were among them, and worked.
    for must in ("/map/", f"/claims/{site.a.claim.pk}/", f"/cases/{site.a.case.pk}/",
                 "/api/docs/", "/ogc?f=html"):  # fmt: skip
        assert must in visited, f"{must} was not visited as an HTML page"
    assert watched["basemap"], "no basemap tile was loaded"

    assert watched["violations"] == []
    assert watched["errors"] == []


@pytest.mark.parametrize("half", [0, 1])
def test_every_admin_page_keeps_to_the_policy(page, live_server, site, watched, half) -> None:
    """The Django admin, as the superuser (who sees all of it), in two halves (every other
    URL) so that the two pytest-xdist workers share it."""
    base = live_server.url
    log_in(page, live_server, "root", PASSWORDS["root"])
    urls = html_urls(site, admin=True)[half::2]
    visited = visit_all(page, base, urls)
    for must in ("/admin/", "/admin/claims/claim/", "/admin/cases/limitationrule/"):
        if must in urls:
            assert must in visited, f"{must} was not visited as an HTML page"

    assert watched["violations"] == []
    assert watched["errors"] == []
    assert len(visited) > 20


def test_every_page_keeps_to_the_policy_as_an_organiser(page, live_server, site, watched) -> None:
    """Every page outside the Django admin, with an organiser's records and buttons."""
    base = live_server.url
    organiser = site.users["organiser"]
    log_in(page, live_server, organiser.username, "a-long-test-password")
    visited_by_organiser = visit_all(page, base, html_urls(site, admin=False))
    assert f"/groups/{site.a.group.pk}/" in visited_by_organiser

    assert watched["violations"] == []
    assert watched["errors"] == []


def test_the_watch_reports_a_script_without_the_nonce(page, live_server, watched) -> None:
    """If the policy allowed inline code, or the watch heard nothing, this would fail."""
    page.goto(f"{live_server.url}/login/")
    found = page.evaluate(
        """() => new Promise((resolve) => {
            const directives = [];
            document.addEventListener("securitypolicyviolation", (e) => {
                directives.push(e.effectiveDirective);
                if (directives.length === 2) {
                    resolve({directives, ran: window.injected === true});
                }
            });
            const script = document.createElement("script");
            script.textContent = "window.injected = true;";
            document.body.appendChild(script);
            const styled = document.createElement("p");
            styled.setAttribute("style", "color: red");
            document.body.appendChild(styled);
        })"""
    )
    assert found["ran"] is False
    assert sorted(found["directives"]) == ["script-src-elem", "style-src-attr"]
    # The same two reached the test through the console, as the page survey collects them.
    page.wait_for_function("() => true")
    assert len(watched["violations"]) >= 2, watched["violations"]
    assert (
        CSP.UNSAFE_INLINE
        not in page.request.get(f"{live_server.url}/login/").headers["content-security-policy"]
    )
