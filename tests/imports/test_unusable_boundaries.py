"""A boundary that was sent but cannot be used is a problem of its row, never "no boundary":
unclosed rings, rings of fewer than four positions and geometries GDAL cannot read, in files
written by hand and by GDAL, through the command, the service and the upload preview."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio.raw
import pytest
from django.contrib.gis.gdal import OGRGeometry

from landclaims.imports.models import ImportBatch
from landclaims.imports.services import layer_import
from landclaims.parcels.models import Parcel
from tests.conftest import Places
from tests.factories import log_in
from tests.imports.conftest import counts, run_import, square
from tests.imports.test_views import upload

# Near Tangail Mouza, as lon/lat.
UNCLOSED = [[89.931, 24.251], [89.932, 24.251], [89.932, 24.252], [89.931, 24.252]]
THREE_POSITIONS = [[89.931, 24.251], [89.932, 24.251], [89.931, 24.251]]


def parcel_geojson(path: Path, places: Places, rings: list[Any]) -> Path:
    """A GeoJSON written by hand: one parcel per ring (None: a feature with no geometry)."""
    features = [
        {
            "type": "Feature",
            "properties": {
                "mouza": places.mouza_a.name_en,
                "survey": "RS",
                "dag_no": str(100 + i),
                "land_class": "agri_khas",
            },
            "geometry": ring
            if ring is None or "type" in ring
            else {"type": "Polygon", "coordinates": [ring]},
        }
        for i, ring in enumerate(rings)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    return path


def good_ring(east_m: float = 0.0) -> list[list[float]]:
    return [list(xy) for xy in square(east_m=east_m).exterior.coords]


def test_an_unclosed_ring_is_a_problem_of_its_row_and_nothing_is_created(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = parcel_geojson(tmp_path / "p.geojson", places, [good_ring(), UNCLOSED])
    before = counts()
    outcome = run_import(path, organiser)
    assert "Row 2, geometry: The boundary cannot be used: a ring is not closed" in outcome.output
    assert "1 problems in 1 rows; nothing was written" in outcome.error
    assert counts() == before


def test_a_ring_of_three_positions_is_a_problem_not_a_repair(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = parcel_geojson(tmp_path / "p.geojson", places, [THREE_POSITIONS])
    report = layer_import(user=organiser, source=path, kind="parcels", dry_run=True)
    assert [(p.row, p.field, p.code) for p in report.problems] == [
        (1, "geometry", "ring_too_short")
    ]
    assert report.to_create == 0 and report.repairs == {}


def test_a_geometry_gdal_cannot_read_is_a_problem_but_no_geometry_is_a_paper_parcel(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    unknown_type = {"type": "Polygonn", "coordinates": [good_ring()]}
    path = parcel_geojson(tmp_path / "p.geojson", places, [None, unknown_type])
    report = layer_import(user=organiser, source=path, kind="parcels", dry_run=True)
    assert [(p.row, p.code) for p in report.problems] == [(2, "not_a_geometry")]


def test_csv_wkt_with_an_unclosed_ring_is_a_problem(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        "mouza,survey,dag_no,land_class,wkt\n"
        f'{places.mouza_a.name_en},RS,7,agri_khas,"POLYGON((89.93 24.25,89.931 24.25,89.931 '
        '24.251,89.93 24.251))"\n',
        encoding="utf-8",
    )
    outcome = run_import(path, organiser, crs=4326)
    assert "Row 1, geometry: The boundary cannot be used: a ring is not closed" in outcome.output
    assert Parcel.objects.count() == 0


@pytest.mark.parametrize(
    ("wkt", "code"),
    [
        ("POLYGON((89.93 24.25,89.931 24.25,89.93 24.25))", "ring_too_short"),
        ("POLYGON((89.93 24.25,89.931 24.25,89.931 24.251))", "ring_not_closed"),
    ],
)
def test_a_shapefile_written_by_gdal_with_a_three_point_ring_is_a_problem(
    tmp_path: Path, places: Places, organiser: Any, wkt: str, code: str
) -> None:
    parts = tmp_path / "parts"
    parts.mkdir()
    fields = {
        "mouza": places.mouza_a.name_en,
        "survey": "RS",
        "dag_no": "9",
        "land_class": "agri_khas",
    }
    pyogrio.raw.write(
        parts / "p.shp",
        geometry=np.array([bytes(OGRGeometry(wkt).wkb)], dtype=object),  # OGR keeps it as is
        field_data=[np.array([v], dtype=object) for v in fields.values()],
        fields=list(fields),
        geometry_type="Polygon",
        crs="EPSG:4326",
        driver="ESRI Shapefile",
        encoding="UTF-8",
    )
    archive = tmp_path / "p.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for part in parts.iterdir():
            out.write(part, part.name)
    report = layer_import(user=organiser, source=archive, kind="parcels", dry_run=True)
    assert [(p.row, p.field, p.code) for p in report.problems] == [(1, "geometry", code)]
    outcome = run_import(archive, organiser)
    assert "nothing was written" in outcome.error
    assert Parcel.objects.count() == 0


def test_the_upload_preview_counts_the_row_as_a_problem(
    client: Any, tmp_path: Path, places: Places, organiser: Any
) -> None:
    log_in(client, organiser)
    path = parcel_geojson(tmp_path / "p.geojson", places, [UNCLOSED])
    page = client.get(upload(client, path).url).content.decode()
    assert 'data-code="ring_not_closed"' in page
    batch = ImportBatch.objects.get()
    assert (batch.created_count, batch.problem_count) == (0, 1)
    assert "/commit/" not in page


def test_an_admin_area_with_an_unclosed_ring_is_a_problem(
    tmp_path: Path, places: Places, admin_user: Any
) -> None:
    path = tmp_path / "adm1.geojson"
    row = {"ADM1_EN": "Mymensingh", "ADM1_PCODE": "BD45", "ADM0_PCODE": "BD"}
    ring = [[89.0, 24.0], [90.5, 24.0], [90.5, 25.0], [89.0, 25.0]]
    feature = {
        "type": "Feature",
        "properties": row,
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")
    before = counts()
    outcome = run_import(path, admin_user, kind="admin-areas")
    assert "Row 1, geometry: The boundary cannot be used: a ring is not closed" in outcome.output
    assert counts() == before


def test_a_good_file_still_imports(tmp_path: Path, places: Places, organiser: Any) -> None:
    path = parcel_geojson(tmp_path / "p.geojson", places, [good_ring(), good_ring(100)])
    assert run_import(path, organiser).error == ""
    assert Parcel.objects.exclude(geom=None).count() == 2
