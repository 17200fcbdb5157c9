"""One rule for "claims in this area" (ClaimQuerySet.in_area: a parcel in the area) and one
for "groups in this area" (GroupQuerySet.in_area): the list, the API, the export and the
dashboard pick the same records."""

from __future__ import annotations

import pytest

from landclaims.claims.selectors import claim_list
from landclaims.dashboard.selectors import DashboardFilters, counted_claims, counted_groups
from landclaims.exports.selectors import ExportFilters
from landclaims.exports.services import export_layer
from landclaims.groups.selectors import group_list
from tests.api.conftest import client_for
from tests.exports.helpers import read_back
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def api_ids(user, url: str, area) -> set[int]:
    body = client_for(user).get(url, {"area": area.pk, "page_size": 100}).json()
    rows = body.get("features", body.get("results"))
    if isinstance(rows, dict):
        rows = rows["features"]
    return {row["id"] for row in rows}


def exported_ids(user, layer: str, area) -> set[int]:
    result = export_layer(user=user, layer=layer, filters=ExportFilters(area=area))
    return {int(i) for i in read_back(result.path, "gpkg", layer=layer)["id"]}


@pytest.fixture
def claims(org, other_org, places):
    a = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    a2 = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a2)
    b = make_claim(organisation=org, village=places.village_b, mouza=places.mouza_b)
    make_claim(organisation=other_org, village=places.village_a, mouza=places.mouza_a)
    return a, a2, b


@pytest.mark.parametrize("level", ["union_a", "mouza_a2", "district_b"])
def test_every_reader_finds_the_same_claims_in_an_area(claims, places, organiser, level) -> None:
    area = getattr(places, level)
    expected = {
        "union_a": {claims[0].pk, claims[1].pk},
        "mouza_a2": {claims[1].pk},
        "district_b": {claims[2].pk},
    }[level]
    assert {c.pk for c in claim_list(user=organiser, area=area)} == expected
    assert api_ids(organiser, "/api/v1/claims/", area) == expected
    assert exported_ids(organiser, "claims", area) == expected
    if level != "mouza_a2":  # the dashboard offers areas down to unions
        board = counted_claims(user=organiser, filters=DashboardFilters(area=area))
        assert {c.pk for c in board} == expected


@pytest.mark.parametrize("level", ["union_a", "district_b"])
def test_every_reader_finds_the_same_groups_in_an_area(claims, places, organiser, level) -> None:
    area = getattr(places, level)
    chosen = claims[:2] if level == "union_a" else claims[2:]
    expected = {g.pk for claim in chosen for g in claim.groups.all()}
    assert {g.pk for g in group_list(user=organiser, area=area)} == expected
    assert api_ids(organiser, "/api/v1/groups/", area) == expected
    assert exported_ids(organiser, "groups", area) == expected
    board = counted_groups(user=organiser, filters=DashboardFilters(area=area))
    assert {g.pk for g in board} == expected
