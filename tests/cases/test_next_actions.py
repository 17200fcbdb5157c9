"""What may be recorded on a case next has one rule (`case_next_actions`): the case page
offers exactly its forms and the API lists exactly its actions, for the same case."""

from __future__ import annotations

from datetime import date

import pytest

from landclaims.cases.selectors import case_detail
from landclaims.cases.services import case_record_judgment, hearing_schedule
from landclaims.records.forms.cases import forms_shown
from tests.api.conftest import client_for

# The form that records each action on the case page.
PREFIX = {
    "hearing_schedule": "schedule",
    "hearing_held": "held",
    "hearing_adjourn": "adjourn",
    "hearing_move": "move",
    "order_record": "order",
    "judgment_record": "judgment",
}


def _api_actions(user, case) -> list[str]:
    response = client_for(user).get(f"/api/v1/cases/{case.pk}/")
    assert response.status_code == 200
    return response.json()["next_actions"]


def _page_forms(user, case) -> set[str]:
    return forms_shown(case_detail(user=user, pk=case.pk))


def _agree(user, case) -> list[str]:
    actions = _api_actions(user, case)
    assert {PREFIX[action] for action in actions} == _page_forms(user, case)
    return actions


@pytest.mark.django_db
def test_a_case_without_a_date_may_get_one(legal_staff, case) -> None:
    assert _agree(legal_staff, case) == ["hearing_schedule", "order_record", "judgment_record"]


@pytest.mark.django_db
def test_a_date_that_has_come_is_held_or_adjourned(legal_staff, case, past_hearing) -> None:
    expected = ["hearing_held", "hearing_adjourn", "order_record", "judgment_record"]
    assert _agree(legal_staff, case) == expected


@pytest.mark.django_db
def test_a_date_ahead_may_be_moved_or_adjourned(legal_staff, case) -> None:
    hearing_schedule(case=case, on=date(2024, 6, 20), purpose="hearing", by=None)
    expected = ["hearing_move", "hearing_adjourn", "order_record", "judgment_record"]
    assert _agree(legal_staff, case) == expected


@pytest.mark.django_db
def test_a_disposed_case_takes_no_more_writes(legal_staff, case) -> None:
    case_record_judgment(case=case, on=date(2024, 5, 2), outcome="partly", by=None)
    assert _agree(legal_staff, case) == []
