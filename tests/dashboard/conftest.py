"""The demo data, seeded once for the dashboard tests and flushed after them."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command


@pytest.fixture(scope="module")
def demo_data(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        call_command("seed_demo", "--parcels", "400", "--seed", "7", stdout=StringIO())
        yield
        # Committed outside the tests' transactions, so it must go for the next module.
        call_command("flush", "--no-input", verbosity=0)
