"""Fixtures of the savings tests: a women's group of 25 in district A, one person of each
role, and the ledger check after every test that uses the group."""

from __future__ import annotations

from typing import Any

import pytest

from landclaims.groups.models import LandlessGroup
from tests.factories import make_group, make_user
from tests.savings.ledger import assert_ledger_balances


@pytest.fixture
def group(org, places) -> Any:
    group: LandlessGroup = make_group(
        organisation=org, village=places.village_a, members_women=25, meeting_day="fri"
    )
    yield group
    # Whatever the test did (or was refused), the ledger still balances.
    assert_ledger_balances(group)


@pytest.fixture
def users(org) -> dict[str, Any]:
    return {
        role: make_user(organisation=org, role=role)
        for role in ("admin", "legal", "organiser", "monitor", "viewer")
    }
