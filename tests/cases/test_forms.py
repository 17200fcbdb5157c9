"""The case forms: digits in either script, filters that narrow only when filled, errors
placed where the user will see them, and which forms a case's state offers."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from landclaims.cases.selectors import case_detail
from landclaims.cases.services import case_record_judgment, hearing_schedule
from landclaims.core.concurrency import EditConflict
from landclaims.core.text import bengali_digits
from landclaims.records.forms.cases import (
    CaseFilterForm,
    HearingAdjournForm,
    JudgmentForm,
    forms_shown,
)

pytestmark = pytest.mark.django_db


def _adjourn(**fields) -> HearingAdjournForm:
    data = {"version": "3", "seen_status": "pending", "seen_outcome": "", **fields}
    return HearingAdjournForm({f"adjourn-{k}": v for k, v in data.items()})


@pytest.mark.parametrize(
    "typed",
    [bengali_digits("10/07/2024"), "10/07/2024", "2024-07-10", bengali_digits("10.07.2024")],
)
def test_a_date_is_read_day_first_in_bengali_or_ascii_digits(typed) -> None:
    form = _adjourn(next_on=typed, purpose="argument")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["next_on"] == date(2024, 7, 10)


def test_the_form_hands_the_service_the_version_and_what_the_page_showed() -> None:
    form = _adjourn(next_on="2024-07-10", purpose="argument")
    assert form.is_valid()
    assert form.concurrency() == {
        "expected_version": 3,
        "seen": {"status": "pending", "outcome": ""},
    }


def test_a_form_without_the_version_is_refused() -> None:
    form = HearingAdjournForm({"adjourn-next_on": "2024-07-10", "adjourn-purpose": "x"})
    assert "version" in form.errors


def test_a_service_error_naming_a_field_is_shown_beside_it() -> None:
    form = _adjourn(next_on="2024-05-01", purpose="argument")
    assert form.is_valid()
    form.add_service_error(ValidationError({"next_on": "too early", "status": "already held"}))
    assert form.errors["next_on"] == ["too early"]
    assert form.non_field_errors() == ["already held"]


def test_an_edit_conflict_is_shown_at_the_top_of_the_form() -> None:
    form = _adjourn(next_on="2024-07-10", purpose="argument")
    assert form.is_valid()
    form.add_service_error(EditConflict(["status is now “Disposed”"]))
    assert "status is now “Disposed”" in form.non_field_errors()[0]


def test_the_judgment_form_requires_an_outcome() -> None:
    data = {"version": "1", "on": "2024-05-02", "outcome": ""}
    form = JudgmentForm({f"judgment-{k}": v for k, v in data.items()})
    assert "outcome" in form.errors
    assert "" not in dict(form.fields["outcome"].choices)


def test_empty_filters_narrow_nothing(legal_staff) -> None:
    assert CaseFilterForm({}, user=legal_staff).filters() == {}


def test_a_filter_typed_wrong_is_dropped_and_the_others_kept(legal_staff) -> None:
    form = CaseFilterForm(
        {"next_to": "৩১/১২/২০২৪", "next_from": "soon", "number": "৩৬৪"}, user=legal_staff
    )
    assert form.filters() == {"next_to": date(2024, 12, 31), "number": "364"}
    assert "next_from" in form.errors


def test_the_district_filter_offers_only_districts_of_visible_cases(
    legal_a, org, places, case
) -> None:
    from tests.factories import make_case

    make_case(organisation=org, district=places.district_b)
    districts = CaseFilterForm({}, user=legal_a).fields["district"].queryset
    assert list(districts) == [places.district_a]


def _shown(user, case) -> set[str]:
    return forms_shown(case_detail(user=user, pk=case.pk))


def test_a_case_without_a_date_offers_to_fix_one(legal_staff, case) -> None:
    assert _shown(legal_staff, case) == {"schedule", "order", "judgment"}


def test_a_date_that_has_come_is_held_or_adjourned(legal_staff, case, past_hearing) -> None:
    assert _shown(legal_staff, case) == {"held", "adjourn", "order", "judgment"}


def test_a_date_still_ahead_may_be_moved_or_adjourned(legal_staff, case) -> None:
    hearing_schedule(case=case, on=date(2024, 6, 20), purpose="hearing", by=None)
    assert _shown(legal_staff, case) == {"move", "adjourn", "order", "judgment"}


def test_a_disposed_case_offers_no_writes(legal_staff, case) -> None:
    case_record_judgment(case=case, on=date(2024, 5, 2), outcome="partly", by=None)
    assert _shown(legal_staff, case) == set()
