"""Fuzzing every operation of /api/schema/ in process: no server error, and every answer in
the documented status codes, content types and shapes.

Seeded (derandomised) so a run is repeatable; a bounded number of examples per operation
keeps it to about a minute on two cores.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import schemathesis
import time_machine
from django.db import connection
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from landclaims.cases.models import LegalCase
from landclaims.claims.models import Claim
from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.services import member_create
from landclaims.wsgi import application
from tests.api.conftest import build_world, key_for
from tests.conftest import make_org, make_other_org, make_places
from tests.factories import make_user
from tests.flush import empty_written_tables
from tests.fuzz import schema_fuzz_settings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wsgi_keeps_test_connection")]

EXAMPLES = 30
TODAY = date(2024, 6, 1)  # as conftest's frozen_today
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """The organisations, places and records every operation is fuzzed against, built once
    for the module (committed, emptied at its end). Each operation's test runs in a
    transaction of its own, so what the fuzzing writes is rolled back as before."""
    with django_db_blocker.unblock():
        try:
            with time_machine.travel(TODAY, tick=False):
                org, other_org = make_org(), make_other_org()
                yield org, build_world(org, other_org, make_places())
        finally:
            empty_written_tables(connection)


@pytest.fixture
def org(shared):
    return shared[0]


@pytest.fixture
def world(shared, frozen_today):
    return shared[1]


@pytest.fixture
def fuzz_user(org):
    return make_user(organisation=org, role="admin")


# Ids of real records for the operation being fuzzed, filled by the `known` fixture.
KNOWN: dict[str, list[int]] = {}

# Loaded at collection: drf-spectacular builds the schema without touching the database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
# Valid and invalid data (wrong types, values outside enums and ranges), whatever
# schemathesis's default.
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
RAN: list[str] = []


@pytest.fixture(autouse=True, scope="module")
def count_examples():
    """How many requests the run made (shown with -s): the cost a change to EXAMPLES buys."""
    yield
    print(f"\nAPI schemathesis: {len(RAN)} examples over {len(set(RAN))} operations")


def steer(case: Any) -> None:
    """Point most generated path ids at real records (of both organisations), and send the
    record's current ETag two times in three, so the fuzzing reaches the services and not
    only the 404s and 412s. Done here rather than in schemathesis hooks, which do not see
    the cases of every generation phase."""
    resource = case.operation.path.split("/")[3]
    for name, value in list((case.path_parameters or {}).items()):
        choices = KNOWN.get(name if name == "hearing_pk" else resource)
        text = str(value)
        if not (choices and text.isascii() and text.isdigit() and len(text) < 10):
            continue  # left as generated: the 404s and refusals are fuzzed too
        number = int(text)
        if number % (len(choices) + 1) < len(choices):
            case.path_parameters[name] = choices[number % (len(choices) + 1)]
    headers = case.headers if case.headers is not None else {}
    model = {"claims": Claim, "cases": LegalCase, "groups": LandlessGroup, "members": Member}.get(
        resource
    )
    record_id = str((case.path_parameters or {}).get("id", ""))
    if "If-Match" not in headers or model is None or not record_id.isascii():
        return
    if not record_id.isdigit():
        return
    record = model.objects.filter(pk=int(record_id)).first()
    if record is not None and len(str(headers["If-Match"])) % 3 != 0:
        headers["If-Match"] = f'"{record.version}"'


@pytest.fixture
def known(world):
    KNOWN.clear()
    KNOWN.update(
        {
            "claims": [world.claim_a.pk, world.claim_b.pk, world.claim_other.pk],
            "cases": [world.case_a.pk, world.case_b.pk, world.case_other.pk],
            "hearing_pk": [world.hearing_a.pk, world.hearing_other.pk],
            "hearings": [world.hearing_a.pk, world.hearing_other.pk],
            "allocations": [world.allocation_a.pk, world.allocation_other.pk],
            "incidents": [world.incident_a.pk, world.incident_other.pk],
            "groups": [c.groups.get().pk for c in (world.claim_a, world.claim_other)],
            "members": [
                member_create(
                    group=c.groups.get(),
                    code="S-1",
                    sex="female",
                    priority_category="outside_policy",
                ).pk
                for c in (world.claim_a, world.claim_other)
            ],
        }
    )
    return KNOWN


@schema.parametrize()
@schema_fuzz_settings(EXAMPLES)
def test_every_operation_answers_within_its_schema(case, fuzz_user, known) -> None:
    RAN.append(case.operation.label)
    key = getattr(fuzz_user, "_fuzz_key", None) or key_for(fuzz_user)
    fuzz_user._fuzz_key = key
    steer(case)
    case.call_and_validate(headers={"Authorization": f"Token {key}"}, checks=CHECKS)
