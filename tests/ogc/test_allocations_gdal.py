"""The allocations collection as QGIS reads it: GDAL's OAPIF driver, with an API key."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from django.contrib.gis.gdal import DataSource

from landclaims.allocations.services import allocation_record
from landclaims.groups.services import member_create
from tests.api.conftest import key_for
from tests.factories import make_user
from tests.ogc.test_gdal import feature_counts, run

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="gdal-bin is not installed"),
]


def _allocate(claim, **extra):
    group = claim.groups.get()
    member = member_create(
        group=group, code=f"C{claim.pk}", sex="female", priority_category="homestead_only"
    )
    fields = {"area_value": "10", "area_unit": "decimal", "title": "single_woman", **extra}
    return allocation_record(
        parcel=claim.parcels.get(), claim=claim, group=group, members=[member], **fields
    )


@pytest.fixture
def allocations(records):
    return [
        _allocate(
            records.claims[0],
            kabuliyat_no="K-1",
            held_by="encroacher",
            held_since=date(2024, 2, 1),
        ),
        _allocate(records.claims[2], kabuliyat_no="K-2"),
        _allocate(records.other_claim, kabuliyat_no="K-3"),
    ]


def test_gdal_copies_the_users_allocations_without_recipients_for_a_monitor(
    live_server, allocations, monitor_key, tmp_path
) -> None:
    target = tmp_path / "allocations.gpkg"
    run(
        ["ogr2ogr", "-f", "GPKG", str(target), f"OAPIF:{live_server.url}/ogc", "allocations"],
        GDAL_HTTP_HEADERS=f"X-API-Key: {monitor_key}",
    )
    layer = DataSource(str(target))[0]
    held = {str(f.get("kabuliyat_no")): str(f.get("held_by")) for f in layer}
    assert held == {"K-1": "encroacher", "K-2": "recipients"}
    assert "recipient_codes" not in layer.fields
    assert layer.srs.srid == 4326
    assert all(f.geom.area > 0 for f in layer)


def test_an_organiser_of_one_district_sees_its_allocations_with_codes(
    live_server, allocations, org, places
) -> None:
    organiser = make_user(organisation=org, role="organiser", districts=[places.district_a])
    summary = run(
        ["ogrinfo", "-ro", "-al", f"OAPIF:{live_server.url}/ogc", "allocations"],
        GDAL_HTTP_HEADERS=f"X-API-Key: {key_for(organiser)}",
    )
    assert feature_counts(summary) == {"allocations": 1}
    assert f"recipient_codes (String) = C{allocations[0].claim_id}" in summary
