"""What a tile holds, read back with GDAL: shapes where the parcels are, the documented
properties, the caching headers."""

from __future__ import annotations

import pytest
import shapely

from gis.tiles import tile_for
from landclaims.maps.embed import PHASE_COLOURS
from tests.factories import log_in
from tests.maps.conftest import DETAIL_ZOOM, features, get_tile
from tests.maps.mvt import decode

pytestmark = pytest.mark.django_db


def test_a_detail_tile_puts_each_parcel_where_it_lies(client, organiser, world) -> None:
    log_in(client, organiser)
    parcel = world.p_filed
    tile = tile_for(parcel.geom.centroid.x, parcel.geom.centroid.y, 16)
    response = get_tile(client, tile)
    layers = decode(response.content, tile)
    assert set(layers) == {"parcels"}
    drawn = {f.id: f for f in layers["parcels"]}
    shape = drawn[parcel.pk].geometry
    truth = shapely.from_wkb(bytes(parcel.geom.wkb))
    # Snapped to the 4096 grid of a z16 tile (~0.15 m a step here): nearly the same square.
    assert shape.intersection(truth).area / truth.union(shape).area > 0.97


def test_detail_properties_follow_the_leading_claim(client, organiser, world) -> None:
    log_in(client, organiser)
    drawn = features(client, DETAIL_ZOOM)
    filed = drawn[world.p_filed.pk].props
    assert filed == {
        "id": world.p_filed.pk,
        "claim": world.claim_filed.pk,
        "stage": "application_filed",
        "phase": "filed",
        "possession": "group_in_possession",
        "group": world.group_2.pk,  # the leading claim's first group: colour by group
        "frozen": True,  # the stay on the case that concerns its claim
    }
    identified = drawn[world.p_identified.pk].props
    assert identified["stage"] == "identified"
    assert identified["phase"] == "preparing"
    assert identified["possession"] == "not_entered"
    assert identified["frozen"] is False
    bare = drawn[world.bare_a.pk].props
    assert (bare["claim"], bare["stage"], bare["phase"], bare["possession"]) == (
        0,
        "",
        "no_claim",
        "",
    )
    assert bare["frozen"] is True  # the case names the parcel itself
    # Three claims on p_a2: the newer open claim leads, not the older one nor the closed
    # one whose stage moved last.
    a2 = drawn[world.p_a2.pk].props
    assert (a2["claim"], a2["stage"], a2["phase"]) == (
        world.claim_a2_paused.pk,
        "on_hold_litigation",
        "paused",
    )
    assert {f.props["phase"] for f in drawn.values()} <= {str(p) for p in PHASE_COLOURS}


def test_parcels_and_areas_carry_their_id_as_a_property(client, organiser, world) -> None:
    """The page opens a popup with the `id` property of what was clicked: it must be there,
    besides being the MVT feature id."""
    log_in(client, organiser)
    for z, kind in [(DETAIL_ZOOM, "parcels"), (10, "areas"), (7, "areas")]:
        found = features(client, z, kind=kind)
        assert found
        assert all(f.props["id"] == pk for pk, f in found.items()), (z, kind)


def test_low_zoom_tiles_hold_one_point_per_area(client, organiser, world) -> None:
    log_in(client, organiser)
    unions = features(client, 10, kind="areas")
    assert set(unions) == {world.places.union_a.pk, world.places.union_b.pk}
    union_a = unions[world.places.union_a.pk]
    assert union_a.props["level"] == "union"
    # A count, encoded as an MVT integer (a string would not add up in a style expression).
    assert union_a.props["n"] == 5
    assert type(union_a.props["n"]) is int
    assert union_a.geometry.geom_type == "Point"
    assert union_a.geometry.distance(shapely.Point(world.places.union_a.centre.coords)) < 1e-3
    upazilas = features(client, 7, kind="areas")
    assert set(upazilas) == {world.upazila_a.pk, world.upazila_b.pk}
    assert {f.props["level"] for f in upazilas.values()} == {"upazila"}


def test_orders_and_boundaries_layers_decode(client, organiser, world) -> None:
    log_in(client, organiser)
    frozen = features(client, DETAIL_ZOOM, layer="orders", kind="orders")
    assert set(frozen) == {world.p_filed.pk, world.bare_a.pk}
    as_dots = features(client, 10, layer="orders", kind="orders")
    assert set(as_dots) == {world.p_filed.pk, world.bare_a.pk}
    assert {f.geometry.geom_type for f in as_dots.values()} == {"Point"}


def test_tiles_are_private_and_revalidated(client, organiser, world) -> None:
    log_in(client, organiser)
    tile = tile_for(89.92, 24.25, 14)
    response = get_tile(client, tile)
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    assert response["Cache-Control"] == "private, no-cache"
    assert response["ETag"].startswith('"') and response["ETag"].endswith('"')


def test_a_tile_outside_the_grid_is_refused(client, organiser, world) -> None:
    log_in(client, organiser)
    response = client.get("/tiles/parcels/3/8/0.pbf")
    assert response.status_code == 400
