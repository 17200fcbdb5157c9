"""Reading uploads: the format from the content, hostile files refused, the CRS from the file.

Pure gis/ tests: real files written with pyogrio and read back through real GDAL, no
database.
"""

from __future__ import annotations

import json
import sqlite3
import stat
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import CRS
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box

from gis import crs, vector_read
from gis.geometry import (
    as_multipolygons,
    check_parcel_geometries,
    check_parcel_geometry,
    polygons_from_closed_lines,
    spatial_order,
)
from gis.vector_read import (
    CRSRequired,
    Format,
    Limits,
    UploadRefused,
    choose_srid,
    parse_odk_geometry,
    prepare_upload,
    read_layer,
    srid_from_wkt,
)

TANGAIL = box(89.920, 24.250, 89.921, 24.251)
BENGALI = "ভূমিহীন সমিতি চরপাড়া"
VRT = """<OGRVRTDataSource><OGRVRTLayer name="x">
<SrcDataSource>{source}</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>"""


def frame(geoms: list, srid: int = 4326, **columns: list) -> gpd.GeoDataFrame:
    data = columns or {"name": [BENGALI] * len(geoms)}
    return gpd.GeoDataFrame(data, geometry=geoms, crs=f"EPSG:{srid}")


def shapefile_zip(tmp_path: Path, gdf: gpd.GeoDataFrame, *, prj: bool = True) -> Path:
    folder = tmp_path / "shp"
    folder.mkdir()
    gdf.to_file(folder / "parcels.shp", engine="pyogrio", encoding="UTF-8")
    if not prj:
        (folder / "parcels.prj").unlink()
    target = tmp_path / "parcels.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for part in sorted(folder.iterdir()):
            archive.write(part, f"parcels/{part.name}")
    return target


def refused(source: Path, tmp_path: Path, **kwargs: object) -> UploadRefused:
    with pytest.raises(UploadRefused) as caught:
        prepared = prepare_upload(source, tmp_path / "work", **kwargs)  # type: ignore[arg-type]
        read_layer(prepared)
    return caught.value


# --- hardening ------------------------------------------------------------------------


def test_pointer_and_network_drivers_are_switched_off() -> None:
    loaded = set(pyogrio.list_drivers())
    assert not {"OGR_VRT", "VRT", "GTI", "GDALG", "WFS", "HTTP", "GPSBabel"} & loaded
    assert vector_read.denied_drivers_loaded() == set()


def test_vrt_content_in_a_file_named_shp_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.csv").write_text("name\nTOP-SECRET\n")
    evil = tmp_path / "evil.geojson"
    evil.write_text(VRT.format(source=tmp_path / "secret.csv"))
    error = refused(evil, tmp_path)
    assert error.code == "pointer_content"
    assert "TOP-SECRET" not in error.message


def test_virtual_file_path_is_refused_before_anything_is_opened(tmp_path: Path) -> None:
    error = refused(Path("/vsicurl/http://127.0.0.1:9/parcels.gpkg"), tmp_path)
    assert error.code == "virtual_path"


def test_vsi_path_inside_a_geojson_property_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.geojson"
    frame([TANGAIL], name=["/vsicurl/http://127.0.0.1:9/x.csv"]).to_file(path)
    assert refused(path, tmp_path).code == "pointer_content"


def test_xml_that_is_not_kml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tiles.kml"
    path.write_text('<?xml version="1.0"?><Layers><Layer src="parcels.shp"/></Layers>')
    assert refused(path, tmp_path).code == "xml_not_kml"


def test_content_disagreeing_with_the_extension_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "parcels.gpkg"
    frame([TANGAIL]).to_file(path.with_suffix(".geojson"))
    path.write_bytes(path.with_suffix(".geojson").read_bytes())
    assert refused(path, tmp_path).code == "content_mismatch"


def test_sqlite_database_that_is_not_a_geopackage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.gpkg"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (a)")
    assert refused(path, tmp_path).code == "not_geopackage"


def test_geopackage_with_a_view_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.gpkg"
    frame([TANGAIL]).to_file(path)
    with sqlite3.connect(path) as db:
        db.execute("CREATE VIEW v AS SELECT 1")
    assert refused(path, tmp_path).code == "geopackage_view"


