"""The pure writer, without a database: CSV in from COPY, files out, cells made safe, DBF
names and text limits, CRS rules."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyogrio
import pytest
import shapely

import gis.vector_write as vw
from gis.crs import UnsupportedCRS
from gis.vector_write import (
    Field,
    FieldKind,
    Format,
    FormatCRSError,
    LayerWriter,
    TooManyRows,
    batch_from_rows,
    batches_from_csv,
    check_format_crs,
    dbf_field_names,
    neutralise,
)

FIELDS = (
    Field("id", FieldKind.INTEGER, "record id"),
    Field("name_bn", FieldKind.TEXT, "name (Bengali)"),
    Field("registered_on", FieldKind.DATE, "date", "reg_on"),
    Field("area_m2", FieldKind.REAL, "area"),
)
SQUARE = shapely.MultiPolygon([shapely.box(89.92, 24.25, 89.921, 24.251)])


def writer(tmp_path: Path, fmt: Format, **options) -> LayerWriter:
    return LayerWriter(
        directory=tmp_path,
        name="out",
        layer="parcels",
        fmt=fmt,
        srid=4326,
        fields=options.pop("fields", FIELDS),
        geometry_type="MultiPolygon",
        **options,
    )


def rows(*values: tuple) -> list:
    return [batch_from_rows(FIELDS, list(values))]


def test_copy_csv_reads_into_typed_columns_with_nulls_empty_text_and_geometry(tmp_path) -> None:
    wkb = shapely.to_wkb(SQUARE).hex()
    (tmp_path / "rows.csv").write_text(
        f'1,"ভূমিহীন, সমিতি",2024-06-01,12.5,{wkb}\n2,"",,,\n3,,2020-01-02,,\n', encoding="utf-8"
    )
    [batch] = list(batches_from_csv(tmp_path / "rows.csv", FIELDS))
    assert batch.column("id").to_pylist() == [1, 2, 3]
    assert batch.column("name_bn").to_pylist() == ["ভূমিহীন, সমিতি", "", None]
    assert batch.column("registered_on").to_pylist() == [date(2024, 6, 1), None, date(2020, 1, 2)]
    assert batch.column("area_m2").to_pylist() == [12.5, None, None]
    geometry = batch.column("wkb").to_pylist()
    assert shapely.from_wkb(geometry[0]).equals(SQUARE) and geometry[1:] == [None, None]


def test_an_empty_copy_gives_no_batches_and_an_empty_layer(tmp_path) -> None:
    (tmp_path / "rows.csv").write_bytes(b"")
    written = writer(tmp_path, Format.GPKG).write(batches_from_csv(tmp_path / "rows.csv", FIELDS))
    assert written.rows == 0
    assert pyogrio.read_info(written.path)["features"] == 0


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_gets_an_apostrophe(start) -> None:
    column = pa.array([f"{start}1+1", "ok", None, "a=b"])
    assert neutralise(column, xml=False).to_pylist() == [f"'{start}1+1", "ok", None, "a=b"]


def test_xlsx_text_loses_control_characters_xml_cannot_hold() -> None:
    assert neutralise(pa.array(["a\x01b\x1f", "\x02=x"]), xml=True).to_pylist() == ["ab", "'=x"]


def test_dbf_names_are_ascii_at_most_10_characters_and_unique() -> None:
    fields = [
        Field("possession_since", FieldKind.DATE),
        Field("possession_status", FieldKind.TEXT),
        Field("registered_on", FieldKind.DATE, dbf_name="reg_on"),
        Field("id", FieldKind.INTEGER),
    ]
    assert dbf_field_names(fields) == ["possession", "possessi_1", "reg_on", "id"]
    with pytest.raises(vw.ExportError):
        dbf_field_names([Field("x", FieldKind.TEXT, dbf_name="much_too_long")])


def test_a_shapefile_zip_carries_cpg_prj_field_map_and_readme(tmp_path) -> None:
    written = writer(tmp_path, Format.SHAPEFILE, about={"layer": "parcels"}).write(
        rows((1, "চরপাড়া", date(2024, 6, 1), 5.0, shapely.to_wkb(SQUARE)))
    )
    with zipfile.ZipFile(written.path) as archive:
        assert archive.read("parcels.cpg") == b"UTF-8"
        field_map = list(csv.DictReader(io.StringIO(archive.read("fields.csv").decode())))
        assert archive.read("README.txt").decode().startswith("Layer parcels: 1 rows, EPSG:4326")
    assert [(r["dbf_name"], r["name"]) for r in field_map][:3] == [
        ("id", "id"),
        ("name_bn", "name_bn"),
        ("reg_on", "registered_on"),
    ]
    frame = pyogrio.read_dataframe(f"/vsizip/{written.path}")
    assert frame["name_bn"].tolist() == ["চরপাড়া"] and list(frame.columns)[2] == "reg_on"
    assert not list(tmp_path.glob("*-shp"))  # the working folder is gone


def test_dbf_text_over_254_bytes_is_cut_at_a_character_and_listed(tmp_path) -> None:
    long = "ক" * 100  # 300 bytes in UTF-8
    written = writer(tmp_path, Format.SHAPEFILE).write(rows((7, long, None, None, None)))
    frame = pyogrio.read_dataframe(f"/vsizip/{written.path}")
    assert frame["name_bn"][0] == "ক" * 84  # 252 bytes: the last whole character
    with zipfile.ZipFile(written.path) as archive:
        assert (
            archive.read("truncated.csv").decode() == "id,field,full_length_bytes\n7,name_bn,300\n"
        )
    assert "truncated.csv" in written.notes[0]


def test_xlsx_cells_over_excels_limit_are_left_empty_and_noted(tmp_path) -> None:
    huge = "খ" * (vw.XLSX_CELL_MAX_CHARS + 1)
    written = writer(tmp_path, Format.XLSX).write(rows((3, huge, None, None, None)))
    frame = pyogrio.read_dataframe(written.path, layer="parcels", read_geometry=False)
    assert frame["name_bn"].isna().all()
    assert "id 3: name_bn is longer than a spreadsheet cell" in written.notes[0]
    about = pyogrio.read_dataframe(written.path, layer="about", read_geometry=False)
    assert written.notes[0] in about.to_numpy().ravel().tolist()


def test_xlsx_refuses_more_rows_than_a_sheet_holds(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(vw, "XLSX_MAX_ROWS", 2)
    many = rows(*[(i, "x", None, None, None) for i in range(3)])
    with pytest.raises(TooManyRows):
        writer(tmp_path, Format.XLSX).write(many)


def test_kml_calls_the_record_id_record_id(tmp_path) -> None:
    written = writer(tmp_path, Format.KML).write(rows((9, "ক", None, None, shapely.to_wkb(SQUARE))))
    text = written.path.read_text(encoding="utf-8")
    assert '<SimpleData name="record_id">9</SimpleData>' in text and "<Polygon>" in text


@pytest.mark.parametrize("fmt", [Format.GEOJSON, Format.KML])
def test_geojson_and_kml_take_only_longitude_latitude(fmt) -> None:
    check_format_crs(fmt, 4326)
    with pytest.raises(FormatCRSError, match="EPSG:4326"):
        check_format_crs(fmt, 9678)


def test_a_crs_outside_the_accepted_list_is_refused_for_every_format() -> None:
    with pytest.raises(UnsupportedCRS):
        check_format_crs(Format.GPKG, 3857)


def test_wkt_keeps_about_a_millimetre() -> None:
    assert vw.wkt_decimals(4326) == 8
    assert vw.wkt_decimals(9678) == 3


def dbf_widths(dbf: bytes) -> dict[str, int]:
    """Field name to width, from a DBF header (32-byte field descriptors after 32 bytes)."""
    widths, offset = {}, 32
    while dbf[offset] != 0x0D:
        name = dbf[offset : offset + 11].split(b"\0")[0].decode()
        widths[name] = dbf[offset + 16]
        offset += 32
    return widths


def test_dbf_text_fields_are_as_wide_as_their_longest_value(tmp_path) -> None:
    text = "চরপাড়া"
    written = writer(tmp_path, Format.SHAPEFILE).write(
        rows((1, text, None, None, None), (2, "ab", None, None, None))
    )
    with zipfile.ZipFile(written.path) as archive:
        widths = dbf_widths(archive.read("parcels.dbf"))
    assert widths["name_bn"] == len(text.encode("utf-8"))


def test_notes_stop_at_a_readable_number(tmp_path) -> None:
    huge = "x" * (vw.XLSX_CELL_MAX_CHARS + 1)
    many = rows(*[(i, huge, None, None, None) for i in range(vw.MAX_NOTES + 10)])
    written = writer(tmp_path, Format.XLSX).write(many)
    assert len(written.notes) == vw.MAX_NOTES + 1
    assert written.notes[-1] == "... and 10 more like these."
