"""Tiles take the API's keys (X-API-Key header, Authorization: Token, or `api_key`), as the
REST API and OGC API do, so QGIS and scripts can draw them; a key sees what its owner may."""

from __future__ import annotations

import pytest
from django.test import Client

from gis.tiles import tile_for
from landclaims.api.services import api_token_issue, api_token_revoke
from landclaims.parcels.models import Parcel
from tests.factories import log_in
from tests.maps.conftest import DETAIL_ZOOM, parcel_ids, tile_url

pytestmark = pytest.mark.django_db


def _key(user) -> str:
    return api_token_issue(user=user, name="QGIS").secret


def _mapped(queryset) -> set[int]:
    return set(queryset.exclude(geom=None).values_list("pk", flat=True))


def test_a_key_in_the_header_gets_the_same_tiles_as_its_owner_signed_in(
    client, org, organiser, world
):
    log_in(client, organiser)
    signed_in = parcel_ids(client)
    by_key = parcel_ids(Client(HTTP_X_API_KEY=_key(organiser)))
    assert by_key == signed_in == _mapped(Parcel.objects.filter(organisation=org))


def test_a_key_in_the_authorization_header_or_the_query_works_too(organiser, world):
    key = _key(organiser)
    expected = parcel_ids(Client(HTTP_X_API_KEY=key))
    assert parcel_ids(Client(HTTP_AUTHORIZATION=f"Token {key}")) == expected
    assert parcel_ids(Client(), {"api_key": key}) == expected


def test_a_key_never_gets_a_parcel_its_owner_may_not_see(legal_a, outsider, world):
    limited = parcel_ids(Client(HTTP_X_API_KEY=_key(legal_a)))
    assert limited == {world.p_identified.pk, world.p_filed.pk, world.bare_a.pk, world.p_a2.pk}
    other = parcel_ids(Client(HTTP_X_API_KEY=_key(outsider)))
    assert other == {world.other_claimed.pk, world.other_bare.pk}


@pytest.mark.parametrize("layer", ["parcels", "orders", "boundaries"])
def test_a_bad_revoked_or_missing_key_is_refused_not_redirected(organiser, world, layer):
    url = tile_url(layer, tile_for(89.92, 24.25, DETAIL_ZOOM))
    issued = api_token_issue(user=organiser, name="old laptop")
    api_token_revoke(token=issued.token)
    for client in (
        Client(),
        Client(HTTP_X_API_KEY="lck_not-a-real-key"),
        Client(HTTP_X_API_KEY=issued.secret),
    ):
        response = client.get(url)
        assert response.status_code == 401, response.status_code
        assert response["WWW-Authenticate"].startswith("Token")
    assert Client().get(url, {"api_key": "nonsense"}).status_code == 401
