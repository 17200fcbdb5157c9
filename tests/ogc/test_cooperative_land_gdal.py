"""The cooperative land collection as QGIS reads it: GDAL's OAPIF driver, with an API key."""

from __future__ import annotations

import shutil

import pytest
from django.contrib.gis.gdal import DataSource

from landclaims.cooperatives.services import cooperative_land_add
from tests.api.conftest import key_for
from tests.factories import make_cooperative, make_user
from tests.ogc.test_gdal import run

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="gdal-bin is not installed"),
]


@pytest.fixture
def land(records, org, other_org, places):
    groups = list(records.claims[0].groups.all())
    ours = make_cooperative(organisation=org, district=places.district_a, groups=groups)
    theirs = make_cooperative(organisation=other_org, district=places.district_a)
    return [
        cooperative_land_add(
            cooperative=ours, tenure="khas_settled", parcel=records.claims[0].parcels.get()
        ),
        cooperative_land_add(
            cooperative=theirs, tenure="khas_settled", parcel=records.other_claim.parcels.get()
        ),
    ]


def test_gdal_copies_the_users_land_without_group_names_for_a_monitor(
    live_server, land, monitor_key, tmp_path
) -> None:
    target = tmp_path / "land.gpkg"
    run(
        ["ogr2ogr", "-f", "GPKG", str(target), f"OAPIF:{live_server.url}/ogc", "cooperative-land"],
        GDAL_HTTP_HEADERS=f"X-API-Key: {monitor_key}",
    )
    layer = DataSource(str(target))[0]
    rows = [(str(f.get("tenure")), int(f.get("member_groups"))) for f in layer]
    assert rows == [("khas_settled", 1)]
    assert "group_names" not in layer.fields
    assert layer.srs.srid == 4326
    assert all(f.geom.area > 0 for f in layer)


def test_an_organiser_sees_the_member_groups_names(live_server, land, org, records) -> None:
    organiser = make_user(organisation=org, role="organiser")
    summary = run(
        ["ogrinfo", "-ro", "-al", f"OAPIF:{live_server.url}/ogc", "cooperative-land"],
        GDAL_HTTP_HEADERS=f"X-API-Key: {key_for(organiser)}",
    )
    name = records.claims[0].groups.get().name_bn
    assert f"group_names (String) = {name}" in summary
