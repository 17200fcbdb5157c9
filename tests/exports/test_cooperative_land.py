"""The cooperative land layer: each plot's boundary (drawn, or its settled khas parcel's) with
its tenure, cooperative, area and dates, in every format, read back with GDAL; member groups'
names only in the staff profile, for roles that read names."""

from __future__ import annotations

import pytest

from landclaims.exports.services import export_layer
from tests.exports.helpers import SPREADSHEETS, ogrinfo, ogrinfo_count, read_back, values_by_id
from tests.factories import make_user

pytestmark = pytest.mark.django_db
LAYER = "cooperative_land"


@pytest.mark.parametrize("file_format", ["gpkg", "shp", "geojson", "kml", "csv", "xlsx"])
def test_every_format_reads_back_with_the_parcels_boundary_and_tenure(
    data, organiser, file_format
) -> None:
    result = export_layer(user=organiser, layer=LAYER, file_format=file_format, profile="staff")
    frame = read_back(result.path, file_format, layer=LAYER)
    assert ogrinfo_count(ogrinfo(result.path, "-so")) == len(frame) == result.rows == 1
    row = frame.iloc[0]
    boundary = data.world.p_filed.geom
    # Text formats keep fewer decimals of each coordinate: the area agrees to 0.01 %.
    assert row.geometry.area == pytest.approx(boundary.area, rel=1e-4)
    assert row["tenure"] == "khas_settled"
    assert str(row["from_on"])[:10].replace("/", "-") == "2022-07-01"
    if file_format not in SPREADSHEETS:
        assert frame.crs.to_epsg() == 4326
    names = "grp_names" if file_format == "shp" else "group_names"
    assert values_by_id(frame, names) == {data.cooperative_land.pk: data.world.group_2.name_bn}


def test_the_area_is_the_parcels(data, organiser) -> None:
    frame = read_back(export_layer(user=organiser, layer=LAYER).path, "gpkg", layer=LAYER)
    assert frame["area_m2"].iloc[0] == pytest.approx(float(data.world.p_filed.area_m2))
    assert frame["cooperative"].iloc[0] == "Gono"


def test_the_public_and_monitor_files_name_no_group(data, organiser, monitor) -> None:
    for user, profile in ((organiser, "public"), (monitor, "monitor")):
        result = export_layer(user=user, layer=LAYER, profile=profile)
        frame = read_back(result.path, "gpkg", layer=LAYER)
        assert "group_names" not in frame.columns
        assert frame["member_groups"].iloc[0] == 1
        text = result.path.read_bytes().decode("utf-8", errors="ignore")
        assert data.world.group_2.name_bn not in text


def test_a_user_of_another_district_gets_none_of_it(data, org) -> None:
    elsewhere = make_user(
        organisation=org, role="organiser", districts=[data.world.places.district_b]
    )
    assert export_layer(user=elsewhere, layer=LAYER, file_format="csv").rows == 0
