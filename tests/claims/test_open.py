"""Opening a claim: how the land was found, and opening at a later stage when the paper is
older than the tool, each skipped stage recorded with its date and number; within the
writer's organisation and districts."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from landclaims.claims.services import SkippedStage, claim_create
from landclaims.claims.stages import Stage
from tests.factories import make_group, make_parcel, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def land(org, places):
    return {
        "groups": [make_group(organisation=org, village=places.village_a)],
        "parcels": [make_parcel(organisation=org, mouza=places.mouza_a)],
    }


def test_a_claim_records_how_the_group_learned_of_the_land(org, land, organiser) -> None:
    claim = claim_create(
        organisation=org, **land, opened_on=date(2024, 1, 1), by=organiser,
        learned_from="khas_list",
    )  # fmt: skip
    assert claim.get_learned_from_display() == "The land office's khas land list"


def test_opening_at_a_later_stage_records_every_stage_before_it(org, land, organiser) -> None:
    claim = claim_create(
        organisation=org,
        **land,
        opened_on=date(2012, 1, 5),
        by=organiser,
        stage="field_inquiry",
        stage_on=date(2014, 6, 1),
        number="",
        skipped={
            "application_prepared": SkippedStage(on=date(2012, 3, 1)),
            "application_filed": SkippedStage(on=date(2013, 2, 1), number="R13-44/2013"),
        },
    )
    events = list(claim.events.values_list("from_value", "to_value", "happened_on", "number"))
    assert events == [
        ("", "identified", date(2012, 1, 5), ""),
        ("identified", "application_prepared", date(2012, 3, 1), ""),
        ("application_prepared", "application_filed", date(2013, 2, 1), "R13-44/2013"),
        ("application_filed", "field_inquiry", date(2014, 6, 1), ""),
    ]
    assert (claim.stage, claim.stage_since, claim.register13_no) == (
        Stage.FIELD_INQUIRY,
        date(2014, 6, 1),
        "R13-44/2013",
    )


def test_opening_at_a_later_stage_without_a_skipped_number_saves_nothing(
    org, land, organiser
) -> None:
    with pytest.raises(ValidationError) as error:
        claim_create(
            organisation=org,
            **land,
            opened_on=date(2012, 1, 5),
            by=organiser,
            stage="field_inquiry",
            stage_on=date(2014, 6, 1),
            skipped={
                "application_prepared": SkippedStage(on=date(2012, 3, 1)),
                "application_filed": SkippedStage(on=date(2013, 2, 1)),
            },
        )
    assert "date and number" in str(error.value.message_dict["skipped"])


def test_opening_at_a_later_stage_needs_its_date(org, land, organiser) -> None:
    with pytest.raises(ValidationError) as error:
        claim_create(
            organisation=org, **land, opened_on=date(2012, 1, 5), by=organiser,
            stage="application_prepared",
        )  # fmt: skip
    assert "stage_on" in error.value.message_dict


def test_a_claim_cannot_open_in_a_side_state(org, land, organiser) -> None:
    with pytest.raises(ValidationError) as error:
        claim_create(
            organisation=org, **land, opened_on=date(2012, 1, 5), by=organiser,
            stage="rejected", stage_on=date(2013, 1, 1),
        )  # fmt: skip
    assert "stage" in error.value.message_dict


def test_a_parcel_outside_the_writers_districts_is_refused(org, places) -> None:
    writer_a = make_user(organisation=org, role="organiser", districts=[places.district_a])
    with pytest.raises(ValidationError) as error:
        claim_create(
            organisation=org,
            groups=[make_group(organisation=org, village=places.village_a)],
            parcels=[make_parcel(organisation=org, mouza=places.mouza_b)],
            opened_on=date(2024, 1, 1),
            by=writer_a,
        )
    assert "parcels" in error.value.message_dict


def test_a_claim_for_another_organisation_is_refused(org, other_org, places, land) -> None:
    theirs = make_user(organisation=other_org, role="organiser")
    with pytest.raises(ValidationError) as error:
        claim_create(organisation=org, **land, opened_on=date(2024, 1, 1), by=theirs)
    assert "organisation" in error.value.message_dict