# --- zips -------------------------------------------------------------------------------


def test_zip_entry_climbing_out_of_the_archive_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../../etc/evil.geojson", "{}")
    assert refused(path, tmp_path).code == "zip_unsafe_name"


def test_zip_entry_with_absolute_path_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("/etc/hostname.csv", "a\n")
    assert refused(path, tmp_path).code == "zip_unsafe_name"


def test_zip_symlink_entry_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as archive:
        link = zipfile.ZipInfo("parcels.dbf")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/hostname")
    assert refused(path, tmp_path).code == "zip_symlink"


def test_zip_with_too_many_entries_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(25):
            archive.writestr(f"f{i}.txt", "x")
    assert refused(path, tmp_path).code == "zip_too_many_entries"
    assert not (tmp_path / "work").exists() or not any((tmp_path / "work").iterdir())


def test_zip_bomb_is_refused_by_its_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("parcels.csv", b"0" * (20 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    error = refused(path, tmp_path)
    assert error.code == "zip_bomb"
    assert "times its size" in error.message


def test_zip_bomb_is_refused_by_its_unpacked_size(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("parcels.csv", b"0" * (3 * 1024 * 1024))
    error = refused(path, tmp_path, limits=Limits(max_unpacked_bytes=2 * 1024 * 1024))
    assert error.code == "zip_bomb"


def test_oversize_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * 300_000)
    assert refused(path, tmp_path, limits=Limits(max_bytes=1024 * 1024)).code == "too_large"


def test_symlink_in_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "upload"
    folder.mkdir()
    (folder / "parcels.csv").symlink_to("/etc/hostname")
    assert refused(folder, tmp_path).code == "symlink"


# --- shapefiles, encodings, CRS ---------------------------------------------------------


def test_zipped_shapefile_reads_bengali_text_and_its_crs(tmp_path: Path) -> None:
    prepared = prepare_upload(shapefile_zip(tmp_path, frame([TANGAIL])), tmp_path / "w")
    layer = read_layer(prepared)
    assert prepared.format is Format.SHAPEFILE
    assert layer.source_srid == 4326
    assert layer.table.column("name").to_pylist() == [BENGALI]
    assert layer.geoms[0].equals_exact(TANGAIL, 1e-9) or layer.geoms[0].normalize().equals(
        TANGAIL.normalize()
    )


def test_shapefile_without_prj_needs_a_crs(tmp_path: Path) -> None:
    prepared = prepare_upload(shapefile_zip(tmp_path, frame([TANGAIL]), prj=False), tmp_path / "w")
    with pytest.raises(CRSRequired):
        read_layer(prepared)
    assert read_layer(prepared, srid=4326).source_srid == 4326


def test_shapefile_text_that_is_not_utf8_and_has_no_cpg_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "shp"
    folder.mkdir()
    frame([TANGAIL], name=["Charpara AB"]).to_file(folder / "p.shp", encoding="UTF-8")
    (folder / "p.cpg").unlink()
    dbf = folder / "p.dbf"
    dbf.write_bytes(dbf.read_bytes().replace(b"AB", b"\xe9\xe9"))  # Latin-1 "éé"
    error = refused(folder, tmp_path)
    assert error.code == "bad_encoding"
    assert ".cpg" in error.message


@pytest.mark.parametrize("declared, actual", [(9678, 9678), (3106, 3106), (9678, 3106)])
def test_btm_variant_is_the_one_that_puts_the_data_in_bangladesh(
    tmp_path: Path, declared: int, actual: int
) -> None:
    projected = crs.transform(TANGAIL, 4326, actual)
    gdf = frame([projected], srid=declared)
    layer = read_layer(prepare_upload(shapefile_zip(tmp_path, gdf), tmp_path / "w"))
    assert layer.source_srid == actual
    assert layer.geoms[0].hausdorff_distance(TANGAIL) < 1e-7  # about 1 cm
    if declared != actual:
        assert any(f"EPSG:{actual}" in note for note in layer.notes)


def test_file_crs_outside_the_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.gpkg"
    frame([crs.transform(TANGAIL, 4326, 3857)], srid=3857).to_file(path)
    assert refused(path, tmp_path).code == "crs_not_accepted"


def test_given_crs_must_agree_with_the_files() -> None:
    with pytest.raises(UploadRefused) as caught:
        choose_srid(4326, 32646)
    assert caught.value.code == "crs_conflict"
    assert choose_srid(9678, 3106) == 9678  # the data decide between the BTM variants
    assert choose_srid(None, 32646) == 32646


def test_esri_prj_of_btm_is_recognised() -> None:
    assert srid_from_wkt(CRS.from_epsg(9678).to_wkt("WKT1_ESRI")) == 9678
    assert srid_from_wkt(CRS.from_epsg(3106).to_wkt("WKT1_ESRI")) == 3106


def test_prj_that_is_not_wkt_is_refused() -> None:
    with pytest.raises(UploadRefused):
        srid_from_wkt("/vsicurl/http://127.0.0.1:9/crs.prj")


# --- other formats --------------------------------------------------------------------


def test_kobo_geojson_geoshape_is_a_2d_polygon(tmp_path: Path) -> None:
    ring = [[89.920, 24.250, 12.5], [89.921, 24.250, 12.0], [89.921, 24.251, 11.0]]
    ring.append(ring[0])
    kobo = {
        "type": "FeatureCollection",
        "name": "parcels",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": {"dag_no": "১২", "mouza": "Tangail Mouza"},
            }
        ],
    }
    path = tmp_path / "kobo.geojson"
    path.write_text(json.dumps(kobo, ensure_ascii=False), encoding="utf-8")
    layer = read_layer(prepare_upload(path, tmp_path / "w"))
    assert layer.format is Format.GEOJSON
    assert layer.geoms[0].geom_type == "Polygon"
    assert not layer.geoms[0].has_z
    assert layer.table.column("dag_no").to_pylist() == ["১২"]


