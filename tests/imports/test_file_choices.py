"""What the user chooses or has: the geometry column of a Kobo/ODK file, the .cpg's encoding,
and the checksum logged for the file they uploaded."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path
from typing import Any

from django.urls import reverse

from landclaims.imports.models import ImportBatch
from landclaims.parcels.models import Parcel
from tests.conftest import Places
from tests.factories import log_in
from tests.imports.conftest import counts, parcel_frame, run_import, write_shapefile_zip
from tests.imports.test_views import upload


def kobo_csv(path: Path, places: Places) -> Path:
    """A Kobo/ODK CSV export whose form asks for a point (where the surveyor stood) before
    the boundary walked around the parcel."""
    shape = ";".join(
        f"{lat} {lon} 0 0"
        for lon, lat in [(89.93, 24.25), (89.931, 24.25), (89.931, 24.251), (89.93, 24.25)]
    )
    path.write_text(
        "start,parcel/location,parcel/boundary,mouza,survey,dag_no,land_class\n"
        f"2026-11-02,24.2502 89.9302 12 4,{shape},{places.mouza_a.name_en},RS,41,agri_khas\n",
        encoding="utf-8",
    )
    return path


def test_the_boundary_column_can_be_chosen_over_an_earlier_point(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = kobo_csv(tmp_path / "kobo.csv", places)
    first_wins = run_import(path, organiser, dry_run=True)
    assert "not a Point" in first_wins.output
    chosen = run_import(path, organiser, geometry_column="parcel/boundary")
    assert chosen.error == "", chosen.output
    assert Parcel.objects.get().geom.geom_type == "MultiPolygon"
    assert ImportBatch.objects.get().geometry_column == "parcel/boundary"


def test_an_unknown_geometry_column_is_refused_naming_it(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    before = counts()
    outcome = run_import(kobo_csv(tmp_path / "k.csv", places), organiser, geometry_column="walk")
    assert "No column “walk”" in outcome.error and "parcel/boundary" in outcome.error
    assert counts() == before


def test_the_upload_page_reads_the_chosen_column_through_preview_and_commit(
    client: Any, tmp_path: Path, places: Places, organiser: Any
) -> None:
    log_in(client, organiser)
    path = kobo_csv(tmp_path / "kobo.csv", places)
    response = upload(client, path, geometry_column="parcel/boundary")
    batch = ImportBatch.objects.get()
    assert (batch.geometry_column, batch.created_count, batch.problem_count) == (
        "parcel/boundary", 1, 0,
    )  # fmt: skip
    assert "Import 1 record" in client.get(response.url).content.decode()
    client.post(reverse("imports:commit", args=[batch.token]))
    assert Parcel.objects.get().geom.geom_type == "MultiPolygon"
    refused = upload(client, path, geometry_column="walk")
    assert refused.status_code == 400 and "No column “walk”" in refused.content.decode()


def test_a_cpg_naming_an_encoding_gdal_would_ignore_is_refused(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    archive = write_shapefile_zip(parcel_frame(places, 1), tmp_path / "p.zip")
    rewritten = tmp_path / "rot13.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(rewritten, "w") as target:
        for info in source.infolist():
            data = b"rot13" if info.filename.endswith(".cpg") else source.read(info)
            target.writestr(info.filename, data)
    before = counts()
    outcome = run_import(rewritten, organiser)
    assert "names the text encoding “rot13”" in outcome.error
    assert counts() == before


def test_the_checksum_logged_is_of_the_zip_the_user_has(
    client: Any, tmp_path: Path, places: Places, organiser: Any
) -> None:
    first = write_shapefile_zip(parcel_frame(places, 1), tmp_path / "a.zip")
    assert run_import(first, organiser).error == ""
    assert ImportBatch.objects.get().file_sha256 == hashlib.sha256(first.read_bytes()).hexdigest()

    second = tmp_path / "b"
    second.mkdir()
    page_zip = write_shapefile_zip(parcel_frame(places, 1, first_dag=50), second / "b.zip")
    log_in(client, organiser)
    response = upload(client, page_zip)
    batch = ImportBatch.objects.get(status="pending")
    client.post(reverse("imports:commit", args=[batch.token]))
    batch.refresh_from_db()
    assert response.status_code == 302 and batch.status == "committed"
    assert batch.file_sha256 == hashlib.sha256(page_zip.read_bytes()).hexdigest()
