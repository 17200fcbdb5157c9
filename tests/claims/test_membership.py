"""A claim's groups and parcels joining and leaving: each a dated event naming the record,
the claim keeping at least one of each, within the writer's organisation and districts, and
checked against the version the page was loaded at."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from landclaims.claims.models import ClaimEvent
from landclaims.claims.services import (
    claim_add_group,
    claim_add_parcel,
    claim_advance,
    claim_remove_group,
    claim_remove_parcel,
)
from landclaims.core.concurrency import EditConflict
from landclaims.maps.models import ParcelColour
from tests.factories import make_claim, make_group, make_parcel, make_user

pytestmark = pytest.mark.django_db

ON = date(2024, 3, 5)


@pytest.fixture
def claim(org, places, organiser):
    return make_claim(
        organisation=org, village=places.village_a, mouza=places.mouza_a, by=organiser
    )


@pytest.fixture
def parcel(org, places):
    return make_parcel(organisation=org, mouza=places.mouza_a2)


@pytest.fixture
def group(org, places):
    return make_group(organisation=org, village=places.village_a, name_en="Second group")


def test_adding_a_parcel_records_a_dated_event_naming_it(claim, parcel, organiser) -> None:
    claim = claim_add_parcel(claim=claim, parcel=parcel, on=ON, by=organiser, note="walked")
    assert set(claim.parcels.all()) >= {parcel}
    event = claim.events.get(kind=ClaimEvent.Kind.PARCEL_ADDED)
    assert (event.parcel, event.happened_on, event.recorded_by, event.note) == (
        parcel,
        ON,
        organiser,
        "walked",
    )
    assert "Bil Kuralia" in event.label and f"dag {parcel.dag_display}" in event.label
    assert str(parcel.pk) not in event.label.replace(parcel.dag_display, "")


def test_removing_a_parcel_records_a_dated_event(claim, parcel, organiser) -> None:
    claim = claim_add_parcel(claim=claim, parcel=parcel, on=ON, by=organiser)
    claim = claim_remove_parcel(claim=claim, parcel=parcel, on=date(2024, 4, 1), by=organiser)
    assert parcel not in claim.parcels.all()
    event = claim.events.get(kind=ClaimEvent.Kind.PARCEL_REMOVED)
    assert (event.parcel, event.happened_on) == (parcel, date(2024, 4, 1))
    assert event.label.startswith("Parcel removed: Bil Kuralia")


def test_adding_and_removing_a_group_names_the_group(claim, group, organiser) -> None:
    claim = claim_add_group(claim=claim, group=group, on=ON, by=organiser)
    claim = claim_remove_group(claim=claim, group=group, on=ON, by=organiser)
    kinds = list(claim.events.filter(group=group).order_by("id").values_list("kind", flat=True))
    assert kinds == ["group_added", "group_removed"]
    assert (
        claim.events.get(kind="group_added").label == f"Group added: {group.name_bn} (Second group)"
    )
    assert group not in claim.groups.all()


def test_the_last_parcel_cannot_be_removed(claim, organiser) -> None:
    only = claim.parcels.get()
    with pytest.raises(ValidationError) as error:
        claim_remove_parcel(claim=claim, parcel=only, on=ON, by=organiser)
    assert "at least one parcel" in str(error.value.message_dict["parcel"])
    assert claim.parcels.count() == 1
    assert not claim.events.filter(kind=ClaimEvent.Kind.PARCEL_REMOVED).exists()


def test_the_last_group_cannot_be_removed(claim, organiser) -> None:
    only = claim.groups.get()
    with pytest.raises(ValidationError) as error:
        claim_remove_group(claim=claim, group=only, on=ON, by=organiser)
    assert "at least one group" in str(error.value.message_dict["group"])


def test_a_parcel_already_on_the_claim_is_not_added_twice(claim, organiser) -> None:
    with pytest.raises(ValidationError) as error:
        claim_add_parcel(claim=claim, parcel=claim.parcels.get(), on=ON, by=organiser)
    assert "already" in str(error.value.message_dict["parcel"])


def test_another_organisations_parcel_is_refused_naming_the_field(
    claim, other_org, places, organiser
) -> None:
    theirs = make_parcel(organisation=other_org, mouza=places.mouza_a)
    with pytest.raises(ValidationError) as error:
        claim_add_parcel(claim=claim, parcel=theirs, on=ON, by=organiser)
    assert "another organisation" in str(error.value.message_dict["parcel"])


def test_another_organisations_group_is_refused_naming_the_field(
    claim, other_org, places, organiser
) -> None:
    theirs = make_group(organisation=other_org, village=places.village_a)
    with pytest.raises(ValidationError) as error:
        claim_add_group(claim=claim, group=theirs, on=ON, by=organiser)
    assert "another organisation" in str(error.value.message_dict["group"])


def test_a_group_outside_the_writers_districts_is_refused(claim, org, places) -> None:
    writer_a = make_user(organisation=org, role="organiser", districts=[places.district_a])
    far = make_group(organisation=org, village=places.village_b)
    with pytest.raises(ValidationError) as error:
        claim_add_group(claim=claim, group=far, on=ON, by=writer_a)
    assert "district you do not work in" in str(error.value.message_dict["group"])


def test_a_parcel_outside_the_writers_districts_is_refused(claim, org, places) -> None:
    writer_a = make_user(organisation=org, role="organiser", districts=[places.district_a])
    far = make_parcel(organisation=org, mouza=places.mouza_b)
    with pytest.raises(ValidationError) as error:
        claim_add_parcel(claim=claim, parcel=far, on=ON, by=writer_a)
    assert "district you do not work in" in str(error.value.message_dict["parcel"])


def test_a_parcel_of_another_district_than_the_claims_is_refused(claim, org, places) -> None:
    far = make_parcel(organisation=org, mouza=places.mouza_b)
    with pytest.raises(ValidationError) as error:
        claim_add_parcel(claim=claim, parcel=far, on=ON, by=None)
    assert "another district" in str(error.value.message_dict["parcel"])


def test_a_date_before_the_claim_opened_is_refused(claim, parcel, organiser) -> None:
    with pytest.raises(ValidationError) as error:
        claim_add_parcel(claim=claim, parcel=parcel, on=date(2019, 1, 1), by=organiser)
    assert "before" in str(error.value.message_dict["on"])


def test_monitors_may_not_change_a_claims_parcels(claim, parcel, org) -> None:
    monitor = make_user(organisation=org, role="monitor")
    with pytest.raises(PermissionDenied):
        claim_add_parcel(claim=claim, parcel=parcel, on=ON, by=monitor)


def test_each_change_raises_the_claims_version(claim, parcel, organiser) -> None:
    before = claim.version
    claim = claim_add_parcel(
        claim=claim, parcel=parcel, on=ON, by=organiser, expected_version=before
    )
    assert claim.version == before + 1


def test_adding_beside_a_newer_membership_change_goes_ahead(claim, parcel, group, organiser):
    """Appending: a page loaded before another parcel was added may still add a group."""
    seen = {"stage": claim.stage, "possession": claim.possession}
    loaded = claim.version
    claim_add_parcel(claim=claim, parcel=parcel, on=ON, by=organiser, expected_version=loaded)
    claim = claim_add_group(
        claim=claim, group=group, on=ON, by=organiser, expected_version=loaded, seen=seen
    )
    assert group in claim.groups.all()


def test_a_change_from_a_page_older_than_a_stage_change_is_refused(
    claim, parcel, organiser
) -> None:
    seen = {"stage": claim.stage, "possession": claim.possession}
    loaded = claim.version
    claim_advance(claim=claim, to="application_prepared", on=ON, by=organiser)
    with pytest.raises(EditConflict):
        claim_add_parcel(
            claim=claim, parcel=parcel, on=ON, by=organiser, expected_version=loaded, seen=seen
        )
    assert parcel not in claim.parcels.all()


def test_the_map_colours_a_parcel_by_the_claim_it_joins_and_leaves(
    claim, parcel, organiser
) -> None:
    claim_advance(claim=claim, to="application_prepared", on=ON, by=organiser)
    assert ParcelColour.objects.get(parcel_id=parcel.pk).stage == ""
    claim_add_parcel(claim=claim, parcel=parcel, on=ON, by=organiser)
    colour = ParcelColour.objects.get(parcel_id=parcel.pk)
    assert (colour.claim_id, colour.stage) == (claim.pk, "application_prepared")
    claim_remove_parcel(claim=claim, parcel=parcel, on=ON, by=organiser)
    colour = ParcelColour.objects.get(parcel_id=parcel.pk)
    assert (colour.claim_id, colour.stage) == (None, "")
