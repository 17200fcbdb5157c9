"""The incidents tile's ETag follows incident writes: a trigger on the incidents table moves
the layer version, as it does for the tables the other layers read (maps 0007)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse

from gis.tiles import tile_for
from landclaims.incidents.services import incident_record, incident_update
from tests.factories import log_in
from tests.maps.mvt import decode

# Committed writes, as the site makes them: the layer version counts committed transactions.
pytestmark = pytest.mark.django_db(transaction=True)

POINT = (89.921, 24.251)


def test_an_incident_written_or_changed_moves_the_tile_etag(client, scene) -> None:
    log_in(client, scene.users["organiser"])
    tile = tile_for(*POINT, 14)
    url = reverse("maps:tile", args=["incidents", tile.z, tile.x, tile.y])
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304

    threat = incident_record(
        organisation=scene.claim.organisation,
        kind="threat",
        occurred_on=date(2024, 6, 1),
        location=Point(*POINT, srid=4326),
        claim=scene.claim,
    )
    after = client.get(url, headers={"If-None-Match": etag})
    assert after.status_code == 200
    assert threat.pk in {f.id for f in decode(after.content, tile).get("incidents", [])}

    incident_update(incident=threat, by=scene.users["organiser"], changes={"kind": "attack"})
    assert client.get(url, headers={"If-None-Match": after["ETag"]}).status_code == 200
