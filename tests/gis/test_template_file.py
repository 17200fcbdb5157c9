"""Template files: typed columns and an example row written by GDAL, read back the way the
importer reads them; a CSV's crs column says its coordinate system."""

from __future__ import annotations

from pathlib import Path

import pyogrio
import pytest
import shapely

from gis.template_file import write_template
from gis.vector_read import UploadRefused, prepare_upload, read_layer

SQUARE = shapely.box(89.95, 24.27, 89.951, 24.271)
COLUMNS = [("name", "text"), ("area", "real"), ("count", "integer"), ("opened_on", "date")]
ROW = {"name": "চরপাড়া", "area": "৫০.৫", "count": "৩", "opened_on": "২০২৪-০১-১৫"}


def test_a_geopackage_template_has_typed_columns_in_epsg_4326(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.gpkg", fmt="gpkg", layer="parcels", columns=COLUMNS,
                          rows=[ROW], geoms=[SQUARE], geometry_type="MultiPolygon")  # fmt: skip
    info = pyogrio.read_info(path)
    assert info["crs"] == "EPSG:4326" and info["geometry_type"] == "MultiPolygon"
    assert info["ogr_types"] == ["OFTString", "OFTReal", "OFTInteger64", "OFTDate"]
    frame = pyogrio.read_dataframe(path)
    assert (frame["name"][0], frame["area"][0], frame["count"][0]) == ("চরপাড়া", 50.5, 3)


def test_a_csv_template_has_a_bom_wkt_and_a_crs_column(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.csv", fmt="csv", layer="parcels", columns=COLUMNS,
                          rows=[ROW], geoms=[SQUARE], geometry_type="MultiPolygon")  # fmt: skip
    text = path.read_bytes()
    assert text.startswith(b"\xef\xbb\xbfWKT,crs,name,area,count,opened_on")
    assert "২০২৪-০১-১৫" in text.decode("utf-8-sig")  # text as typed: a CSV has no types


def test_the_importer_takes_the_csv_crs_column_as_the_files_crs(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.csv", fmt="csv", layer="parcels", columns=COLUMNS,
                          rows=[ROW], geoms=[SQUARE], geometry_type="MultiPolygon")  # fmt: skip
    layer = read_layer(prepare_upload(path, tmp_path / "w"))
    assert layer.source_srid == 4326
    assert shapely.equals_exact(layer.geoms[0], shapely.MultiPolygon([SQUARE]), tolerance=1e-9)
    assert "crs" not in layer.table.column_names


def test_a_csv_crs_column_naming_two_systems_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    path.write_text(
        'WKT,crs,name\n"POINT (89.95 24.27)",EPSG:4326,a\n"POINT (400000 2680000)",EPSG:9678,b\n',
        encoding="utf-8",
    )
    with pytest.raises(UploadRefused, match="one coordinate system"):
        read_layer(prepare_upload(path, tmp_path / "w"))
