"""Exports filter as the map does: the parcels in a file are the parcels the map shows for
the same filters (one rule, maps.selectors), plus a date range."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from landclaims.exports.selectors import ExportFilters
from landclaims.exports.services import export_layer
from landclaims.maps.selectors import MapFilters, map_parcels, parcels_with_claims_sql
from tests.exports.helpers import read_back


def map_parcel_ids(user, filters: MapFilters) -> set[int]:
    part = parcels_with_claims_sql(
        user=user, filters=filters, columns="p.id", parcels=map_parcels(user=user, filters=filters)
    )
    with connection.cursor() as cursor:
        cursor.execute(part.sql, part.params)
        return {row[0] for row in cursor.fetchall()}


def exported_ids(user, filters: ExportFilters, layer: str = "parcels") -> set[int]:
    result = export_layer(user=user, layer=layer, filters=filters)
    assert result.log.filters == filters.as_json()
    return {int(i) for i in read_back(result.path, "gpkg", layer=layer)["id"]}


@pytest.mark.parametrize(
    "make_filters",
    [
        lambda w: MapFilters(),
        lambda w: MapFilters(area=w.places.mouza_a2),
        lambda w: MapFilters(area=w.places.district_a),
        lambda w: MapFilters(stages=("application_filed",)),
        lambda w: MapFilters(stages=("on_hold_litigation", "identified")),
        lambda w: MapFilters(possessions=("group_in_possession",)),
        lambda w: MapFilters(group=w.group_3),
        lambda w: MapFilters(case=w.case),
        lambda w: MapFilters(claim=w.claim_b),
        lambda w: MapFilters(area=w.places.union_a, stages=("identified",)),
    ],
)
def test_exported_parcels_are_the_parcels_the_map_shows(data, organiser, make_filters) -> None:
    map_filters = make_filters(data.world)
    as_export = ExportFilters(
        **{f: getattr(map_filters, f) for f in map_filters.__dataclass_fields__}
    )
    expected = map_parcel_ids(organiser, map_filters)
    assert exported_ids(organiser, as_export) == expected


def test_the_stage_filter_picks_the_leading_claim_as_the_map_does(data, organiser) -> None:
    # p_a2's leading claim is the newer one on hold, not its rejected or identified claims.
    ids = exported_ids(organiser, ExportFilters(stages=("rejected",)))
    assert data.world.p_a2.pk not in ids
    assert data.world.p_a2.pk in exported_ids(
        organiser, ExportFilters(stages=("on_hold_litigation",))
    )


def test_a_date_range_keeps_parcels_whose_claim_reached_its_stage_within_it(data, organiser):
    # claim_filed reached application_filed on 2020-03-01; claim_a2_paused went on hold 2020-07-01.
    ids = exported_ids(
        organiser, ExportFilters(date_from=date(2020, 2, 15), date_to=date(2020, 3, 31))
    )
    assert ids == {data.world.p_filed.pk}


def test_a_date_range_on_incidents_is_on_the_day_they_happened(data, organiser) -> None:
    inside = ExportFilters(date_from=date(2023, 5, 1), date_to=date(2023, 5, 31))
    outside = ExportFilters(date_from=date(2024, 1, 1))
    assert exported_ids(organiser, inside, "incidents") == {data.incident.pk}
    assert exported_ids(organiser, outside, "incidents") == set()


def test_claims_groups_and_cases_follow_the_group_filter(data, organiser) -> None:
    world = data.world
    only = ExportFilters(group=world.group_3)
    assert exported_ids(organiser, only, "claims") == {
        world.claim_a2_paused.pk,
        world.claim_a2_rejected.pk,
    }
    assert exported_ids(organiser, only, "groups") == {world.group_3.pk}
    assert exported_ids(organiser, ExportFilters(group=world.group_2), "cases") == {world.case.pk}


def test_today_is_the_day_orders_are_judged_by(data, organiser) -> None:
    frame = read_back(export_layer(user=organiser, layer="parcels").path, "gpkg")
    frozen = dict(zip(frame["id"], frame["order_in_force"], strict=True))
    assert timezone.localdate() >= date(2024, 1, 15)
    assert frozen[data.world.p_filed.pk] == 1 and frozen[data.world.bare_a.pk] == 1
    assert frozen[data.world.p_identified.pk] == 0
