from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from landclaims.incidents.services import incident_record
from tests import geoms

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
