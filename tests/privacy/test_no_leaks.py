"""Members never appear in map tiles, OGC collections or exports: a planted name, NID and
phone are searched for in every output."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gis.tiles import tile_for
from landclaims.exports.services import export_layer
from tests.factories import log_in, make_user
from tests.privacy.conftest import PLANTED

pytestmark = pytest.mark.django_db

LAYERS = ("parcels", "claims", "groups", "cases", "incidents")


def _planted_bytes() -> list[bytes]:
    return [value.encode("utf-8") for value in PLANTED]


@pytest.mark.parametrize("profile", ["public", "monitor", "staff"])
@pytest.mark.parametrize("layer", LAYERS)
def test_no_export_holds_a_member(org, world, layer, profile) -> None:
    admin = make_user(organisation=org, role="admin")
    body = export_layer(user=admin, layer=layer, profile=profile).path.read_bytes()
    assert not any(value in body for value in _planted_bytes())


@pytest.mark.parametrize("layer", ["parcels", "orders", "boundaries"])
@pytest.mark.parametrize("z", [8, 12, 16])
def test_no_map_tile_holds_a_member(client, org, world, layer, z) -> None:
    log_in(client, make_user(organisation=org, role="admin"))
    centre = world.claim.parcels.get().geom.centroid
    tile = tile_for(centre.x, centre.y, z)
    response = client.get(reverse("maps:tile", args=[layer, tile.z, tile.x, tile.y]))
    assert response.status_code in (200, 204)
    assert not any(value in response.content for value in _planted_bytes())


def test_no_ogc_collection_is_about_members_or_holds_one(client, org, world) -> None:
    log_in(client, make_user(organisation=org, role="admin"))
    collections = client.get("/ogc/collections", HTTP_ACCEPT="application/json").json()
    ids = [c["id"] for c in collections["collections"]]
    assert ids and not any("member" in i or "part" in i for i in ids)
    for collection in ids:
        items = client.get(f"/ogc/collections/{collection}/items", {"limit": 1000})
        assert items.status_code == 200
        assert not any(value in items.content for value in _planted_bytes())


def test_the_api_serves_no_members(client, org, world) -> None:
    log_in(client, make_user(organisation=org, role="admin"))
    for path in ("/api/v1/groups/", f"/api/v1/cases/{world.case.pk}/", "/api/v1/"):
        response = client.get(path)
        assert not any(value in response.content for value in _planted_bytes()), path