def test_odk_answers_become_point_line_and_polygon() -> None:
    point = parse_odk_geometry("24.25 89.92 10 5")
    trace = parse_odk_geometry("24.25 89.92 0 5;24.26 89.93 0 5")
    shape = parse_odk_geometry("24.25 89.92 0 5;24.25 89.93 0 5;24.26 89.93 0 5;24.25 89.92 0 5")
    assert point.equals(Point(89.92, 24.25))
    assert isinstance(trace, LineString)
    assert isinstance(shape, Polygon)


def test_csv_with_latitude_longitude_is_wgs84(tmp_path: Path) -> None:
    path = tmp_path / "points.csv"
    path.write_text("name,latitude,longitude\nক,24.25,89.92\n", encoding="utf-8")
    layer = read_layer(prepare_upload(path, tmp_path / "w"))
    assert layer.source_srid == 4326
    assert layer.geoms[0].equals(Point(89.92, 24.25))
    assert layer.table.column_names == ["name"]


def test_csv_with_wkt_needs_a_crs(tmp_path: Path) -> None:
    path = tmp_path / "parcels.csv"
    path.write_text(f'wkt;dag_no\n"{TANGAIL.wkt}";12\n', encoding="utf-8")
    prepared = prepare_upload(path, tmp_path / "w")
    with pytest.raises(CRSRequired):
        read_layer(prepared)
    layer = read_layer(prepared, srid=4326)
    assert layer.geoms[0].equals(TANGAIL)
    assert layer.table.column("dag_no").to_pylist() == ["12"]  # text, leading zeros kept


def test_csv_with_unreadable_wkt_reports_the_row(tmp_path: Path) -> None:
    path = tmp_path / "parcels.csv"
    path.write_text(f'wkt,dag_no\n"{TANGAIL.wkt}",1\n"POLYGON((1 2, 3",2\n', encoding="utf-8")
    layer = read_layer(prepare_upload(path, tmp_path / "w"), srid=4326)
    assert list(layer.read_problems) == [1]
    assert layer.read_problems[1][0].code == "unreadable"


def test_kml_is_read_in_wgs84(tmp_path: Path) -> None:
    path = tmp_path / "p.kml"
    frame([TANGAIL]).to_file(path, driver="KML")
    layer = read_layer(prepare_upload(path, tmp_path / "w"))
    assert layer.source_srid == 4326
    assert layer.geoms[0].normalize().equals(TANGAIL.normalize())


