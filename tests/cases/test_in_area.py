"""One rule for "cases in this area" (CaseQuerySet.in_area) and for "incidents in this area"
(IncidentQuerySet.in_area): by district, or by the parcels they concern, directly or through
a claim. The export and the dashboard pick the same records."""

from __future__ import annotations

from datetime import date

import pytest

from landclaims.cases.models import LegalCase
from landclaims.dashboard.selectors import DashboardFilters, counted_cases, counted_incidents
from landclaims.exports.selectors import ExportFilters
from landclaims.exports.services import export_layer
from landclaims.incidents.models import Incident
from landclaims.incidents.services import incident_record
from tests.exports.helpers import read_back
from tests.factories import make_case, make_claim, make_parcel

pytestmark = pytest.mark.django_db


def exported_ids(user, layer: str, area) -> set[int]:
    result = export_layer(user=user, layer=layer, filters=ExportFilters(area=area))
    return {int(i) for i in read_back(result.path, "gpkg", layer=layer)["id"]}


@pytest.fixture
def world(org, places):
    claim_a = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    parcel_a2 = make_parcel(organisation=org, mouza=places.mouza_a2)
    # Filed in district B, about land in union A: through a claim, and directly.
    by_claim = make_case(organisation=org, district=places.district_b, claims=[claim_a])
    by_parcel = make_case(organisation=org, district=places.district_b, parcels=[parcel_a2])
    only_b = make_case(organisation=org, district=places.district_b)
    on = date(2023, 5, 2)
    incidents = {
        "by_claim": incident_record(
            organisation=org, district=places.district_b, kind="attack", occurred_on=on,
            claim=claim_a,
        ),
        "in_b": incident_record(
            organisation=org, district=places.district_b, kind="attack", occurred_on=on
        ),
        "in_a": incident_record(
            organisation=org, district=places.district_a, kind="attack", occurred_on=on
        ),
    }  # fmt: skip
    return by_claim, by_parcel, only_b, incidents


def test_every_reader_finds_the_same_cases_in_an_area(world, places, organiser) -> None:
    by_claim, by_parcel, only_b, _incidents = world
    for area, expected in (
        (places.union_a, {by_claim.pk, by_parcel.pk}),
        (places.district_b, {by_claim.pk, by_parcel.pk, only_b.pk}),
    ):
        assert {c.pk for c in LegalCase.objects.visible_to(organiser).in_area(area)} == expected
        assert exported_ids(organiser, "cases", area) == expected
        board = counted_cases(user=organiser, filters=DashboardFilters(area=area))
        assert {c.pk for c in board} == expected


def test_every_reader_finds_the_same_incidents_in_an_area(world, places, organiser) -> None:
    incidents = world[3]
    for area, expected in (
        (places.union_a, {incidents["by_claim"].pk}),
        (places.district_a, {incidents["by_claim"].pk, incidents["in_a"].pk}),
    ):
        assert {i.pk for i in Incident.objects.visible_to(organiser).in_area(area)} == expected
        assert exported_ids(organiser, "incidents", area) == expected
        board = counted_incidents(user=organiser, filters=DashboardFilters(area=area))
        assert {i.pk for i in board} == expected
