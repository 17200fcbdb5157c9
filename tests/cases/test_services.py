"""Court cases: numbers in the court's form, hearings that move, orders in force."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from landclaims.cases.models import Hearing, LegalCase
from landclaims.cases.selectors import case_list, interim_order_list_in_force
from landclaims.cases.services import (
    case_add_party,
    case_record_event,
    case_record_judgment,
    hearing_adjourn,
    hearing_record_held,
    hearing_reschedule,
    hearing_schedule,
    interim_order_record,
)
from landclaims.core.concurrency import EditConflict
from landclaims.groups.services import member_create
from tests.factories import make_case, make_group

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("case_type", "expected"),
    [
        ("writ", "Writ Petition No. 364 of 2017"),
        ("civil_suit", "Title Suit No. 364 of 2017"),
        ("criminal_gr", "G.R. Case No. 364 of 2017"),
        ("civil_revision", "Civil Revision No. 364 of 2017"),
    ],
)
def test_case_numbers_read_as_the_court_writes_them(case_type, expected) -> None:
    assert LegalCase(case_type=case_type, number="364", year=2017).display_no == expected


def test_case_numbers_typed_in_bengali_digits_are_stored_in_ascii(org, places) -> None:
    case = make_case(organisation=org, district=places.district_a, number="৩৬৪")
    assert case.number == "364"


def test_a_case_in_a_union_instead_of_a_district_is_refused(org, places) -> None:
    with pytest.raises(ValidationError) as error:
        make_case(organisation=org, district=places.union_a)
    assert "district" in error.value.message_dict


def test_the_same_number_in_the_same_court_twice_is_refused(case, org, places) -> None:
    with pytest.raises(ValidationError):
        make_case(organisation=org, district=places.district_a, number="364", year=2017)


def test_a_filing_date_outside_the_case_year_is_refused(org, places) -> None:
    with pytest.raises(ValidationError) as error:
        make_case(
            organisation=org, district=places.district_a, year=2017, filed_on=date(2018, 1, 3)
        )
    assert "year" in error.value.message_dict


def test_an_appeal_links_to_its_parent_case(case, org, places) -> None:
    appeal = make_case(
        organisation=org, district=places.district_a, case_type="appellate_division", parent=case
    )
    assert list(case.children.all()) == [appeal]


def test_an_adjournment_keeps_the_old_date_and_opens_the_next(case) -> None:
    first = hearing_schedule(
        case=case, on=date(2024, 5, 2), purpose="hearing", by=None, fixed_on=date(2024, 4, 1)
    )
    second = hearing_adjourn(hearing=first, next_on=date(2024, 7, 10), purpose="argument", by=None)
    first.refresh_from_db()
    assert first.status == Hearing.Status.ADJOURNED
    assert (second.previous, second.scheduled_on, second.status) == (
        first,
        date(2024, 7, 10),
        "scheduled",
    )
    assert list(case.events.values_list("kind", flat=True)) == ["hearing_fixed", "adjourned"]


def test_an_adjournment_to_an_earlier_date_is_refused(case) -> None:
    hearing = hearing_schedule(case=case, on=date(2024, 5, 2), purpose="hearing", by=None)
    with pytest.raises(ValidationError) as error:
        hearing_adjourn(hearing=hearing, next_on=date(2024, 5, 1), purpose="x", by=None)
    assert "next_on" in error.value.message_dict


def test_a_case_has_one_pending_hearing_at_a_time(case) -> None:
    hearing_schedule(case=case, on=date(2024, 7, 2), purpose="hearing", by=None)
    with pytest.raises(ValidationError):
        hearing_schedule(case=case, on=date(2024, 8, 2), purpose="hearing", by=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Hearing.objects.create(case=case, scheduled_on=date(2024, 9, 1))


def test_a_hearing_in_the_future_cannot_be_recorded_as_held(case) -> None:
    hearing = hearing_schedule(case=case, on=date(2024, 7, 2), purpose="hearing", by=None)
    with pytest.raises(ValidationError) as error:
        hearing_record_held(hearing=hearing, by=None)
    assert "future" in str(error.value)


def test_a_closed_hearing_cannot_be_adjourned_again(case) -> None:
    hearing = hearing_schedule(case=case, on=date(2024, 5, 2), purpose="hearing", by=None)
    hearing_record_held(hearing=hearing, by=None)
    with pytest.raises(ValidationError) as error:
        hearing_adjourn(hearing=hearing, next_on=date(2024, 7, 1), purpose="x", by=None)
    assert "already" in error.value.message_dict["status"][0]


def test_the_next_date_is_the_pending_hearing(case, organiser) -> None:
    hearing_schedule(case=case, on=date(2024, 7, 2), purpose="hearing", by=None)
    assert case_list(user=organiser).get(pk=case.pk).next_on == date(2024, 7, 2)


def test_an_order_is_in_force_between_its_dates(case, organiser) -> None:
    interim_order_record(
        case=case, kind="stay", made_on=date(2024, 1, 1), in_force_until=date(2024, 7, 1), by=None
    )
    interim_order_record(
        case=case,
        kind="injunction",
        made_on=date(2024, 1, 1),
        in_force_until=date(2024, 3, 1),
        by=None,
    )
    in_force = interim_order_list_in_force(user=organiser)
    assert [o.kind for o in in_force] == ["stay"]


def test_an_order_cannot_expire_before_it_starts(case) -> None:
    with pytest.raises(ValidationError):
        interim_order_record(
            case=case,
            kind="stay",
            made_on=date(2024, 2, 1),
            in_force_until=date(2024, 1, 1),
            by=None,
        )


def test_case_events_must_follow_in_date_order(case) -> None:
    case_record_event(case=case, kind="charge_sheet", on=date(2024, 3, 1), by=None)
    with pytest.raises(ValidationError) as error:
        case_record_event(case=case, kind="charge_framed", on=date(2024, 2, 1), by=None)
    assert "before the previous event" in error.value.message_dict["on"][0]


def test_a_member_accused_is_a_party_on_our_side(case, org, places) -> None:
    group = make_group(organisation=org, village=places.village_a)
    member = member_create(
        group=group, code="M1", sex="male", priority_category="no_homestead_no_land"
    )
    party = case_add_party(case=case, name="M1", role="accused", side="ours", member=member)
    assert party.member == member
    with pytest.raises(ValidationError):
        case_add_party(case=case, name="M1", role="accused", side="theirs", member=member)


def test_another_organisations_member_cannot_be_a_party(case, other_org, places) -> None:
    group = make_group(organisation=other_org, village=places.village_a)
    member = member_create(
        group=group, code="X1", sex="male", priority_category="no_homestead_no_land"
    )
    with pytest.raises(ValidationError) as error:
        case_add_party(case=case, name="X1", role="accused", side="ours", member=member)
    assert "member" in error.value.message_dict


# --- moving a hearing on the court's notice -------------------------------------------------


def test_a_moved_hearing_keeps_its_series_and_counts_the_move(case) -> None:
    hearing = hearing_schedule(case=case, on=date(2024, 7, 2), purpose="hearing", by=None)
    moved = hearing_reschedule(hearing=hearing, new_on=date(2024, 7, 9), by=None)
    moved.refresh_from_db()
    assert (moved.pk, moved.series, moved.status) == (hearing.pk, hearing.series, "scheduled")
    assert (moved.scheduled_on, moved.sequence) == (date(2024, 7, 9), hearing.sequence + 1)
    event = case.events.get(kind="hearing_fixed", note__startswith="moved")
    assert (event.note, event.happened_on, event.hearing) == (
        "moved from 2024-07-02",
        date(2024, 6, 1),
        moved,
    )


def test_a_hearing_moved_to_its_own_date_is_refused(case) -> None:
    hearing = hearing_schedule(case=case, on=date(2024, 7, 2), purpose="hearing", by=None)
    with pytest.raises(ValidationError) as error:
        hearing_reschedule(hearing=hearing, new_on=date(2024, 7, 2), by=None)
    assert "new_on" in error.value.message_dict


def test_a_hearing_cannot_be_moved_before_the_date_it_was_adjourned_from(case) -> None:
    first = hearing_schedule(case=case, on=date(2024, 5, 2), purpose="hearing", by=None)
    second = hearing_adjourn(hearing=first, next_on=date(2024, 7, 1), purpose="x", by=None)
    with pytest.raises(ValidationError) as error:
        hearing_reschedule(hearing=second, new_on=date(2024, 5, 2), by=None)
    assert "new_on" in error.value.message_dict
    second.refresh_from_db()
    assert second.scheduled_on == date(2024, 7, 1)


def test_a_hearing_no_longer_scheduled_cannot_be_moved(case) -> None:
    hearing = hearing_schedule(case=case, on=date(2024, 5, 2), purpose="hearing", by=None)
    hearing_record_held(hearing=hearing, by=None)
    with pytest.raises(ValidationError) as error:
        hearing_reschedule(hearing=hearing, new_on=date(2024, 7, 1), by=None)
    assert "status" in error.value.message_dict


# --- judgment --------------------------------------------------------------------------


def test_a_judgment_disposes_of_the_case_with_its_outcome(case) -> None:
    disposed = case_record_judgment(case=case, on=date(2024, 5, 2), outcome="partly", by=None)
    case.refresh_from_db()
    assert (
        (case.status, case.outcome)
        == ("disposed", "partly")
        == (
            disposed.status,
            disposed.outcome,
        )
    )
    assert list(case.events.values_list("kind", "happened_on")) == [("judgment", date(2024, 5, 2))]


def test_the_hearing_of_the_judgment_day_is_recorded_as_held(case) -> None:
    hearing = hearing_schedule(
        case=case, on=date(2024, 5, 2), purpose="judgment", by=None, fixed_on=date(2024, 4, 1)
    )
    case_record_judgment(case=case, on=date(2024, 5, 2), outcome="in_our_favour", by=None)
    hearing.refresh_from_db()
    assert hearing.status == "held"
    assert list(case.events.values_list("kind", flat=True)) == [
        "hearing_fixed",
        "hearing_held",
        "judgment",
    ]


def test_a_later_hearing_of_a_disposed_case_is_cancelled(case, organiser) -> None:
    hearing = hearing_schedule(case=case, on=date(2024, 7, 2), purpose="hearing", by=None)
    case_record_judgment(case=case, on=date(2024, 6, 1), outcome="in_our_favour", by=None)
    hearing.refresh_from_db()
    assert hearing.status == "cancelled"
    assert case_list(user=organiser).get(pk=case.pk).next_on is None


def test_a_judgment_after_an_unrecorded_hearing_is_refused(case) -> None:
    hearing_schedule(
        case=case, on=date(2024, 5, 2), purpose="hearing", by=None, fixed_on=date(2024, 4, 1)
    )
    with pytest.raises(ValidationError) as error:
        case_record_judgment(case=case, on=date(2024, 5, 20), outcome="partly", by=None)
    assert "not recorded yet" in error.value.message_dict["on"][0]
    case.refresh_from_db()
    assert case.status == "pending"


def test_a_judgment_needs_an_outcome(case) -> None:
    with pytest.raises(ValidationError) as error:
        case_record_judgment(case=case, on=date(2024, 5, 2), outcome="", by=None)
    assert "outcome" in error.value.message_dict


def test_a_disposed_case_takes_no_second_judgment_nor_a_new_hearing(case) -> None:
    case_record_judgment(case=case, on=date(2024, 5, 2), outcome="partly", by=None)
    with pytest.raises(ValidationError) as error:
        case_record_judgment(case=case, on=date(2024, 5, 3), outcome="against_us", by=None)
    assert "status" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        hearing_schedule(case=case, on=date(2024, 7, 1), purpose="hearing", by=None)
    assert "on" in error.value.message_dict


# --- versions --------------------------------------------------------------------------


def test_every_write_raises_the_cases_version(case) -> None:
    def version() -> int:
        return LegalCase.objects.get(pk=case.pk).version

    before = version()
    hearing = hearing_schedule(case=case, on=date(2024, 5, 2), purpose="hearing", by=None)
    hearing = hearing_adjourn(hearing=hearing, next_on=date(2024, 6, 20), purpose="x", by=None)
    hearing_reschedule(hearing=hearing, new_on=date(2024, 6, 25), by=None)
    interim_order_record(case=case, kind="stay", made_on=date(2024, 6, 1), by=None)
    case_record_event(case=case, kind="charge_sheet", on=date(2024, 6, 1), by=None)
    assert version() == before + 5


def test_a_write_from_a_stale_version_is_refused_and_writes_nothing(case) -> None:
    hearing = hearing_schedule(case=case, on=date(2024, 5, 2), purpose="hearing", by=None)
    loaded = LegalCase.objects.get(pk=case.pk).version
    hearing_adjourn(
        hearing=hearing, next_on=date(2024, 7, 1), purpose="x", by=None, expected_version=loaded
    )
    following = case.hearings.get(status="scheduled")
    with pytest.raises(EditConflict):
        hearing_reschedule(
            hearing=following, new_on=date(2024, 8, 1), by=None, expected_version=loaded
        )
    following.refresh_from_db()
    assert (following.scheduled_on, following.sequence) == (date(2024, 7, 1), 1)
    assert LegalCase.objects.get(pk=case.pk).version == loaded + 1


def test_a_refused_stale_write_says_which_shown_value_changed(case) -> None:
    loaded = LegalCase.objects.get(pk=case.pk).version
    case_record_judgment(case=case, on=date(2024, 5, 2), outcome="partly", by=None)
    with pytest.raises(EditConflict) as conflict:
        interim_order_record(
            case=case,
            kind="stay",
            made_on=date(2024, 5, 3),
            by=None,
            expected_version=loaded,
            seen={"status": "pending", "outcome": ""},
        )
    assert "status is now “Disposed” (you saw “Pending”)" in conflict.value.messages[0]
    assert not case.interim_orders.exists()


@pytest.mark.parametrize("number", ["364", "682 (F)", "39(d)", "১৯৯৪/22"])
def test_case_numbers_in_the_courts_forms_are_accepted(org, places, number) -> None:
    from tests.factories import make_case

    assert make_case(organisation=org, district=places.district_a, number=number).number


@pytest.mark.parametrize("number", ["Writ Petition No. 364 of 2017", "abc", "", "364 of 2017"])
def test_a_case_number_in_the_wrong_form_is_refused_beside_the_field(org, places, number) -> None:
    from django.core.exceptions import ValidationError

    from tests.factories import make_case

    with pytest.raises(ValidationError) as error:
        make_case(organisation=org, district=places.district_a, number=number)
    assert "number" in error.value.message_dict
