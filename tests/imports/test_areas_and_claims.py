"""Admin-area and claim imports: each row through its own service, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely.geometry import box

from landclaims.claims.models import Claim
from landclaims.places.models import AdminArea
from tests.conftest import Places
from tests.factories import make_group, make_parcel
from tests.imports.conftest import counts, run_import

DIVISION = box(89.0, 24.0, 90.5, 25.0)
DISTRICT = box(89.5, 24.2, 90.0, 24.6)


def hdx_layer(path: Path, level: int, rows: list[dict[str, Any]], geoms: list[Any]) -> Path:
    gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326").to_file(path, layer=f"adm{level}")
    return path


def test_hdx_layers_import_divisions_then_districts(
    tmp_path: Path, places: Places, admin_user: Any
) -> None:
    adm1 = hdx_layer(
        tmp_path / "adm1.geojson",
        1,
        [{"ADM1_EN": "Mymensingh", "ADM1_PCODE": "BD45", "ADM0_PCODE": "BD"}],
        [DIVISION],
    )
    adm2 = hdx_layer(
        tmp_path / "adm2.geojson",
        2,
        [{"ADM2_EN": "Jamalpur", "ADM2_PCODE": "BD4539", "ADM1_PCODE": "BD45"}],
        [DISTRICT],
    )
    first = run_import(adm1, admin_user, kind="admin-areas")
    assert first.error == "", first.output
    assert "no Bengali names" in first.output
    assert run_import(adm2, admin_user, kind="admin-areas").error == ""
    district = AdminArea.objects.get(hdx_pcode="BD4539")
    assert district.level == "district" and district.parent.hdx_pcode == "BD45"
    assert district.path == f"{district.parent.path}{district.pk}/"
    assert district.geom is not None and district.centre is not None


def test_our_own_columns_with_parents_in_the_same_file(
    tmp_path: Path, places: Places, admin_user: Any
) -> None:
    rows = [  # the district comes first in the file, its division later
        {"level": "zila", "name_en": "Sherpur", "name_bn": "শেরপুর", "bbs_code": "89",
         "parent_code": "45"},
        {"level": "division", "name_en": "Mymensingh", "name_bn": "ময়মনসিংহ", "bbs_code": "45",
         "parent_code": ""},
    ]  # fmt: skip
    path = tmp_path / "areas.gpkg"
    gpd.GeoDataFrame(rows, geometry=[DISTRICT, DIVISION], crs="EPSG:4326").to_file(path)
    assert run_import(path, admin_user, kind="admin-areas").error == ""
    sherpur = AdminArea.objects.get(level="district", bbs_code="89")
    assert (sherpur.name_bn, sherpur.parent.name_bn) == ("শেরপুর", "ময়মনসিংহ")
    before = counts()
    again = run_import(path, admin_user, kind="admin-areas")
    assert "created 0, updated 0, skipped 2" in again.output
    assert counts()["AdminArea"] == before["AdminArea"]


def test_a_missing_boundary_is_filled_in_and_nothing_else_changes(
    tmp_path: Path, places: Places, admin_user: Any
) -> None:
    assert places.division.geom is None
    rows = [{"level": "division", "name_en": "Renamed", "name_bn": "x", "bbs_code": "30"}]
    path = tmp_path / "dhaka.geojson"
    gpd.GeoDataFrame(rows, geometry=[DIVISION], crs="EPSG:4326").to_file(path)
    assert "updated 1" in run_import(path, admin_user, kind="admin-areas").output
    places.division.refresh_from_db()
    assert places.division.geom is not None and places.division.name_en == "Dhaka"


def test_an_area_whose_parent_is_unknown_is_a_problem_and_nothing_is_written(
    tmp_path: Path, places: Places, admin_user: Any
) -> None:
    rows = [
        {"level": "division", "name_en": "Mymensingh", "name_bn": "ম", "bbs_code": "45"},
        {"level": "district", "name_en": "Sherpur", "name_bn": "শ", "bbs_code": "89",
         "parent_code": "99"},
    ]  # fmt: skip
    path = tmp_path / "areas.geojson"
    gpd.GeoDataFrame(rows, geometry=[DIVISION, DISTRICT], crs="EPSG:4326").to_file(path)
    before = counts()
    outcome = run_import(path, admin_user, kind="admin-areas")
    assert "Row 2, parent_code: No parent area 99" in outcome.output
    assert counts() == before


def test_only_administrators_import_admin_areas(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = tmp_path / "a.geojson"
    gpd.GeoDataFrame(
        [{"level": "division", "name_en": "X", "bbs_code": "77"}], geometry=[DIVISION], crs=4326
    ).to_file(path)
    assert "may not import" in run_import(path, organiser, kind="admin-areas").error


# --- claims ---------------------------------------------------------------------------


def claims_csv(path: Path, rows: list[str]) -> Path:
    header = "mouza,survey,dag_no,group,village,opened_on,possession,title\n"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_claims_open_for_known_parcels_and_groups(
    tmp_path: Path, places: Places, org: Any, organiser: Any, frozen_today: Any
) -> None:
    make_parcel(organisation=org, mouza=places.mouza_a, dag_nos=["41", "42"])
    make_group(organisation=org, village=places.village_a, name_bn="চরপাড়া ভূমিহীন সমিতি")
    path = claims_csv(
        tmp_path / "claims.csv",
        ["Tangail Mouza,RS,৪২,চরপাড়া ভূমিহীন সমিতি,Charpara,১২/০৩/২০২০,group_in_possession,"],
    )
    outcome = run_import(path, organiser, kind="claims")
    assert outcome.error == "", outcome.output
    claim = Claim.objects.get()
    assert claim.opened_on.isoformat() == "2020-03-12"
    assert claim.possession == "group_in_possession" and claim.stage == "identified"
    assert [g.name_bn for g in claim.groups.all()] == ["চরপাড়া ভূমিহীন সমিতি"]
    assert claim.events.count() == 2  # opened, and the possession recorded
    again = run_import(path, organiser, kind="claims")
    assert "skipped 1" in again.output
    assert Claim.objects.count() == 1


def test_claim_rows_with_problems_open_nothing(
    tmp_path: Path, places: Places, org: Any, organiser: Any, frozen_today: Any
) -> None:
    make_parcel(organisation=org, mouza=places.mouza_a, dag_nos=["41"])
    make_parcel(organisation=org, mouza=places.mouza_a, dag_nos=["43"])
    make_group(organisation=org, village=places.village_a, name_bn="সমিতি")
    path = claims_csv(
        tmp_path / "claims.csv",
        [
            "Tangail Mouza,RS,41,সমিতি,,2020-03-12,,",
            "Tangail Mouza,RS,99,সমিতি,,2020-03-12,,",
            "Tangail Mouza,RS,41,অজানা,,2020-03-12,,",
            "Tangail Mouza,RS,43,সমিতি,,2030-01-01,,",
        ],
    )
    before = counts()
    outcome = run_import(path, organiser, kind="claims")
    assert "Row 2, dag_no: No parcel you may see has dag 99" in outcome.output
    assert "Row 3, group: No group “অজানা”." in outcome.output
    assert "Row 4, opened_on: 2030-01-01 is in the future" in outcome.output
    assert counts() == before
