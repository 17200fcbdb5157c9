"""Parcels carry the stage of their leading claim, chosen by the map's own rule."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from landclaims.claims.services import SkippedStage, claim_advance, claim_create
from landclaims.maps.selectors import MapFilters, parcels_with_claims_sql
from landclaims.parcels.models import Parcel
from tests.api.conftest import client_for
from tests.factories import make_claim, make_group

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(frozen_today):
    return frozen_today


def map_leading_claims(user) -> dict[int, int | None]:
    """Parcel id to leading claim id, as the map's SQL chooses it."""
    part = parcels_with_claims_sql(
        user=user,
        filters=MapFilters(),
        columns="p.id, lc.id",
        parcels=Parcel.objects.visible_to(user),
    )
    with connection.cursor() as cursor:
        cursor.execute(part.sql, part.params)
        return dict(cursor.fetchall())


def test_an_open_claim_leads_a_closed_one_as_on_the_map(org, places, organiser) -> None:
    first = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    parcel = first.parcels.get()
    claim_advance(
        claim=first,
        to="application_filed",
        on=date(2021, 1, 5),
        by=None,
        skipped={"application_prepared": SkippedStage(on=date(2021, 1, 1))},
        number="7/2021",
    )
    claim_advance(claim=first, to="rejected", on=date(2024, 5, 1), by=None)
    second = claim_create(
        organisation=org,
        groups=[make_group(organisation=org, village=places.village_a)],
        parcels=[parcel],
        opened_on=date(2022, 3, 1),
        by=None,
    )
    feature = client_for(organiser).get(f"/api/v1/parcels/{parcel.pk}/").json()
    assert feature["properties"]["claim"] == second.pk == map_leading_claims(organiser)[parcel.pk]
    assert feature["properties"]["stage"] == "identified"


def test_the_stage_filter_uses_the_leading_claim(world, organiser) -> None:
    client = client_for(organiser)
    identified = client.get("/api/v1/parcels/", {"stage": "identified"}).json()
    settled = client.get("/api/v1/parcels/", {"stage": "settled"}).json()
    assert identified["count"] == 2  # the two claimed parcels; the unmapped one has no claim
    assert settled["count"] == 0


def test_a_parcel_known_from_paper_only_has_a_null_geometry(world, organiser) -> None:
    client = client_for(organiser)
    feature = client.get(f"/api/v1/parcels/{world.unmapped.pk}/").json()
    assert feature["geometry"] is None
    assert feature["properties"]["dag_nos"] == ["123"]
    assert client.get("/api/v1/parcels/", {"mapped": "false"}).json()["count"] == 1


def test_the_bbox_filter_keeps_parcels_in_the_box(world, organiser) -> None:
    client = client_for(organiser)
    around_tangail = client.get("/api/v1/parcels/", {"in_bbox": "89.9,24.2,90.0,24.3"}).json()
    far_away = client.get("/api/v1/parcels/", {"in_bbox": "91,22,91.1,22.1"}).json()
    assert around_tangail["count"] == 1
    assert far_away["count"] == 0


def test_the_search_finds_a_dag_typed_in_bengali_digits(world, organiser) -> None:
    found = client_for(organiser).get("/api/v1/parcels/", {"search": "১২৩"}).json()
    assert [f["id"] for f in found["features"]] == [world.unmapped.pk]
