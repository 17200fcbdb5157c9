"""The security headers every response carries, in development and test as in production:
the Content-Security-Policy with a fresh nonce that the page's own scripts carry, the
Referrer-Policy, framing, sniffing and opener policies."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from gis.webmap import MapParts, add_nonce
from landclaims.settings import basemap_source
from tests.factories import OrganisationFactory, log_in, make_user

pytestmark = pytest.mark.django_db

NONCE = re.compile(r"'nonce-([A-Za-z0-9_=+/-]+)'")


def policy(response: Any) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in header.split("; ")}


@pytest.fixture
def organiser(client: Any) -> Any:
    user = make_user(organisation=OrganisationFactory(), role="organiser")
    log_in(client, user)
    return user


def test_the_map_page_carries_a_strict_policy_and_its_scripts_the_nonce(client, organiser):
    first = client.get("/map/")
    assert first.status_code == 200
    directives = policy(first)
    nonce = NONCE.search(first.headers["Content-Security-Policy"]).group(1)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert directives["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert directives["img-src"] == ["'self'", "data:", "blob:", "https://tile.openstreetmap.org"]
    for name, value in {
        "connect-src": "'self'", "font-src": "'self'", "object-src": "'none'",
        "base-uri": "'self'", "frame-ancestors": "'none'", "form-action": "'self'",
    }.items():  # fmt: skip
        assert directives[name] == [value], name
    header = first.headers["Content-Security-Policy"]
    assert CSP.UNSAFE_INLINE not in header
    assert CSP.UNSAFE_EVAL not in header

    # Every inline <script> and <style> of the page (folium's map) carries this nonce.
    html = first.content.decode()
    inline = re.findall(r"<(?:script|style)(?![^>]*\bsrc=)[^>]*>", html)
    assert len(inline) >= 5  # folium's styles and setup, and the map's code
    assert all(f'nonce="{nonce}"' in tag for tag in inline), inline
    assert 'style="' not in html.split('class="map-legend')[1]

    # A new response, a new nonce.
    second = client.get("/map/")
    assert NONCE.search(second.headers["Content-Security-Policy"]).group(1) != nonce
    assert nonce not in second.content.decode()


def test_a_page_without_inline_code_names_no_nonce(client, organiser):
    response = client.get("/claims/")
    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize("url", ["/login/", "/map/", "/api/docs/", "/admin/login/"])
def test_the_other_security_headers(client, organiser, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Content-Security-Policy" in response.headers
    # HSTS only in production, over https (test_production).
    assert "Strict-Transport-Security" not in response.headers


def test_the_api_docs_page_styles_with_the_nonce(client):
    response = client.get("/api/docs/")
    nonce = NONCE.search(response.headers["Content-Security-Policy"]).group(1)
    html = response.content.decode()
    assert f'<style nonce="{nonce}">' in html
    # Swagger UI's set-up is a script of its own (SpectacularSwaggerSplitView), not inline.
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []


def test_the_basemap_host_is_allowed_for_images_only():
    assert basemap_source("") == []
    assert basemap_source("/tiles/{z}/{x}/{y}.png") == []
    assert basemap_source("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == [
        "https://tile.openstreetmap.org"
    ]
    assert basemap_source("https://{s}.tiles.example.org:8443/{z}/{x}/{y}.png?key=1") == [
        "https://*.tiles.example.org:8443"
    ]
    for bad in ("tiles.example.org/{z}/{x}/{y}.png", "https://tiles.{s}.org/{z}.png", "data:x"):
        with pytest.raises(ImproperlyConfigured):
            basemap_source(bad)


def test_the_nonce_reaches_every_inline_element_and_nothing_else():
    parts = MapParts(
        head='<script src="/a.js"></script><style>p{}</style><STYLE media="x">q{}</STYLE>'
        '<link rel="stylesheet" href="/b.css"><scripted>',
        body='<div class="folium-map"></div>',
        script="var a = '<script';",
    )
    nonced = parts.with_nonce("abc123_-")
    assert nonced.head == (
        '<script nonce="abc123_-" src="/a.js"></script><style nonce="abc123_-">p{}</style>'
        '<STYLE nonce="abc123_-" media="x">q{}</STYLE><link rel="stylesheet" href="/b.css">'
        "<scripted>"
    )
    assert nonced.body == parts.body
    assert nonced.script == parts.script
    with pytest.raises(ValueError):
        add_nonce("<script>", 'x" onload="alert(1)')
