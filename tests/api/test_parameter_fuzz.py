"""Every query parameter and header the REST API takes, fuzzed with hostile Unicode: never a
5xx, every refusal the API's JSON error, and a 400 names the parameter it refuses.

The parameters come from the API's own schema (drf-spectacular, built in process), so a new
filter is fuzzed the day it is added; the headers from the schema's header parameters and
security schemes, and from the code that reads them.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from landclaims.api.authentication import KEY_HEADER
from tests.api.conftest import key_for
from tests.factories import make_user
from tests.fuzz import HEADER_KILLERS, HEADER_VALUES, QUERY_VALUES, try_values

pytestmark = pytest.mark.django_db

SCHEMA = SchemaGenerator().get_schema(request=None, public=True)


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, operations in SCHEMA["paths"].items()
        for method, operation in operations.items()
    ]


QUERY_PARAMETERS = sorted(
    (path, parameter["name"])
    for method, path, operation in _operations()
    for parameter in operation.get("parameters", [])
    if parameter["in"] == "query" and method == "get"
)
HEADER_OPERATIONS = sorted(
    (method, path, parameter["name"])
    for method, path, operation in _operations()
    for parameter in operation.get("parameters", [])
    if parameter["in"] == "header"
)
AUTH_HEADERS = sorted(
    {s["name"] for s in SCHEMA["components"]["securitySchemes"].values() if s["in"] == "header"}
    | {KEY_HEADER, "Accept", "Accept-Language"}  # read by the code and by Django's middleware
)


def environ_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


def check(response: Any, name: str) -> None:
    assert response.status_code < 500, (name, response.status_code)
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"detail", "errors"}
        if response.status_code == 400:
            assert name in {error["field"] for error in body["errors"]}, body


@pytest.fixture
def key(org) -> str:
    return key_for(make_user(organisation=org, role="admin"))


def test_the_schema_lists_the_parameters_that_broke_before() -> None:
    names = {name for _path, name in QUERY_PARAMETERS}
    assert {"in_bbox", "page", "page_size", "district", "next_from"} <= names
    assert {name for _m, _p, name in HEADER_OPERATIONS} == {"If-Match"}
    assert "Authorization" in AUTH_HEADERS


def test_every_query_parameter_refuses_hostile_values_with_a_named_400(world, key) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    ran = 0
    for path, name in QUERY_PARAMETERS:

        def one(value: str, path: str = path, name: str = name) -> None:
            check(client.get(path, {name: value}), name)

        ran += try_values(f"api {path} {name}", QUERY_VALUES, one)
    print(f"\nAPI query parameters: {len(QUERY_PARAMETERS)} fuzzed, {ran} requests")


def _path_for(path: str, world: Any) -> str:
    record = world.case_a if path.startswith("/api/v1/cases/") else world.claim_a
    return path.replace("{id}", str(record.pk)).replace("{hearing_pk}", str(world.hearing_a.pk))


def test_every_header_refuses_hostile_values_as_json(world, key) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    ran = 0
    for method, path, header in HEADER_OPERATIONS:
        url = _path_for(path, world)

        def change(value: str, method: str = method, url: str = url, header: str = header) -> None:
            response = getattr(client, method)(
                url, {}, content_type="application/json", **{environ_key(header): value}
            )
            check(response, header)
            assert response.status_code in (400, 404, 412, 428), response.status_code

        ran += try_values(f"api {method} {path} {header}", HEADER_VALUES, change, HEADER_KILLERS)
    for header in AUTH_HEADERS:

        def read(value: str, header: str = header) -> None:
            if header == "Authorization":
                value = f"Token {value}"  # a scheme the API reads, so the key is looked up
            response = client.get("/api/v1/claims/", **{environ_key(header): value})
            check(response, header)

        ran += try_values(f"api header {header}", HEADER_VALUES, read, HEADER_KILLERS)
    print(f"\nAPI headers: {len(HEADER_OPERATIONS) + len(AUTH_HEADERS)} fuzzed, {ran} requests")
