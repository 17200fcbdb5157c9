"""An export holds only what its user may see: never another organisation's rows, and for a
user limited to some districts, nothing from the others."""

from __future__ import annotations

import pytest

from landclaims.exports.models import Layer
from landclaims.exports.services import export_layer
from tests.exports.helpers import read_back

OTHER_ORG_TEXT = "অন্য সংগঠনের সমিতি"


@pytest.mark.parametrize("layer", list(Layer))
@pytest.mark.parametrize("file_format", ["gpkg", "csv"])
def test_another_organisations_rows_are_never_in_the_file(data, organiser, layer, file_format):
    world = data.world
    result = export_layer(user=organiser, layer=layer, file_format=file_format, profile="staff")
    ids = {int(i) for i in read_back(result.path, file_format, layer=layer)["id"]}
    foreign = {
        Layer.PARCELS: {world.other_claimed.pk, world.other_bare.pk},
        Layer.CLAIMS: {world.other_claim.pk},
        Layer.GROUPS: {world.other_group.pk},
        Layer.INCIDENTS: {data.other_incident.pk},
        Layer.ALLOCATIONS: {data.other_allocation.pk},
        Layer.COOPERATIVE_LAND: {data.other_cooperative_land.pk},
    }.get(layer, set())
    assert ids and not ids & foreign
    assert OTHER_ORG_TEXT not in result.path.read_bytes().decode("utf-8", errors="ignore")


def test_admin_area_counts_leave_out_parcels_the_user_may_not_see(data, organiser, outsider):
    mouza = data.world.places.mouza_a
    mine = read_back(export_layer(user=organiser, layer="admin_areas").path, "gpkg")
    theirs = read_back(export_layer(user=outsider, layer="admin_areas").path, "gpkg")
    count = dict(zip(mine["id"], mine["parcels"], strict=True))
    assert count[mouza.pk] == 3  # p_identified, p_filed, bare_a; not the other two
    assert dict(zip(theirs["id"], theirs["parcels"], strict=True))[mouza.pk] == 2


@pytest.mark.parametrize("layer", ["parcels", "claims", "groups", "cases", "incidents"])
def test_a_user_limited_to_a_district_gets_nothing_from_another(data, legal_a, layer):
    world = data.world
    result = export_layer(user=legal_a, layer=layer, profile="staff")
    frame = read_back(result.path, "gpkg", layer=layer)
    district_b = {
        "parcels": {world.p_b.pk},
        "claims": {world.claim_b.pk},
        "groups": {world.group_b.pk},
    }.get(layer, set())
    assert not {int(i) for i in frame["id"]} & district_b
    if "district" in frame.columns:
        assert set(frame["district"].dropna()) <= {"Tangail"}
