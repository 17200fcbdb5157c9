"""What the files carry beyond the rows: the Shapefile's field map, encoding and cut text,
neutralised spreadsheet formulas, and the refusal of GeoJSON and KML in a projected CRS."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest

from landclaims.exports.models import ExportLog
from landclaims.exports.services import ExportRefused, export_layer
from tests.exports.conftest import FORMULA_KHATIAN, FORMULA_NOTES, FORMULA_REGISTER, LONG_NOTES
from tests.exports.helpers import read_back, values_by_id


def test_a_shapefile_zip_has_utf8_cpg_prj_and_a_field_map_of_every_dbf_field(data, organiser):
    result = export_layer(
        user=organiser, layer="parcels", file_format="shp", srid=9678, profile="staff"
    )
    with zipfile.ZipFile(result.path) as archive:
        names = set(archive.namelist())
        assert {"parcels.shp", "parcels.shx", "parcels.dbf", "parcels.prj", "parcels.cpg"} <= names
        assert {"fields.csv", "README.txt"} <= names
        assert archive.read("parcels.cpg").decode().strip().upper() in {"UTF-8", "UTF8"}
        assert "Bangladesh_Transverse_Mercator" in archive.read("parcels.prj").decode()
        field_map = list(csv.DictReader(io.StringIO(archive.read("fields.csv").decode("utf-8"))))
        readme = archive.read("README.txt").decode("utf-8")
    frame = read_back(result.path, "shp")
    dbf_names = set(frame.columns) - {"geometry"}
    assert {row["dbf_name"] for row in field_map} == dbf_names
    assert all(len(name) <= 10 and name.isascii() for name in dbf_names)
    by_name = {row["name"]: row["dbf_name"] for row in field_map}
    assert by_name["register_viii_ref"] == "reg_viii"
    assert by_name["possession_since"] == "poss_on"
    assert "EPSG:9678" in readme and "fields.csv" in readme


def test_text_too_long_for_dbf_is_cut_whole_characters_and_listed_never_silently(data, organiser):
    result = export_layer(user=organiser, layer="parcels", file_format="shp", profile="staff")
    notes = values_by_id(read_back(result.path, "shp"), "notes")[data.world.p_b.pk]
    assert LONG_NOTES.startswith(notes) and len(notes.encode("utf-8")) <= 254
    with zipfile.ZipFile(result.path) as archive:
        listed = list(csv.DictReader(io.StringIO(archive.read("truncated.csv").decode("utf-8"))))
    assert listed == [
        {
            "id": str(data.world.p_b.pk),
            "field": "notes",
            "full_length_bytes": str(len(LONG_NOTES.encode())),
        }
    ]
    assert any("truncated.csv" in note for note in result.notes)
    assert ExportLog.objects.get(pk=result.log.pk).notes == list(result.notes)


def test_geopackage_keeps_text_whole(data, organiser) -> None:
    frame = read_back(export_layer(user=organiser, layer="parcels", profile="staff").path, "gpkg")
    assert values_by_id(frame, "notes")[data.world.p_b.pk] == LONG_NOTES


def test_csv_cells_that_would_run_as_formulas_start_with_an_apostrophe(data, organiser) -> None:
    result = export_layer(user=organiser, layer="parcels", file_format="csv", profile="staff")
    text = result.path.read_text(encoding="utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    row = rows[str(data.formula_parcel.pk)]
    assert row["khatian_no"] == "'" + FORMULA_KHATIAN
    assert row["register_viii_ref"] == "'" + FORMULA_REGISTER
    assert row["notes"] == "'" + FORMULA_NOTES
    assert row["mouza_bn"] == "বিলকুড়ালিয়া"  # untouched
    assert result.path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8


def test_xlsx_cells_that_would_run_as_formulas_are_text_and_numbers_stay_numbers(data, organiser):
    result = export_layer(user=organiser, layer="parcels", file_format="xlsx", profile="staff")
    workbook = openpyxl.load_workbook(result.path)
    sheet = workbook["parcels"]
    header = [cell.value for cell in sheet[1]]
    rows = {
        r[header.index("id")]: dict(zip(header, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    row = rows[data.formula_parcel.pk]
    assert row["khatian_no"] == "'" + FORMULA_KHATIAN
    assert row["notes"] == "'" + FORMULA_NOTES
    assert isinstance(row["area_m2"], float)
    assert not any(
        cell.data_type == "f" for r in sheet.iter_rows() for cell in r
    )  # no formula anywhere
    about = {r[0]: r[1] for r in workbook["about"].iter_rows(min_row=2, values_only=True)}
    assert about["crs"].startswith("EPSG:4326") and about["rows"] == str(result.rows)


@pytest.mark.parametrize("file_format", ["geojson", "kml"])
@pytest.mark.parametrize("srid", [9678, 3106, 32645, 32646])
def test_geojson_and_kml_in_a_projected_crs_are_refused_clearly(data, organiser, file_format, srid):
    with pytest.raises(ExportRefused) as refused:
        export_layer(user=organiser, layer="parcels", file_format=file_format, srid=srid)
    assert "EPSG:4326" in refused.value.message_dict["srid"][0]
    assert not ExportLog.objects.exists()


def test_a_crs_outside_the_list_is_refused(data, organiser) -> None:
    with pytest.raises(ExportRefused) as refused:
        export_layer(user=organiser, layer="parcels", srid=3857)
    assert "3857" in refused.value.message_dict["srid"][0]


def test_the_geopackage_says_what_it_holds(data, organiser) -> None:
    import pyogrio

    result = export_layer(user=organiser, layer="parcels", profile="public", srid=32646)
    meta = pyogrio.read_info(result.path)["dataset_metadata"]
    assert meta["crs"].startswith("EPSG:32646")
    assert meta["layer"] == "parcels" and meta["export_id"] == str(result.log.pk)
    assert "1 to 4" in meta["suppression"]
