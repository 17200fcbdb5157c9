"""Claim services: opening, advancing, refusing, possession, all against PostGIS."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from landclaims.claims.models import ClaimEvent
from landclaims.claims.selectors import claim_list, claim_next_stages
from landclaims.claims.services import (
    SkippedStage,
    StageChangeRefused,
    claim_advance,
    claim_change_possession,
    claim_create,
)
from landclaims.claims.stages import Stage
from tests.factories import make_claim, make_group, make_parcel

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(org, places, organiser):
    return make_claim(
        organisation=org, village=places.village_a, mouza=places.mouza_a, by=organiser
    )


def test_a_new_claim_starts_identified_with_one_event(claim) -> None:
    assert claim.stage == Stage.IDENTIFIED
    events = list(claim.events.values_list("kind", "from_value", "to_value"))
    assert events == [("stage", "", "identified")]


def test_a_claim_takes_the_district_of_its_parcels(claim, places) -> None:
    assert claim.district == places.district_a


def test_a_claim_across_two_districts_is_refused(org, places) -> None:
    group = make_group(organisation=org, village=places.village_a)
    parcels = [
        make_parcel(organisation=org, mouza=places.mouza_a),
        make_parcel(organisation=org, mouza=places.mouza_b),
    ]
    with pytest.raises(ValidationError) as error:
        claim_create(
            organisation=org, groups=[group], parcels=parcels, opened_on=date(2024, 1, 1), by=None
        )
    assert "one district" in str(error.value.message_dict["parcels"])


def test_a_claim_with_another_organisations_group_is_refused(org, other_org, places) -> None:
    group = make_group(organisation=other_org, village=places.village_a)
    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    with pytest.raises(ValidationError) as error:
        claim_create(
            organisation=org, groups=[group], parcels=[parcel], opened_on=date(2024, 1, 1), by=None
        )
    assert "groups" in error.value.message_dict


def test_advancing_one_stage_records_who_when_and_the_number(claim, organiser) -> None:
    claim_advance(claim=claim, to="application_prepared", on=date(2020, 2, 1), by=organiser)
    claim = claim_advance(
        claim=claim, to="application_filed", on=date(2020, 3, 1), by=organiser, number="R13-55/2020"
    )
    assert claim.stage == Stage.APPLICATION_FILED
    assert claim.register13_no == "R13-55/2020"
    last = claim.events.last()
    assert (last.from_value, last.to_value, last.recorded_by) == (
        "application_prepared",
        "application_filed",
        organiser,
    )


def test_a_refused_change_names_the_allowed_next_stages(claim) -> None:
    with pytest.raises(StageChangeRefused) as error:
        claim_advance(claim=claim, to="settlement_cancelled", on=date(2020, 2, 1), by=None)
    message = str(error.value.message_dict["stage"])
    assert "cannot follow" in message
    assert "Allowed next" in message and "Application prepared" in message
    claim.refresh_from_db()
    assert claim.stage == Stage.IDENTIFIED
    assert claim.events.count() == 1


def test_skipping_stages_without_their_dates_and_numbers_is_refused(claim) -> None:
    with pytest.raises(ValidationError) as error:
        claim_advance(claim=claim, to="field_inquiry", on=date(2020, 5, 1), by=None)
    assert "Application prepared" in str(error.value.message_dict["skipped"])
    assert claim.events.count() == 1


def test_skipping_a_numbered_stage_needs_its_number(claim) -> None:
    with pytest.raises(ValidationError) as error:
        claim_advance(
            claim=claim,
            to="field_inquiry",
            on=date(2020, 5, 1),
            by=None,
            skipped={
                "application_prepared": SkippedStage(on=date(2020, 2, 1)),
                "application_filed": SkippedStage(on=date(2020, 3, 1)),
            },
        )
    assert "date and number" in str(error.value.message_dict["skipped"])


def test_skipping_with_dates_and_numbers_records_every_stage(claim) -> None:
    claim = claim_advance(
        claim=claim,
        to="field_inquiry",
        on=date(2020, 5, 1),
        by=None,
        skipped={
            "application_prepared": SkippedStage(on=date(2020, 2, 1)),
            "application_filed": SkippedStage(on=date(2020, 3, 1), number="R13-7/2020"),
        },
    )
    stages_seen = list(claim.events.filter(kind="stage").values_list("to_value", flat=True))
    assert stages_seen == [
        "identified",
        "application_prepared",
        "application_filed",
        "field_inquiry",
    ]
    assert claim.register13_no == "R13-7/2020"


def test_an_event_in_the_future_is_refused(claim) -> None:
    with pytest.raises(ValidationError) as error:
        claim_advance(claim=claim, to="application_prepared", on=date(2024, 6, 2), by=None)
    assert "future" in str(error.value.message_dict["on"])


def test_an_event_before_the_previous_one_is_refused(claim) -> None:
    with pytest.raises(ValidationError) as error:
        claim_advance(claim=claim, to="application_prepared", on=date(2019, 12, 31), by=None)
    assert "before the previous event" in str(error.value.message_dict["on"])


def test_hold_and_resume_returns_to_the_stage_it_stopped_at(claim) -> None:
    claim_advance(claim=claim, to="application_prepared", on=date(2020, 2, 1), by=None)
    claim = claim_advance(claim=claim, to="on_hold_litigation", on=date(2020, 3, 1), by=None)
    assert claim.resume_stage == Stage.APPLICATION_PREPARED
    with pytest.raises(StageChangeRefused):
        claim_advance(claim=claim, to="application_filed", on=date(2020, 4, 1), by=None)
    claim = claim_advance(claim=claim, to="application_prepared", on=date(2020, 4, 1), by=None)
    assert (claim.stage, claim.resume_stage) == (Stage.APPLICATION_PREPARED, "")


def test_possession_moves_independently_of_the_stage(claim) -> None:
    claim = claim_change_possession(
        claim=claim, to="group_in_possession", on=date(2021, 1, 1), by=None
    )
    claim = claim_change_possession(claim=claim, to="grabbed", on=date(2022, 1, 1), by=None)
    assert (claim.stage, claim.possession) == (Stage.IDENTIFIED, "grabbed")
    kinds = list(claim.events.values_list("kind", flat=True))
    assert kinds.count(ClaimEvent.Kind.POSSESSION) == 2


def test_unknown_possession_status_is_refused(claim) -> None:
    with pytest.raises(ValidationError) as error:
        claim_change_possession(claim=claim, to="occupied", on=date(2021, 1, 1), by=None)
    assert "possession" in error.value.message_dict


def test_next_stages_show_what_a_jump_would_skip(claim) -> None:
    options = {o.stage: o.skips for o in claim_next_stages(claim=claim)}
    assert options[Stage.APPLICATION_PREPARED] == []
    assert options[Stage.FIELD_INQUIRY] == [Stage.APPLICATION_PREPARED, Stage.APPLICATION_FILED]
    assert Stage.SETTLEMENT_CANCELLED not in options


def test_stuck_claims_have_stayed_past_the_service_standard(claim, organiser, settings) -> None:
    settings.CLAIM_STAGE_STANDARD_DAYS = 90
    assert list(claim_list(user=organiser, stuck=True)) == [claim]
    claim_advance(claim=claim, to="application_prepared", on=date(2024, 5, 1), by=None)
    assert list(claim_list(user=organiser, stuck=True)) == []
