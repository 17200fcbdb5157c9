"""The schema names every endpoint, and the docs page shows them from local files only."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import URLPattern, URLResolver, get_resolver

from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def api_routes() -> set[str]:
    """Every route of /api/v1/ in the URLconf, as an OpenAPI path."""
    routes: set[str] = set()

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            text = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, text)
            elif isinstance(pattern, URLPattern) and text.startswith("api/v1/"):
                routes.add(text)

    walk(get_resolver().url_patterns, "")
    paths = set()
    for route in routes:
        if "format" in route or route == "api/v1/":
            continue  # format suffixes and the browsable root
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", route.replace("^", "").replace("$", ""))
        paths.add("/" + path.replace("{pk}", "{id}"))
    return paths


def test_the_schema_documents_every_api_route(organiser) -> None:
    schema = client_for(organiser).get("/api/schema/", {"format": "json"}).json()
    assert api_routes() == set(schema["paths"])
    assert len(schema["paths"]) >= 20


def test_every_operation_documents_its_errors(organiser) -> None:
    schema = client_for(organiser).get("/api/schema/", {"format": "json"}).json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {"400", "401", "404"} <= set(operation["responses"]), (method, path)
            if method == "post" and "{id}" in path:
                assert {"412", "428"} <= set(operation["responses"]), path


def test_the_docs_page_loads_nothing_from_another_host(client) -> None:
    html = client.get("/api/docs/").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    assert all(a.startswith("/static/") or a.startswith("/api/") for a in assets), assets
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
