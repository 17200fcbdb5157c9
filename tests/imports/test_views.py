"""The /imports/ page: upload, preview with each row's problems, commit or discard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from shapely.geometry import Polygon

from landclaims.imports.models import ImportBatch
from landclaims.parcels.models import Parcel
from tests.conftest import Places
from tests.factories import log_in, make_user
from tests.imports.conftest import SECRET, counts, parcel_frame, tmp_secret, write_gpkg


def upload(client: Any, path: Path, *, kind: str = "parcels", **fields: Any) -> Any:
    with path.open("rb") as handle:
        data = {"file": SimpleUploadedFile(path.name, handle.read()), "kind": kind, **fields}
    return client.post(reverse("imports:list"), data)


def test_upload_preview_commit(client: Any, tmp_path: Path, places: Places, organiser: Any) -> None:
    log_in(client, organiser)
    response = upload(client, write_gpkg(parcel_frame(places, 3), tmp_path / "mouza.gpkg"))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("imports:detail", args=[batch.token])
    assert (batch.status, batch.rows, batch.created_count) == ("pending", 3, 3)
    assert Parcel.objects.count() == 0  # nothing until confirmed

    preview = client.get(response.url)
    assert preview.status_code == 200
    assert "Import 3 records" in preview.content.decode()

    committed = client.post(reverse("imports:commit", args=[batch.token]))
    assert committed.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "committed" and batch.created_count == 3
    assert Parcel.objects.count() == 3


def test_preview_lists_each_rows_problems_and_offers_no_commit(
    client: Any, tmp_path: Path, places: Places, organiser: Any
) -> None:
    bow_tie = Polygon([(89.93, 24.25), (89.931, 24.251), (89.931, 24.25), (89.93, 24.251)])
    gdf = parcel_frame(places, 2, geometry=[bow_tie, parcel_frame(places, 1).geometry[0]])
    gdf.loc[1, "survey"] = "ZZ"
    log_in(client, organiser)
    response = upload(client, write_gpkg(gdf, tmp_path / "p.gpkg"))
    page = client.get(response.url).content.decode()
    assert "Self-intersection" in page
    assert "“ZZ” is not one of" in page
    assert "Suggested repairs" in page and "<svg" in page
    assert "Import 0 records" not in page and "/commit/" not in page
    batch = ImportBatch.objects.get()
    refused = client.post(reverse("imports:commit", args=[batch.token]))
    assert refused.status_code == 400
    assert Parcel.objects.count() == 0
    repairs = client.get(reverse("imports:repairs", args=[batch.token]))
    assert json.loads(repairs.content)["features"][0]["properties"]["row"] == 1


def test_hostile_upload_is_refused_and_leaves_no_trace(
    client: Any, tmp_path: Path, places: Places, organiser: Any, import_dir: Path
) -> None:
    secret = tmp_secret(tmp_path)
    evil = tmp_path / "parcels.shp"
    evil.write_text(f"<OGRVRTDataSource><OGRVRTLayer name='x'><SrcDataSource>{secret}"
                    "</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>")  # fmt: skip
    log_in(client, organiser)
    before = counts()
    response = upload(client, evil)
    page = response.content.decode()
    assert response.status_code == 400
    assert "OGRVRTDataSource" in page
    assert SECRET not in page
    assert counts() == before
    assert not any(p.is_file() for p in import_dir.rglob("*"))


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    client: Any, tmp_path: Path, places: Places, organiser: Any, settings: Any
) -> None:
    settings.IMPORT_MAX_UPLOAD_MB = 1
    big = tmp_path / "big.csv"
    big.write_bytes(b"a,b\n" + b"1,2\n" * 800_000)
    log_in(client, organiser)
    response = upload(client, big)
    assert response.status_code == 413
    assert ImportBatch.objects.count() == 0


def test_discard_deletes_the_pending_file(
    client: Any,
    tmp_path: Path,
    places: Places,
    organiser: Any,
    import_dir: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    log_in(client, organiser)
    upload(client, write_gpkg(parcel_frame(places, 1), tmp_path / "p.gpkg"))
    batch = ImportBatch.objects.get()
    assert any(p.is_file() for p in (import_dir / "pending").rglob("*"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:discard", args=[batch.token]))
    batch.refresh_from_db()
    assert batch.status == "discarded"
    assert not any(p.is_file() for p in (import_dir / "pending").rglob("*"))
    assert client.post(reverse("imports:commit", args=[batch.token])).status_code == 400
    assert Parcel.objects.count() == 0


def test_only_the_uploader_may_commit(
    client: Any, tmp_path: Path, places: Places, organiser: Any, org: Any
) -> None:
    log_in(client, organiser)
    upload(client, write_gpkg(parcel_frame(places, 1), tmp_path / "p.gpkg"))
    batch = ImportBatch.objects.get()
    colleague = make_user(organisation=org, role="organiser")
    log_in(client, colleague)
    assert client.post(reverse("imports:commit", args=[batch.token])).status_code == 403
    assert Parcel.objects.count() == 0


def test_another_organisation_cannot_see_an_import(
    client: Any, tmp_path: Path, places: Places, organiser: Any, outsider: Any
) -> None:
    log_in(client, organiser)
    upload(client, write_gpkg(parcel_frame(places, 1), tmp_path / "p.gpkg"))
    batch = ImportBatch.objects.get()
    log_in(client, outsider)
    assert client.get(reverse("imports:detail", args=[batch.token])).status_code == 404
    assert batch.file_name not in client.get(reverse("imports:list")).content.decode()


def test_viewers_and_monitors_may_not_use_the_page(client: Any, org: Any) -> None:
    for role in ("viewer", "monitor"):
        log_in(client, make_user(organisation=org, role=role))
        assert client.get(reverse("imports:list")).status_code == 403


def test_organisers_are_not_offered_admin_area_imports(client: Any, organiser: Any) -> None:
    log_in(client, organiser)
    page = client.get(reverse("imports:list")).content.decode()
    assert 'value="parcels"' in page and 'value="admin-areas"' not in page


def test_crs_chosen_on_the_page_is_used_for_a_file_without_one(
    client: Any, tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = tmp_path / "parcels.csv"
    gdf = parcel_frame(places, 1)
    gdf.assign(wkt=gdf.geometry.to_wkt()).drop(columns="geometry").to_csv(path, index=False)
    log_in(client, organiser)
    refused = upload(client, path)
    assert refused.status_code == 400
    assert "never guesses" in refused.content.decode()
    accepted = upload(client, path, crs="4326")
    assert accepted.status_code == 302
