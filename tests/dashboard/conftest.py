"""The demo data, seeded once for the dashboard tests and flushed after them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command

from tests.demo_data import seed_demo


@pytest.fixture(scope="module")
def demo_data(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        seed_demo()
        yield
        # Committed outside the tests' transactions, so it must go for the next module.
        call_command("flush", "--no-input", verbosity=0)
