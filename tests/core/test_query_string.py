"""A query string sent with raw UTF-8 (Bengali digits typed into curl or a script) gives
links that lead back to the same query: login's `next`, the OGC page's login link."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.django_db


def next_query(location: str) -> dict[str, list[str]]:
    """The query of the page that login's `next` (in `location`) returns to."""
    target = parse_qs(urlsplit(location).query)["next"][0]
    return parse_qs(urlsplit(target).query)


def test_login_next_keeps_a_raw_bengali_query(client) -> None:
    # The test client, like a WSGI server, hands the raw bytes over decoded as Latin-1.
    response = client.get("/claims/?mouza=চরপাড়া&number=১২৩")
    assert response.status_code == 302
    assert next_query(response["Location"]) == {"mouza": ["চরপাড়া"], "number": ["১২৩"]}


def test_login_next_keeps_a_percent_encoded_bengali_query(client) -> None:
    response = client.get("/claims/", {"mouza": "চরপাড়া"})
    assert next_query(response["Location"]) == {"mouza": ["চরপাড়া"]}


def test_the_ogc_login_link_keeps_a_raw_bengali_query(client) -> None:
    page = client.get("/ogc/collections/parcels/items?dag_no=১২৩", HTTP_ACCEPT="text/html")
    assert page.status_code == 401
    href = page.content.decode().split('href="/login/?')[1].split('"')[0]
    assert next_query(f"/login/?{href}") == {"dag_no": ["১২৩"]}
