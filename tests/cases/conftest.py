"""Fixtures shared by the case tests: a writ in district A and a way to post the page's forms."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from landclaims.cases.models import LegalCase
from landclaims.cases.services import hearing_schedule
from tests.factories import make_case, make_user


@pytest.fixture
def case(org, places) -> LegalCase:
    return make_case(organisation=org, district=places.district_a, number="364", year=2017)


@pytest.fixture
def past_hearing(case):
    """A hearing whose date (28 May 2024) has come: it is recorded as held or adjourned."""
    return hearing_schedule(
        case=case, on=date(2024, 5, 28), purpose="hearing", by=None, fixed_on=date(2024, 5, 1)
    )


def post_form(client: Any, url_name: str, case: LegalCase, prefix: str, **fields: Any) -> Any:
    """Post one of the case page's forms as the page renders it: prefixed, with the version
    and status the page showed (taken from the database unless given)."""
    args = [case.pk, *([fields.pop("hearing").pk] if "hearing" in fields else [])]
    case.refresh_from_db()
    data = {"version": case.version, "seen_status": case.status, "seen_outcome": case.outcome}
    data.update(fields)
    return client.post(
        reverse(f"cases:{url_name}", args=args), {f"{prefix}-{k}": v for k, v in data.items()}
    )


@pytest.fixture
def legal_staff(org):
    """Legal support staff of the whole organisation: the role that records on cases."""
    return make_user(organisation=org, role="legal")


@pytest.fixture(autouse=True)
def today(frozen_today):
    return frozen_today
