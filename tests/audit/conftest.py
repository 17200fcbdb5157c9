"""Fixtures of the audit-trail tests: a claim and a case of district A, and a way to read the
events pghistory's triggers wrote."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import models

from tests.factories import make_case, make_claim, make_user


def events(model: type[models.Model], **filters: Any) -> list[Any]:
    """The audit events of `model`, oldest first."""
    event_model = model._meta.apps.get_model(model._meta.app_label, f"{model.__name__}Audit")
    return list(event_model.objects.filter(**filters).order_by("pgh_id"))


def labels(model: type[models.Model], pk: int) -> list[str]:
    return [event.pgh_label for event in events(model, pgh_obj_id=pk)]


@pytest.fixture
def claim(org, places):
    return make_claim(
        organisation=org, village=places.village_a, mouza=places.mouza_a, title="Bil Kuralia"
    )


@pytest.fixture
def case(org, places):
    return make_case(organisation=org, district=places.district_a, number="364", year=2017)


@pytest.fixture(autouse=True)
def today(frozen_today):
    return frozen_today


@pytest.fixture
def legal_staff(org):
    return make_user(organisation=org, role="legal")
