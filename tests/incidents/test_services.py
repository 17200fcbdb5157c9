from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from landclaims.core.concurrency import EditConflict
from landclaims.incidents.models import Incident
from landclaims.incidents.services import incident_record, incident_update
from tests import geoms
from tests.factories import make_claim, make_group, make_user

pytestmark = pytest.mark.django_db


def test_an_incident_is_recorded_with_counts_by_sex(org, places) -> None:
    incident = incident_record(
        organisation=org,
        district=places.district_a,
        kind="eviction",
        occurred_on=date(2024, 1, 5),
        women_affected=7,
        men_affected=3,
        location=geoms.point(),
    )
    assert (incident.women_affected, incident.men_affected) == (7, 3)


def test_an_incident_location_with_swapped_coordinates_is_refused(org, places) -> None:
    with pytest.raises(ValidationError) as error:
        incident_record(
            organisation=org,
            district=places.district_a,
            kind="attack",
            occurred_on=date(2024, 1, 5),
            location=geoms.point((24.25, 89.92)),
        )
    assert "swapped" in error.value.message_dict["location"][0]


def test_an_incident_in_the_future_is_refused(org, places) -> None:
    with pytest.raises(ValidationError) as error:
        incident_record(
            organisation=org,
            district=places.district_a,
            kind="threat",
            occurred_on=date(2999, 1, 1),
        )
    assert "occurred_on" in error.value.message_dict


def test_an_incident_on_a_parcel_takes_the_parcels_district_and_no_point(org, places) -> None:
    claim = make_claim(organisation=org, village=places.village_b, mouza=places.mouza_b)
    incident = incident_record(
        organisation=org, kind="land_grab", occurred_on=date(2024, 1, 5), parcel=claim.parcels.get()
    )
    assert (incident.district, incident.location) == (places.district_b, None)


def test_an_incident_of_a_group_takes_the_groups_district(org, places) -> None:
    group = make_group(organisation=org, village=places.village_b)
    incident = incident_record(
        organisation=org, kind="harassment", occurred_on=date(2024, 1, 5), group=group
    )
    assert incident.district == places.district_b


def test_an_incident_about_nothing_and_nowhere_is_refused_naming_the_district(org) -> None:
    with pytest.raises(ValidationError) as error:
        incident_record(organisation=org, kind="threat", occurred_on=date(2024, 1, 5))
    assert "district" in error.value.message_dict


def test_an_incident_records_others_harmed_and_perpetrators(org, places, organiser) -> None:
    incident = incident_record(
        organisation=org,
        district=places.district_a,
        kind="attack",
        occurred_on=date(2024, 1, 5),
        others_affected=2,
        perpetrators="  the chairman's nephew ",
        by=organiser,
    )
    incident.refresh_from_db()
    assert (incident.others_affected, incident.perpetrators) == (2, "the chairman's nephew")


def test_another_organisations_group_is_refused_naming_the_group(org, other_org, places) -> None:
    theirs = make_group(organisation=other_org, village=places.village_a)
    with pytest.raises(ValidationError) as error:
        incident_record(
            organisation=org,
            district=places.district_a,
            kind="attack",
            occurred_on=date(2024, 1, 5),
            group=theirs,
        )
    assert "group" in error.value.message_dict


def test_a_parcel_outside_the_recorders_districts_is_refused_naming_the_parcel(
    org, places, legal_a
) -> None:
    claim_b = make_claim(organisation=org, village=places.village_b, mouza=places.mouza_b)
    with pytest.raises(ValidationError) as error:
        incident_record(
            organisation=org,
            district=places.district_a,
            kind="attack",
            occurred_on=date(2024, 1, 5),
            parcel=claim_b.parcels.get(),
            by=legal_a,
        )
    assert "parcel" in error.value.message_dict
    assert not Incident.objects.exists()


def test_a_district_outside_the_recorders_districts_is_refused(org, places, legal_a) -> None:
    with pytest.raises(ValidationError) as error:
        incident_record(
            organisation=org,
            district=places.district_b,
            kind="attack",
            occurred_on=date(2024, 1, 5),
            by=legal_a,
        )
    assert "district" in error.value.message_dict


def test_a_monitor_may_not_record_an_incident(org, places) -> None:
    monitor = make_user(organisation=org, role="monitor")
    with pytest.raises(PermissionDenied):
        incident_record(
            organisation=org,
            district=places.district_a,
            kind="attack",
            occurred_on=date(2024, 1, 5),
            by=monitor,
        )


def test_an_update_raises_the_version(org, places, organiser) -> None:
    incident = incident_record(
        organisation=org, district=places.district_a, kind="threat", occurred_on=date(2024, 1, 5)
    )
    updated = incident_update(
        incident=incident, by=organiser, changes={"kind": "attack"}, expected_version=1
    )
    assert (updated.kind, updated.version) == ("attack", 2)


def test_an_update_from_a_stale_version_is_refused_and_saves_nothing(
    org, places, organiser
) -> None:
    incident = incident_record(
        organisation=org, district=places.district_a, kind="threat", occurred_on=date(2024, 1, 5)
    )
    incident_update(incident=incident, by=organiser, changes={"men_affected": 3})
    with pytest.raises(EditConflict):
        incident_update(
            incident=incident,
            by=organiser,
            changes={"kind": "arrest"},
            expected_version=1,
            seen={"kind": "threat"},
        )
    incident.refresh_from_db()
    assert (incident.kind, incident.men_affected) == ("threat", 3)


def test_an_update_may_not_link_another_organisations_claim(
    org, other_org, places, organiser
) -> None:
    incident = incident_record(
        organisation=org, district=places.district_a, kind="threat", occurred_on=date(2024, 1, 5)
    )
    theirs = make_claim(organisation=other_org, village=places.village_a, mouza=places.mouza_a)
    with pytest.raises(ValidationError) as error:
        incident_update(incident=incident, by=organiser, changes={"claim": theirs})
    assert "claim" in error.value.message_dict
