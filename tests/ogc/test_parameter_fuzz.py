"""Every query parameter and header the OGC service takes, fuzzed with hostile Unicode: never
a 5xx, every refusal a JSON exception document, and a 400 names the parameter.

The parameters come from the service's own API definition (/ogc/api), which is checked
against the parameters the code accepts, so the two cannot drift apart.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from django.test import Client, RequestFactory

from landclaims.api.authentication import KEY_HEADER
from landclaims.ogc.collections import COLLECTIONS
from landclaims.ogc.documents import ITEMS_PARAMS
from landclaims.ogc.openapi import openapi
from tests.fuzz import HEADER_KILLERS, HEADER_VALUES, QUERY_VALUES, try_values

pytestmark = pytest.mark.django_db


@cache
def definition() -> dict[str, Any]:
    """/ogc/api as the service writes it (built when first asked: it needs the test host)."""
    return openapi(RequestFactory().get("/ogc/api"))


def key_parameters() -> list[str]:
    schemes = definition()["components"]["securitySchemes"].values()
    return sorted(s["name"] for s in schemes if s["in"] == "query")


def query_parameters() -> list[tuple[str, str]]:
    """(path, name) of every query parameter the definition documents; a key parameter,
    which every path takes and one function reads, on the landing page only."""
    documented = [
        (path, parameter["name"])
        for path, operations in definition()["paths"].items()
        for parameter in operations["get"].get("parameters", [])
        if parameter["in"] == "query"
    ]
    return sorted(documented + [("/", name) for name in key_parameters()])


def headers() -> list[str]:
    schemes = definition()["components"]["securitySchemes"].values()
    documented = {s["name"] for s in schemes if s["in"] == "header"}
    return sorted(documented | {KEY_HEADER, "Authorization", "Accept"})  # views._caller, wants_html


def environ_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


def url(path: str) -> str:
    return "/ogc" + path.replace("{featureId}", "1")


def check(response: Any, name: str) -> None:
    assert response.status_code < 500, (name, response.status_code)
    if response.status_code >= 400 and response["Content-Type"] == "application/json":
        body = response.json()
        assert set(body) == {"code", "description"}
        if response.status_code == 400:
            assert body["description"].startswith(f"{name}: "), body


def test_the_definition_documents_every_parameter_the_items_take() -> None:
    for collection in COLLECTIONS.values():
        items = f"/collections/{collection.id}/items"
        documented = {name for path, name in query_parameters() if path == items}
        documented |= set(key_parameters())
        taken = ITEMS_PARAMS | {q.name for q in collection.queryables}
        assert documented == taken, collection.id


def test_every_query_parameter_refuses_hostile_values_with_a_named_400(records, monitor_key):
    client = Client(HTTP_X_API_KEY=monitor_key, HTTP_ACCEPT="application/json")
    ran = 0
    for path, name in query_parameters():

        def one(value: str, path: str = path, name: str = name) -> None:
            check(client.get(url(path), {name: value}), name)

        ran += try_values(f"ogc {path} {name}", QUERY_VALUES, one)
    print(f"\nOGC query parameters: {len(query_parameters())} fuzzed, {ran} requests")


def test_every_header_refuses_hostile_values_as_json(records, monitor_key) -> None:
    client = Client(HTTP_X_API_KEY=monitor_key)
    ran = 0
    for header in headers():
        for path in ("/collections/parcels/items", "/collections/parcels/items/{featureId}"):

            def one(value: str, header: str = header, path: str = path) -> None:
                check(client.get(url(path), **{environ_key(header): value}), header)

            ran += try_values(f"ogc header {header} {path}", HEADER_VALUES, one, HEADER_KILLERS)
    print(f"\nOGC headers: {len(headers())} fuzzed, {ran} requests")