# --- the vectorised rules share the per-row rules -------------------------------------


def test_vectorised_check_reports_what_the_per_row_check_reports() -> None:
    bow_tie = Polygon([(90.40, 23.70), (90.41, 23.71), (90.41, 23.70), (90.40, 23.71)])
    shapes = [
        TANGAIL,
        bow_tie,
        box(80, 23, 80.01, 23.01),
        shapely.transform(TANGAIL, lambda xy: xy[:, ::-1]),
        LineString([(90, 23), (90.1, 23.1)]),
        Polygon(),
        Point(90.4, 23.7).buffer(0.001, quad_segs=6000),
    ]
    geoms = np.empty(len(shapes), dtype=object)
    geoms[:] = shapes
    assert check_parcel_geometries(geoms) == [check_parcel_geometry(g) for g in shapes]


def test_missing_geometry_has_no_geometry_problem() -> None:
    assert check_parcel_geometries(np.array([None], dtype=object)) == [[]]


def test_closed_trace_becomes_a_polygon_and_an_open_one_does_not() -> None:
    closed = LineString([(90, 23), (90.01, 23), (90.01, 23.01), (90, 23)])
    open_line = LineString([(90, 23), (90.01, 23)])
    geoms, turned = polygons_from_closed_lines(np.array([closed, open_line], dtype=object))
    assert turned.tolist() == [True, False]
    assert isinstance(geoms[0], Polygon) and geoms[1] is open_line


def test_polygons_become_multipolygons() -> None:
    out = as_multipolygons(np.array([TANGAIL, None], dtype=object))
    assert isinstance(out[0], MultiPolygon) and out[1] is None


def test_spatial_order_keeps_neighbours_together_and_missing_last() -> None:
    far, near1 = box(92, 26, 92.01, 26.01), box(88, 21, 88.01, 21.01)
    near2 = box(88, 21.02, 88.01, 21.03)
    order = spatial_order(np.array([far, None, near1, near2], dtype=object))
    assert order.tolist()[-1] == 1
    assert abs(order.tolist().index(2) - order.tolist().index(3)) == 1


def test_csv_with_an_odk_geoshape_column_is_read_latitude_first(tmp_path: Path) -> None:
    path = tmp_path / "kobo.csv"
    shape = "24.25 89.92 0 5;24.25 89.921 0 5;24.251 89.921 0 5;24.25 89.92 0 5"
    path.write_text(f'"dag_no";"boundary"\n"12";"{shape}"\n', encoding="utf-8")  # as Kobo writes
    layer = read_layer(prepare_upload(path, tmp_path / "w"))
    assert layer.source_srid == 4326
    assert layer.geoms[0].equals(Polygon([(89.92, 24.25), (89.921, 24.25), (89.921, 24.251)]))
    assert layer.table.column_names == ["dag_no"]


def test_rings_geos_cannot_build_are_problems_of_their_rows_not_missing_boundaries(
    tmp_path: Path,
) -> None:
    def feature(geometry: dict | None) -> dict:
        return {"type": "Feature", "properties": {"n": 1}, "geometry": geometry}

    unclosed = [[89.93, 24.25], [89.931, 24.25], [89.931, 24.251], [89.93, 24.251]]
    features = [
        feature({"type": "Polygon", "coordinates": [unclosed]}),
        feature({"type": "Polygon", "coordinates": [[[89.93, 24.25], [89.931, 24.25]]]}),
        feature({"type": "Polygon", "coordinates": [[[89.93, 24.25]]]}),
        feature({"type": "Polygonn", "coordinates": [unclosed]}),
        feature(None),  # no boundary sent: a parcel known from paper
        feature({"type": "Polygon", "coordinates": [[*unclosed, unclosed[0]]]}),
    ]
    path = tmp_path / "rings.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    layer = read_layer(prepare_upload(path, tmp_path / "w"))
    codes = {row: [p.code for p in problems] for row, problems in layer.read_problems.items()}
    assert codes == {
        0: ["ring_not_closed"],
        1: ["ring_not_closed"],
        2: ["ring_too_short"],
        3: ["not_a_geometry"],
    }
    assert layer.geoms[5] is not None


