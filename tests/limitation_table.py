"""The seeded limitation table, for the tests that read it.

The migration `cases/0009_limitation_rules` seeds the rules and closures; a transactional test
empties every table it finds rows in (tests/flush.py), seeded ones included, so a test that
needs the table puts it back with the migration's own function when it is gone."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from landclaims.cases.models import LimitationRule

SEED = importlib.import_module("landclaims.cases.migrations.0009_limitation_rules")


@pytest.fixture
def limitation_table() -> None:
    if LimitationRule.objects.count() < len(SEED.RULES):
        SEED.seed(apps, None)
