"""The 2025 COD-AB release of Bangladesh's boundaries (lower-case adm{n}_name columns, padded
upazila p-codes) fills the areas we hold and never creates one twice."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyogrio
import pytest

from landclaims.imports.models import ImportBatch
from landclaims.places.models import AdminArea
from landclaims.places.services import admin_area_create
from tests.factories import log_in
from tests.imports import hdx
from tests.imports.conftest import counts, run_import
from tests.imports.test_views import upload

TANGAIL_UPAZILAS = ("Kalihati", "Madhupur", "Sakhipur")


@dataclass
class Held:
    division: AdminArea
    district: AdminArea
    upazilas: list[AdminArea]


@pytest.fixture
def held(db: Any) -> Held:
    """Dhaka, Tangail and three of its upazilas as seed_demo holds them; Sakhipur without
    a p-code, so that only its name can find it."""
    division = admin_area_create(
        level="division", name_en="Dhaka", name_bn="ঢাকা", bbs_code="30", hdx_pcode="BD30"
    )
    district = admin_area_create(
        level="district", name_en="Tangail", name_bn="টাঙ্গাইল", parent=division,
        bbs_code="93", hdx_pcode="BD3093",
    )  # fmt: skip
    upazilas = [
        admin_area_create(
            level="upazila",
            name_en=row["name_en"],
            name_bn=row["name_bn"],
            parent=district,
            bbs_code=f"93{row['bbs_code']}",
            hdx_pcode="" if row["name_en"] == "Sakhipur" else row["hdx_pcode"],
        )
        for row in hdx.places("upazilas")
        if row["name_en"] in TANGAIL_UPAZILAS
    ]
    return Held(division, district, upazilas)


def release(tmp_path: Path, upazilas: tuple[str, ...] = TANGAIL_UPAZILAS) -> dict[int, Path]:
    """adm1..adm3 of the 2025 release for Dhaka, Tangail and `upazilas` of Tangail."""
    rows = [u for u in hdx.places("upazilas") if u["name_en"] in upazilas]
    frames = hdx.layers(rows)
    frames[1] = frames[1][frames[1].adm1_pcode == "BD30"]
    frames[2] = frames[2][frames[2].adm2_pcode == "BD3093"]
    return {n: hdx.write(f, tmp_path / f"adm{n}.gpkg", n) for n, f in frames.items()}


def test_the_2025_release_fills_the_held_areas_and_creates_none(
    tmp_path: Path, held: Held, admin_user: Any
) -> None:
    files = release(tmp_path)
    fields = set(pyogrio.read_info(files[3])["fields"])
    assert {"adm3_name", "adm3_pcode", "adm2_pcode", "adm0_name", "valid_on"} <= fields
    before = counts()["AdminArea"]
    outputs = [run_import(files[n], admin_user, kind="admin-areas") for n in (1, 2, 3)]
    assert [o.error for o in outputs] == ["", "", ""], outputs
    assert "created 0, updated 1, skipped 0" in outputs[0].output
    assert "created 0, updated 1, skipped 0" in outputs[1].output
    assert "created 0, updated 3, skipped 0" in outputs[2].output
    assert "Row 3 matched by name, not by code: Sakhipur / সখিপুর in Tangail" in outputs[2].output
    assert counts()["AdminArea"] == before
    for area in [held.division, held.district, *held.upazilas]:
        area.refresh_from_db()
        assert area.geom is not None, area
    again = run_import(files[3], admin_user, kind="admin-areas")
    assert "created 0, updated 0, skipped 3" in again.output


def test_an_upazila_we_do_not_hold_is_created_once_under_our_code(
    tmp_path: Path, held: Held, admin_user: Any
) -> None:
    files = release(tmp_path, ("Kalihati", "Basail"))
    assert "created 1, updated 1" in run_import(files[3], admin_user, kind="admin-areas").output
    basail = AdminArea.objects.get(level="upazila", name_en="Basail")
    assert (basail.hdx_pcode, basail.parent) == ("BD309309", held.district)
    again = run_import(files[3], admin_user, kind="admin-areas")
    assert "created 0, updated 0, skipped 2" in again.output


def test_two_held_areas_of_the_same_name_under_one_parent_are_a_problem(
    tmp_path: Path, held: Held, admin_user: Any
) -> None:
    admin_area_create(level="upazila", name_en="sakhipur", name_bn="সখীপুর", parent=held.district)
    before = counts()
    outcome = run_import(release(tmp_path)[3], admin_user, kind="admin-areas")
    assert "Row 3, name_en: 2 recorded areas under the same parent are called" in outcome.output
    assert counts() == before


def test_the_upload_preview_shows_the_rows_matched_by_name(
    client: Any, tmp_path: Path, held: Held, admin_user: Any
) -> None:
    log_in(client, admin_user)
    response = upload(client, release(tmp_path)[3], kind="admin-areas")
    page = client.get(response.url).content.decode()
    assert 'id="matched-by-name"' in page
    assert "Sakhipur / সখিপুর" in page and "Kalihati / " not in page
    batch = ImportBatch.objects.get()
    assert (batch.created_count, batch.updated_count) == (0, 3)
