"""With the demo data, no tile a browser would ask for exceeds 500 KB, at any zoom."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from gis.tiles import Tile, tile_for
from landclaims.maps.selectors import DETAIL_ZOOM
from landclaims.parcels.models import Parcel
from tests.factories import log_in
from tests.maps.conftest import get_tile
from tests.maps.mvt import decode

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PARCELS = 2000
LIMIT = 500 * 1024
ZOOMS = range(5, 17)
# The tiles with the most parcels are the largest; the rest need not all be fetched.
DENSEST = {"parcels": 20, "orders": 6, "boundaries": 6}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One seeded demo database shared by the tests of this module."""
    with django_db_blocker.unblock():
        call_command("seed_demo", "--parcels", str(PARCELS), "--seed", "11", stdout=StringIO())
        centroids = [
            (g.centroid.x, g.centroid.y)
            for g in Parcel.objects.exclude(geom=None).values_list("geom", flat=True)
        ]
        yield centroids
        call_command("flush", "--no-input")


def densest_tiles(centroids, z: int, count: int) -> list[tuple[Tile, int]]:
    per_tile = Counter(tile_for(lon, lat, z) for lon, lat in centroids)
    return per_tile.most_common(count)


@pytest.fixture
def admin_client(client, demo):
    # The demo's admin is a superuser: every organisation's parcels, the fullest tiles.
    log_in(client, get_user_model().objects.get(username="admin"))
    return client


def test_the_demo_has_parcels_to_draw(demo) -> None:
    assert len(demo) > PARCELS * 0.8


@pytest.mark.parametrize("layer", ["parcels", "orders", "boundaries"])
def test_no_tile_over_the_demo_parcels_exceeds_500_kb(admin_client, demo, layer) -> None:
    sizes = {}
    for z in ZOOMS:
        for tile, _n in densest_tiles(demo, z, DENSEST[layer]):
            response = get_tile(admin_client, tile, layer=layer)
            assert response.status_code == 200
            sizes[tile] = len(response.content)
    too_big = {f"{t.z}/{t.x}/{t.y}": size for t, size in sizes.items() if size > LIMIT}
    assert too_big == {}
    assert max(sizes.values()) > 0


def test_the_densest_detail_tiles_hold_every_parcel_in_them(admin_client, demo) -> None:
    """The size bound holds because tiles are small, not because parcels went missing."""
    for z in (DETAIL_ZOOM, 14, 16):
        for tile, parcels in densest_tiles(demo, z, 2):
            body = get_tile(admin_client, tile).content
            drawn = decode(body, tile).get("parcels", [])
            assert len(drawn) >= parcels, (z, tile)
            assert len(body) <= LIMIT
