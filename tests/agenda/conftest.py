"""The agenda's world: Saturday 1 June 2024, 10:00 in Dhaka, mail caught in memory."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from landclaims.cases.models import LegalCase
from tests.agenda.helpers import TODAY
from tests.factories import make_case


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(
        datetime(2024, 6, 1, 10, 0, tzinfo=ZoneInfo("Asia/Dhaka")), tick=False
    ):
        yield TODAY


@pytest.fixture(autouse=True)
def mailbox(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture
def case_a(org, places) -> LegalCase:
    """A writ in district A (Tangail), where legal_a works."""
    return make_case(organisation=org, district=places.district_a, number="364", year=2017)


@pytest.fixture
def case_b(org, places) -> LegalCase:
    """A suit in district B (Gaibandha), outside legal_a's districts."""
    return make_case(
        organisation=org,
        district=places.district_b,
        case_type="civil_suit",
        forum_level="joint_district_judge",
        court_name="Joint District Judge, 1st Court, Gaibandha",
        number="88",
        year=2019,
    )
