"""The seeded demo has the groups' public action: sit-ins at the UNO's and AC Land's offices
on claims, a human chain after an eviction, memoranda to the DC, shalish attended, and
watchdog visits with safety-net checks, some finding irregularities."""

from __future__ import annotations

import pytest

from landclaims.actions.models import Action, SafetyNetCheck
from tests.demo_data import seed_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        yield seed_demo()
        from django.core.management import call_command as flush

        flush("flush", "--no-input")


def test_every_kind_of_action_but_other_is_seeded(seeded) -> None:
    kinds = set(Action.objects.values_list("kind", flat=True))
    assert kinds == set(Action.Kind.values) - {"rally", "meeting_officials", "other"}


def test_sit_ins_are_about_claims_and_human_chains_answer_evictions(seeded) -> None:
    sit_ins = Action.objects.filter(kind="sit_in")
    assert sit_ins.exists()
    assert not sit_ins.filter(claims__isnull=True).exists()
    chain = Action.objects.filter(kind="human_chain").first()
    assert chain is not None
    eviction = chain.incidents.get()
    assert eviction.kind == "eviction" and chain.took_place_on >= eviction.occurred_on


def test_watchdog_visits_carry_checks_some_with_irregularities(seeded) -> None:
    checks = SafetyNetCheck.objects.all()
    assert checks.exists()
    assert not checks.filter(action__isnull=True).exists()
    assert checks.filter(irregularities_found=True).exclude(irregularities="").exists()
