"""Hostile files: each refused with a clear error, nothing written, nothing read from outside
the upload, no network connection made. Every test plants a secret next to the upload
and checks it appears nowhere in what the import says."""

from __future__ import annotations

import json
import math
import socket
import sqlite3
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from shapely.geometry import Polygon

from tests.conftest import Places
from tests.imports.conftest import (
    SECRET,
    Outcome,
    counts,
    hostname,
    parcel_frame,
    run_import,
    tmp_secret,
    write_gpkg,
)

VRT = """<OGRVRTDataSource>
  <OGRVRTLayer name="parcels"><SrcDataSource>{source}</SrcDataSource></OGRVRTLayer>
</OGRVRTDataSource>"""


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local TCP port nothing should ever connect to."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.setblocking(False)
    yield server
    server.close()


def connected(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return False
    connection.close()
    return True


def url(server: socket.socket, name: str = "parcels.csv") -> str:
    return f"http://127.0.0.1:{server.getsockname()[1]}/{name}"


def assert_refused(outcome: Outcome, before: dict[str, int], *words: str) -> None:
    assert outcome.error, "the import should have been refused"
    for word in words:
        assert word in outcome.error
    assert counts() == before
    assert SECRET not in outcome.everything
    name = hostname()
    if len(name) >= 6:  # short names ("vm") could appear by chance
        assert name not in outcome.everything


def zip_with(path: Path, entries: dict[str, bytes], **infos: Any) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


# --- pointer formats ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["parcels.geojson", "parcels.csv", "parcels.kml", "parcels"])
def test_vrt_under_any_name_is_refused(
    tmp_path: Path, places: Places, organiser: Any, name: str
) -> None:
    secret = tmp_secret(tmp_path)
    path = tmp_path / name
    path.write_text(VRT.format(source=secret), encoding="utf-8")
    before = counts()
    assert_refused(run_import(path, organiser), before, "VRT")


def test_vrt_disguised_as_the_shp_of_a_zipped_shapefile_is_refused(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    secret = tmp_secret(tmp_path)
    real = tmp_path / "real"
    real.mkdir()
    parcel_frame(places, 1).to_file(real / "parcels.shp", encoding="UTF-8")
    entries = {p.name: p.read_bytes() for p in real.iterdir() if p.suffix != ".shp"}
    entries["parcels.shp"] = VRT.format(source=secret).encode()
    before = counts()
    outcome = run_import(zip_with(tmp_path / "p.zip", entries), organiser)
    assert_refused(outcome, before, "OGRVRTDataSource")


def test_gdal_pipeline_file_is_refused(tmp_path: Path, places: Places, organiser: Any) -> None:
    secret = tmp_secret(tmp_path)
    pipeline = {
        "type": "gdal_streamed_alg",
        "command_line": f"gdal vector pipeline ! read {secret}",
    }
    path = tmp_path / "parcels.geojson"
    path.write_text(json.dumps(pipeline), encoding="utf-8")
    before = counts()
    assert_refused(run_import(path, organiser), before, "gdal_streamed_alg")


def test_gdal_tile_index_is_refused(tmp_path: Path, places: Places, organiser: Any) -> None:
    secret = tmp_secret(tmp_path)
    path = tmp_path / "parcels.gpkg.xml"
    path.write_text(f"<GDALTileIndexDataset><IndexDataset>{secret}</IndexDataset>", "utf-8")
    before = counts()
    assert_refused(run_import(path, organiser), before, "GDALTileIndexDataset")


# --- virtual paths and the network ---------------------------------------------------------


def test_vsicurl_path_is_refused_without_a_connection(
    places: Places, organiser: Any, listener: socket.socket
) -> None:
    before = counts()
    outcome = run_import(f"/vsicurl/{url(listener, 'parcels.gpkg')}", organiser)
    assert_refused(outcome, before, "virtual path")
    assert not connected(listener)


@pytest.mark.parametrize("prefix", ["/vsizip/", "/vsis3/", "/vsimem/"])
def test_other_virtual_paths_are_refused(places: Places, organiser: Any, prefix: str) -> None:
    before = counts()
    assert_refused(run_import(f"{prefix}bucket/parcels.zip", organiser), before, "virtual path")


def test_vrt_fetching_a_url_is_refused_without_a_connection(
    tmp_path: Path, places: Places, organiser: Any, listener: socket.socket
) -> None:
    path = tmp_path / "parcels.kml"
    path.write_text(VRT.format(source=f"/vsicurl/{url(listener)}"), encoding="utf-8")
    before = counts()
    assert_refused(run_import(path, organiser), before, "refused")
    assert not connected(listener)


def test_vsi_path_in_a_shapefile_neighbour_is_refused(
    tmp_path: Path, places: Places, organiser: Any, listener: socket.socket
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    parcel_frame(places, 1).to_file(real / "parcels.shp", encoding="UTF-8")
    (real / "parcels.prj").write_text(f"/vsicurl/{url(listener, 'crs.prj')}")
    entries = {p.name: p.read_bytes() for p in real.iterdir()}
    before = counts()
    assert_refused(run_import(zip_with(tmp_path / "p.zip", entries), organiser), before, "/vsi")
    assert not connected(listener)


def test_vsi_path_inside_a_data_file_is_refused(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    gdf = parcel_frame(places, 1, notes=[f"/vsizip/{tmp_path}/other.zip/secret.csv"])
    before = counts()
    assert_refused(run_import(write_gpkg(gdf, tmp_path / "p.gpkg"), organiser), before, "/vsi")


def test_kml_with_an_external_entity_is_refused(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    secret = tmp_secret(tmp_path)
    path = tmp_path / "parcels.kml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY s SYSTEM "file://{secret}">]>'
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&s;</name>'
        "<Point><coordinates>89.92,24.25</coordinates></Point></Placemark></kml>",
        encoding="utf-8",
    )
    before = counts()
    assert_refused(run_import(path, organiser), before, "XML entity")


# --- archives -------------------------------------------------------------------------


def test_zip_entry_with_dot_dot_is_refused(tmp_path: Path, places: Places, organiser: Any) -> None:
    path = zip_with(tmp_path / "p.zip", {"../../secret.csv": b"a,b\n1,2\n"})
    before = counts()
    assert_refused(run_import(path, organiser), before, "outside the archive")


def test_zip_entry_with_absolute_path_is_refused(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = zip_with(tmp_path / "p.zip", {"/etc/hostname.csv": b"a,b\n1,2\n"})
    before = counts()
    assert_refused(run_import(path, organiser), before, "outside the archive")


def test_zip_symlink_entry_is_refused(tmp_path: Path, places: Places, organiser: Any) -> None:
    secret = tmp_secret(tmp_path)
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as archive:
        link = zipfile.ZipInfo("parcels.csv")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, str(secret))
    before = counts()
    assert_refused(run_import(path, organiser), before, "symbolic link")


def test_symlink_in_a_shapefile_folder_is_refused(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    secret = tmp_secret(tmp_path)
    folder = tmp_path / "upload"
    folder.mkdir()
    parcel_frame(places, 1).to_file(folder / "parcels.shp", encoding="UTF-8")
    (folder / "parcels.dbf").unlink()
    (folder / "parcels.dbf").symlink_to(secret)
    before = counts()
    assert_refused(run_import(folder, organiser), before, "symbolic link")


def test_zip_bomb_with_many_entries_is_refused(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = zip_with(tmp_path / "p.zip", {f"part{i}.csv": b"a\n" for i in range(50)})
    before = counts()
    assert_refused(run_import(path, organiser), before, "50 entries")


def test_zip_bomb_with_a_huge_ratio_is_refused_before_unpacking(
    tmp_path: Path, places: Places, organiser: Any, import_dir: Path
) -> None:
    path = zip_with(tmp_path / "p.zip", {"parcels.csv": b"0" * (64 * 1024 * 1024)})
    assert path.stat().st_size < 200_000
    before = counts()
    assert_refused(run_import(path, organiser), before, "times its size")
    assert not any(p.is_file() for p in import_dir.rglob("*"))  # nothing was unpacked


def test_zip_declaring_more_than_the_limit_is_refused(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for i in range(5):  # 5 x 45 MiB of random bytes: no compression ratio to catch
            archive.writestr(f"part{i}.bin", b"")
    # Forge the central directory's sizes, as a bomb would.
    data = bytearray(path.read_bytes())
    directory = data.rfind(b"PK\x05\x06")
    offset = int.from_bytes(data[directory + 16 : directory + 20], "little")
    for _ in range(5):
        data[offset + 24 : offset + 28] = (45 * 1024 * 1024).to_bytes(4, "little")
        name_length = int.from_bytes(data[offset + 28 : offset + 30], "little")
        offset += 46 + name_length
    path.write_bytes(bytes(data))
    before = counts()
    assert_refused(run_import(path, organiser), before, "would unpack")


def test_oversize_file_is_refused(
    tmp_path: Path, places: Places, organiser: Any, settings: Any
) -> None:
    settings.IMPORT_MAX_UPLOAD_MB = 1
    path = tmp_path / "parcels.csv"
    path.write_bytes(b"mouza,survey,dag_no,land_class\n" + b"x,RS,1,char\n" * 200_000)
    before = counts()
    assert_refused(run_import(path, organiser), before, "at most 1 MiB")


# --- content --------------------------------------------------------------------------


def test_non_finite_coordinates_are_refused(tmp_path: Path, places: Places, organiser: Any) -> None:
    with np.errstate(invalid="ignore"):
        broken = Polygon([(89.92, 24.25), (math.nan, 24.26), (89.93, 24.25), (89.92, 24.25)])
    gdf = parcel_frame(places, 2, geometry=[parcel_frame(places, 1).geometry[0], broken])
    before = counts()
    outcome = run_import(write_gpkg(gdf, tmp_path / "p.gpkg"), organiser)
    assert_refused(outcome, before, "nothing was written")
    assert "Row 2, geometry: The boundary has non-finite coordinates" in outcome.output


def test_sqlite_file_that_is_not_a_geopackage_is_refused(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = tmp_path / "parcels.gpkg"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE members (name)")
        db.execute("INSERT INTO members VALUES (?)", [SECRET])
    before = counts()
    assert_refused(run_import(path, organiser), before, "not a GeoPackage")


def test_geopackage_view_is_refused(tmp_path: Path, places: Places, organiser: Any) -> None:
    path = write_gpkg(parcel_frame(places, 1), tmp_path / "p.gpkg")
    with sqlite3.connect(path) as db:
        db.execute("CREATE VIEW spy AS SELECT 1")
    before = counts()
    assert_refused(run_import(path, organiser), before, "only plain tables")


def test_unknown_binary_content_is_refused(tmp_path: Path, places: Places, organiser: Any) -> None:
    path = tmp_path / "parcels.dat"
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
    before = counts()
    assert_refused(run_import(path, organiser), before, "not a format")
