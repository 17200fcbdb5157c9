"""Bad input to the REST API is a 4xx whose JSON names the parameter, header or body that
was wrong, never a 500: numbers and boxes in the query string, If-Match, the body's depth
and size, text longer than its column."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from landclaims.claims.models import Claim, ClaimEvent
from tests.api.conftest import client_for
from tests.factories import log_in

pytestmark = pytest.mark.django_db

MOVE = {"to": "application_prepared", "on": "2024-05-01"}


def named(response, name: str) -> bool:
    """Whether the API's error body names `name` as the field of one of its errors."""
    return name in {error["field"] for error in response.json()["errors"]}


@pytest.mark.parametrize(
    "box",
    [
        "nan,nan,nan,nan",
        "inf,20,92,26",
        "1e300,1e300,1e300,1e300",
        "88,20,1e999,26",
        "88,²,92,26",
        "92,20,88,26",  # min after max
        "88,20,92",
        "-200,20,92,26",  # off the globe
    ],
)
def test_a_bbox_that_is_not_a_finite_box_on_the_globe_is_a_400_naming_in_bbox(
    world, organiser, box
) -> None:
    response = client_for(organiser).get("/api/v1/parcels/", {"in_bbox": box})
    assert response.status_code == 400
    assert named(response, "in_bbox")


def test_a_bbox_in_bengali_digits_filters_like_ascii(world, organiser) -> None:
    client = client_for(organiser)
    ascii_ids = client.get("/api/v1/parcels/", {"in_bbox": "88,20,93,27"}).json()["features"]
    bengali = client.get("/api/v1/parcels/", {"in_bbox": "৮৮,২০,৯৩,২৭"})
    assert bengali.status_code == 200
    assert [f["id"] for f in bengali.json()["features"]] == [f["id"] for f in ascii_ids]
    assert ascii_ids


@pytest.mark.parametrize("tag", ["²", '"²"', "\xff", '"1\xff"', "১", '"' + "9" * 40 + '"'])
def test_an_if_match_that_is_not_an_etag_we_gave_is_a_412_naming_if_match(
    world, organiser, tag
) -> None:
    client = client_for(organiser)
    response = client.post(
        f"/api/v1/claims/{world.claim_a.pk}/stage/", MOVE, format="json", HTTP_IF_MATCH=tag
    )
    assert response.status_code == 412
    assert "If-Match" in response.json()["detail"]
    assert ClaimEvent.objects.filter(claim=world.claim_a).count() == 1


def test_a_json_body_nested_100000_deep_is_a_400_naming_the_body(world, organiser) -> None:
    body = "[" * 100_000 + "]" * 100_000
    response = client_for(organiser).post(
        f"/api/v1/claims/{world.claim_a.pk}/stage/",
        body,
        content_type="application/json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 400
    assert named(response, "body")
    assert Claim.objects.get(pk=world.claim_a.pk).version == 1


def test_json_that_cannot_be_read_is_a_400_naming_the_body(world, organiser) -> None:
    response = client_for(organiser).post(
        f"/api/v1/claims/{world.claim_a.pk}/stage/",
        '{"to": ',
        content_type="application/json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 400
    assert named(response, "body")


def big_json() -> str:
    padding = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    return json.dumps({**MOVE, "note": padding})


def test_a_json_body_over_the_upload_limit_is_a_413_naming_the_body(world, organiser) -> None:
    response = client_for(organiser).post(
        f"/api/v1/claims/{world.claim_a.pk}/stage/",
        big_json(),
        content_type="application/json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert named(response, "body")
    assert Claim.objects.get(pk=world.claim_a.pk).version == 1


def test_a_form_body_over_the_upload_limit_is_a_413_as_json(world, organiser) -> None:
    padding = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = client_for(organiser).post(
        f"/api/v1/claims/{world.claim_a.pk}/stage/",
        f"to=application_prepared&on=2024-05-01&note={padding}",
        content_type="application/x-www-form-urlencoded",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 413
    assert named(response, "body")


def test_a_multipart_body_over_the_upload_limit_is_a_413_as_json(world, organiser) -> None:
    padding = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = client_for(organiser).post(
        f"/api/v1/claims/{world.claim_a.pk}/stage/",
        {**MOVE, "note": padding},
        format="multipart",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 413
    assert named(response, "body")


def test_a_number_longer_than_its_column_is_a_400_naming_it(world, organiser) -> None:
    response = client_for(organiser).post(
        f"/api/v1/claims/{world.claim_a.pk}/stage/",
        {**MOVE, "number": "১" * 41},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 400
    assert named(response, "number")


def test_a_key_name_longer_than_its_column_is_a_400_naming_it(organiser) -> None:
    client = APIClient()
    log_in(client, organiser)  # keys are made by a signed-in person, not by another key
    response = client.post("/api/v1/tokens/", {"name": "n" * 101}, format="json")
    assert response.status_code == 400
    assert named(response, "name")


@pytest.mark.parametrize("value", ["--5", "²", "১e3", "9" * 30, "-1", "nan"])
def test_a_page_or_page_size_that_is_not_a_whole_number_is_never_a_500(
    world, organiser, value
) -> None:
    client = client_for(organiser)
    for name in ("page", "page_size"):
        response = client.get("/api/v1/claims/", {name: value})
        assert response.status_code in (200, 404), (name, value)
