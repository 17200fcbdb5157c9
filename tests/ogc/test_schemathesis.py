"""Fuzzing every operation of the OGC service's own definition (/ogc/api) in process, with
valid and invalid data: no server error, every answer in the documented status codes and
content types, and a 400 names a parameter the request sent.

Seeded (derandomised) so a run is repeatable; EXAMPLES per operation keeps it short.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.test import RequestFactory
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, status_code_conformance

from landclaims.ogc.openapi import openapi
from landclaims.wsgi import application
from tests.fuzz import schema_fuzz_settings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wsgi_keeps_test_connection")]

EXAMPLES = 10
# Built in process at collection (the definition needs no database); "localhost" is an
# allowed host before the test settings add "testserver".
schema = schemathesis.openapi.from_dict(openapi(RequestFactory(SERVER_NAME="localhost").get("/")))
schema.app = application
# Both valid and invalid data, whatever schemathesis's default.
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])


@schemathesis.check
def names_a_parameter_it_was_sent(ctx: Any, response: Any, case: Any) -> None:
    """A 400 exception document starts with the name of a parameter of the request."""
    if response.status_code != 400 or "json" not in response.headers.get("content-type", [""])[0]:
        return
    named = response.json()["description"].split(":")[0]
    sent = set(case.query or {}) | set(case.headers or {})
    assert named in sent, f"{named!r} is not one of the parameters sent, {sorted(sent)}"


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    names_a_parameter_it_was_sent,
]
RAN: list[str] = []


@pytest.fixture(autouse=True, scope="module")
def count_examples():
    """How many requests the run made (shown with -s): the cost a change to EXAMPLES buys."""
    yield
    print(f"\nOGC schemathesis: {len(RAN)} examples over {len(set(RAN))} operations")


@schema.parametrize()
@schema_fuzz_settings(EXAMPLES)
def test_every_operation_answers_within_the_definition(case, records, monitor_key) -> None:
    RAN.append(case.operation.label)
    headers = {"X-API-Key": monitor_key, **(case.headers or {})}
    case.call_and_validate(headers=headers, checks=CHECKS)
