"""A small map for the tile tests: two districts of one organisation, and another
organisation's parcels in the same mouza, with claims at known stages.

    district A, union A, mouza A:  p_identified (claim_identified, group_1)
                                   p_filed (claim_filed, group_2: application filed,
                                            group in possession, under a stay via `case`)
                                   bare_a (no claim; also named by `case` directly)
                                   other_claimed, other_bare (the other organisation)
    district A, union A, mouza A2: p_a2 (claim_a2, group_1; led by claim_a2_paused, group_3,
                                        newer and on hold; claim_a2_rejected, group_3,
                                        closed last but never leading), paper_a2 (no boundary)
    district B, union B, mouza B:  p_b (claim_b, group_b)

The shared `places` fixture gives only mouzas a centre; here upazilas and unions get one
too, since the low-zoom tiles put one point at each union's or upazila's centre.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse

from gis.tiles import Tile, tile_for
from landclaims.cases.models import LegalCase
from landclaims.cases.services import interim_order_record
from landclaims.claims.models import Claim
from landclaims.claims.services import (
    SkippedStage,
    claim_advance,
    claim_change_possession,
    claim_create,
)
from landclaims.groups.models import LandlessGroup
from landclaims.parcels.models import Parcel
from landclaims.parcels.services import parcel_create
from landclaims.places.models import AdminArea
from tests import geoms
from tests.factories import make_case, make_group, make_parcel
from tests.maps.mvt import Feature, decode

OPENED = date(2020, 1, 10)
DETAIL_ZOOM = 12


@dataclass
class World:
    places: Any
    upazila_a: AdminArea
    upazila_b: AdminArea
    group_1: LandlessGroup
    group_2: LandlessGroup
    group_b: LandlessGroup
    group_3: LandlessGroup
    other_group: LandlessGroup
    p_identified: Parcel
    p_filed: Parcel
    bare_a: Parcel
    p_a2: Parcel
    paper_a2: Parcel
    p_b: Parcel
    other_claimed: Parcel
    other_bare: Parcel
    claim_identified: Claim
    claim_filed: Claim
    claim_a2: Claim
    claim_a2_paused: Claim
    claim_a2_rejected: Claim
    claim_b: Claim
    other_claim: Claim
    case: LegalCase


def _at(mouza: AdminArea, east_m: float) -> Any:
    return geoms.shifted(geoms.square(mouza.centre.coords, 100), east_m=east_m)


def _centre(area: AdminArea, lon: float, lat: float) -> AdminArea:
    AdminArea.objects.filter(pk=area.pk).update(centre=Point(lon, lat, srid=4326))
    area.refresh_from_db()
    return area


def _claim(org: Any, group: LandlessGroup, parcel: Parcel) -> Claim:
    return claim_create(
        organisation=org, groups=[group], parcels=[parcel], opened_on=OPENED, by=None
    )


@pytest.fixture
def world(org, other_org, places) -> World:
    return build_world(org, other_org, places)


def build_world(org: Any, other_org: Any, places: Any) -> World:
    upazila_a = _centre(places.union_a.parent, 89.93, 24.255)
    upazila_b = _centre(places.union_b.parent, 89.54, 25.32)
    _centre(places.union_a, 89.935, 24.26)
    _centre(places.union_b, 89.53, 25.33)
    places.union_a.refresh_from_db()
    places.union_b.refresh_from_db()

    group_1 = make_group(organisation=org, village=places.village_a, name_bn="নারী সমিতি এক")
    group_2 = make_group(organisation=org, village=places.village_a, name_bn="নারী সমিতি দুই")
    group_b = make_group(organisation=org, village=places.village_b, name_bn="গাইবান্ধা সমিতি")
    group_3 = make_group(organisation=org, village=places.village_a, name_bn="নারী সমিতি তিন")
    other_group = make_group(
        organisation=other_org, village=places.village_a, name_bn="অন্য সংগঠনের সমিতি"
    )

    p_identified = make_parcel(organisation=org, mouza=places.mouza_a, geom=_at(places.mouza_a, 0))
    p_filed = make_parcel(organisation=org, mouza=places.mouza_a, geom=_at(places.mouza_a, 200))
    bare_a = make_parcel(organisation=org, mouza=places.mouza_a, geom=_at(places.mouza_a, 400))
    p_a2 = make_parcel(organisation=org, mouza=places.mouza_a2, geom=_at(places.mouza_a2, 0))
    # Tracked from paper, not yet mapped (make_parcel would give it a square).
    paper_a2 = parcel_create(
        organisation=org,
        mouza=places.mouza_a2,
        survey="RS",
        dag_nos=["9001"],
        land_class="agri_khas",
    ).parcel
    p_b = make_parcel(organisation=org, mouza=places.mouza_b, geom=_at(places.mouza_b, 0))
    other_claimed = make_parcel(
        organisation=other_org, mouza=places.mouza_a, geom=_at(places.mouza_a, -200)
    )
    other_bare = make_parcel(
        organisation=other_org,
        mouza=places.mouza_a,
        geom=_at(places.mouza_a, -400),
        dag_nos=["7777"],
    )

    claim_identified = _claim(org, group_1, p_identified)
    claim_filed = _claim(org, group_2, p_filed)
    claim_advance(
        claim=claim_filed,
        to="application_filed",
        on=date(2020, 3, 1),
        by=None,
        number="R13-1/2020",
        skipped={"application_prepared": SkippedStage(on=date(2020, 2, 1))},
    )
    claim_change_possession(
        claim=claim_filed, to="group_in_possession", on=date(2020, 4, 1), by=None
    )
    claim_a2 = _claim(org, group_1, p_a2)
    # Two more claims on p_a2: the newer open one leads; a closed one never does, however
    # late its stage moved.
    claim_a2_paused = claim_create(
        organisation=org, groups=[group_3], parcels=[p_a2], opened_on=date(2020, 6, 1), by=None
    )
    claim_advance(claim=claim_a2_paused, to="on_hold_litigation", on=date(2020, 7, 1), by=None)
    claim_a2_rejected = claim_create(
        organisation=org, groups=[group_3], parcels=[p_a2], opened_on=date(2020, 2, 1), by=None
    )
    claim_advance(
        claim=claim_a2_rejected,
        to="application_filed",
        on=date(2020, 3, 1),
        by=None,
        number="R13-2/2020",
        skipped={"application_prepared": SkippedStage(on=date(2020, 2, 15))},
    )
    claim_advance(claim=claim_a2_rejected, to="rejected", on=date(2021, 6, 1), by=None)
    claim_b = _claim(org, group_b, p_b)
    other_claim = _claim(other_org, other_group, other_claimed)

    case = make_case(
        organisation=org,
        district=places.district_a,
        number="5005",
        claims=[claim_filed],
        parcels=[bare_a],
    )
    interim_order_record(case=case, kind="stay", made_on=date(2024, 1, 15), by=None)

    return World(
        places=places,
        upazila_a=upazila_a,
        upazila_b=upazila_b,
        group_1=group_1,
        group_2=group_2,
        group_b=group_b,
        group_3=group_3,
        other_group=other_group,
        p_identified=p_identified,
        p_filed=p_filed,
        bare_a=bare_a,
        p_a2=p_a2,
        paper_a2=paper_a2,
        p_b=p_b,
        other_claimed=other_claimed,
        other_bare=other_bare,
        claim_identified=Claim.objects.get(pk=claim_identified.pk),
        claim_filed=Claim.objects.get(pk=claim_filed.pk),
        claim_a2=Claim.objects.get(pk=claim_a2.pk),
        claim_a2_paused=Claim.objects.get(pk=claim_a2_paused.pk),
        claim_a2_rejected=Claim.objects.get(pk=claim_a2_rejected.pk),
        claim_b=Claim.objects.get(pk=claim_b.pk),
        other_claim=Claim.objects.get(pk=other_claim.pk),
        case=case,
    )


# Fetching and decoding tiles ---------------------------------------------------------------


def tile_url(layer: str, tile: Tile) -> str:
    return reverse("maps:tile", args=[layer, tile.z, tile.x, tile.y])


def get_tile(
    client: Any, tile: Tile, query: Any = None, layer: str = "parcels", etag: str | None = None
) -> Any:
    headers = {"If-None-Match": etag} if etag else {}
    response = client.get(tile_url(layer, tile), query or {}, headers=headers)
    assert response.status_code in (200, 304), (response.status_code, response.content[:300])
    return response


def tiles_covering(points: Iterable[tuple[float, float]], z: int) -> set[Tile]:
    return {tile_for(lon, lat, z) for lon, lat in points}


def every_place_to_look(z: int) -> set[Tile]:
    """The tiles at zoom `z` holding any parcel (of any organisation) or any area centre."""
    points = [
        (g.centroid.x, g.centroid.y)
        for g in Parcel.objects.exclude(geom=None).values_list("geom", flat=True)
    ]
    points += [
        (c.x, c.y) for c in AdminArea.objects.exclude(centre=None).values_list("centre", flat=True)
    ]
    return tiles_covering(points, z)


def features(
    client: Any, z: int, query: Any = None, layer: str = "parcels", kind: str = "parcels"
) -> dict[int, Feature]:
    """Features of MVT layer `kind` in every tile at zoom `z` that holds any parcel or area,
    by id; a feature repeated in neighbouring tiles must carry the same properties."""
    found: dict[int, Feature] = {}
    for tile in every_place_to_look(z):
        response = get_tile(client, tile, query, layer=layer)
        assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
        for feature in decode(response.content, tile).get(kind, []):
            if kind in ("parcels", "areas"):
                # landmap.js opens popups by the `id` property, not the MVT feature id.
                assert feature.props.get("id") == feature.id, feature
            if feature.id in found:
                assert found[feature.id].props == feature.props, feature.id
            found[feature.id] = feature
    return found


def parcel_ids(client: Any, query: Any = None, z: int = DETAIL_ZOOM) -> set[int]:
    return set(features(client, z, query))


def area_counts(client: Any, z: int, query: Any = None) -> dict[int, int]:
    return {pk: f.props["n"] for pk, f in features(client, z, query, kind="areas").items()}