def test_a_closed_ring_of_three_positions_is_too_short_not_repairable() -> None:
    triangle_collapsed = Polygon([(89.93, 24.25), (89.931, 24.25), (89.93, 24.25)])
    assert [p.code for p in check_parcel_geometry(triangle_collapsed)] == ["ring_too_short"]


# --- .cpg encodings and the chosen geometry column -----------------------------------

DBF_ENCODINGS = [
    *(f"cp125{i}" for i in (0, 1, 2, 3, 4, 6, 7)),
    "cp437", "cp850", "cp866", "cp874", "cp932", "cp949",
    *(f"iso8859-{i}" for i in (*range(1, 12), 13, 14, 15, 16)), "koi8-r", "gbk", "gb18030",
    "shift_jis", "big5hkscs", "mac-cyrillic", "1252", "windows-1252", "latin1",
]  # fmt: skip
SAMPLES = ("é", "я", "中", "Ω", "ش", "א", "ก", "ą", "ş")


def shapefile_with_cpg(tmp_path: Path, cpg: str, text: str, encoding: str = "UTF-8") -> Path:
    folder = tmp_path / "enc"
    folder.mkdir()
    frame([TANGAIL], name=[text]).to_file(folder / "p.shp", engine="pyogrio", encoding=encoding)
    (folder / "p.cpg").write_text(cpg)
    return folder


@pytest.mark.parametrize("cpg", DBF_ENCODINGS)
def test_every_encoding_a_cpg_may_name_is_one_gdal_applies(tmp_path: Path, cpg: str) -> None:
    import codecs

    name = codecs.lookup(cpg).name
    text = "ab" + next(c for c in SAMPLES if _encodes(c, name))
    layer = read_layer(
        prepare_upload(shapefile_with_cpg(tmp_path, cpg, text, name), tmp_path / "w")
    )
    assert layer.table.column("name").to_pylist() == [text]


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize(
    "cpg", ["rot13", "base64", "utf-16", "utf-32", "big5", "x-unknown", "ANSI 1252"]
)
def test_a_cpg_naming_an_encoding_gdal_would_ignore_is_refused_naming_it(
    tmp_path: Path, cpg: str
) -> None:
    error = refused(shapefile_with_cpg(tmp_path, cpg, BENGALI), tmp_path)
    assert error.code == "unknown_encoding"
    assert repr(cpg) in error.message and error.params == {"encoding": cpg}


ODK_CSV = (
    "dag_no,location,boundary\n"
    "7,24.25 89.93 10 5,24.25 89.93 0 0;24.25 89.931 0 0;24.251 89.931 0 0;24.25 89.93 0 0\n"
)


def test_the_first_odk_column_is_read_unless_another_is_chosen(tmp_path: Path) -> None:
    path = tmp_path / "kobo.csv"
    path.write_text(ODK_CSV, encoding="utf-8")
    prepared = prepare_upload(path, tmp_path / "w")
    assert read_layer(prepared).geoms[0].geom_type == "Point"
    chosen = read_layer(prepared, geometry_column="Boundary")
    assert chosen.geoms[0].geom_type == "Polygon" and chosen.source_srid == 4326
    assert chosen.table.column_names == ["dag_no", "location"]


def test_a_wkt_column_can_be_chosen_in_a_geopackage(tmp_path: Path) -> None:
    path = tmp_path / "p.gpkg"
    other = box(89.95, 24.27, 89.951, 24.271)
    frame([TANGAIL], name=["ক"], surveyed=[other.wkt]).to_file(path)
    layer = read_layer(prepare_upload(path, tmp_path / "w"), geometry_column="surveyed")
    assert layer.geoms[0].equals(other) and layer.source_srid == 4326


def test_an_unknown_geometry_column_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "kobo.csv"
    path.write_text(ODK_CSV, encoding="utf-8")
    with pytest.raises(UploadRefused) as caught:
        read_layer(prepare_upload(path, tmp_path / "w"), geometry_column="shape_walk")
    assert caught.value.code == "no_such_column"
    assert "'shape_walk'" in caught.value.message and "boundary" in caught.value.message
