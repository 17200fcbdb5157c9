"""The allocations layer: the parcel's boundary with the settlement's papers and who holds
the land now; recipients by code in the staff profile only, names never."""

from __future__ import annotations

import pytest

from landclaims.exports.services import export_layer
from landclaims.groups.services import member_create
from tests.exports.helpers import ogrinfo, ogrinfo_count, read_back, values_by_id
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_gpkg_layer_reads_back_with_gdal_with_the_parcels_boundary(data, organiser) -> None:
    result = export_layer(user=organiser, layer="allocations", file_format="gpkg")
    frame = read_back(result.path, "gpkg", layer="allocations")
    row = frame[frame["id"] == data.allocation.pk].iloc[0]
    assert ogrinfo_count(ogrinfo(result.path, "-so")) == len(frame) == 1
    assert frame.crs.to_epsg() == 4326
    boundary = data.world.p_filed.geom
    assert row.geometry.area == pytest.approx(boundary.area, rel=1e-6)
    assert row.geometry.centroid.x == pytest.approx(boundary.centroid.x, abs=1e-7)
    assert (row["held_by"], str(row["held_since"])[:10]) == ("encroacher", "2024-01-05")
    assert row["area_m2"] == pytest.approx(20 * 40.468564224, abs=0.01)


def test_the_public_file_has_no_kabuliyat_number_and_no_recipients(data, organiser) -> None:
    result = export_layer(user=organiser, layer="allocations", profile="public")
    frame = read_back(result.path, "gpkg", layer="allocations")
    assert {"kabuliyat_no", "dcr_no", "recipient_codes"}.isdisjoint(frame.columns)
    assert str(frame["kabuliyat_on"].iloc[0])[:10] == "2023-02-01"


def test_the_monitor_file_has_the_numbers_but_no_recipients(data, monitor) -> None:
    result = export_layer(user=monitor, layer="allocations", profile="monitor")
    frame = read_back(result.path, "gpkg", layer="allocations")
    assert values_by_id(frame, "kabuliyat_no") == {data.allocation.pk: "K-7/2023"}
    assert "recipient_codes" not in frame.columns


def test_the_staff_file_names_recipients_by_code_and_never_by_name(data, organiser) -> None:
    member = member_create(
        group=data.world.group_2,
        code="R-12",
        name_bn="রহিমা খাতুন",
        sex="female",
        priority_category="homestead_only",
    )
    data.allocation.members.set([member])
    result = export_layer(user=organiser, layer="allocations", profile="staff")
    frame = read_back(result.path, "gpkg", layer="allocations")
    assert values_by_id(frame, "recipient_codes") == {data.allocation.pk: "R-12"}
    assert "রহিমা" not in result.path.read_bytes().decode("utf-8", errors="ignore")


def test_a_user_of_another_district_gets_no_allocation_from_district_a(data, org) -> None:
    elsewhere = make_user(
        organisation=org, role="organiser", districts=[data.world.places.district_b]
    )
    result = export_layer(user=elsewhere, layer="allocations", file_format="csv")
    assert result.rows == 0
