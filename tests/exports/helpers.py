"""Reading exported files back, with pyogrio/geopandas and with GDAL's own `ogrinfo`."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import geopandas
import pyogrio
import shapely
from pyproj import CRS

from gis.vector_write import KML_ID_FIELD

SPREADSHEETS = ("csv", "xlsx")


def gdal_path(path: Path) -> str:
    return f"/vsizip/{path}" if path.suffix == ".zip" else str(path)


def read_back(path: Path, file_format: str, layer: str = "parcels") -> geopandas.GeoDataFrame:
    """The file as a GeoDataFrame; CSV and XLSX geometry comes from their WKT column and the
    CRS from their crs column."""
    if file_format in SPREADSHEETS:
        options = {"layer": layer} if file_format == "xlsx" else {}
        frame = pyogrio.read_dataframe(path, read_geometry=False, **options)
        crs = frame["crs"].iloc[0] if len(frame) else None
        # An empty cell (no geometry) reads as "" from CSV and NaN from XLSX.
        wkt = [text if isinstance(text, str) and text else None for text in frame["WKT"]]
        geometry = shapely.from_wkt(wkt)
        return geopandas.GeoDataFrame(frame, geometry=geometry, crs=crs)
    frame = geopandas.read_file(gdal_path(path), engine="pyogrio")
    if file_format == "kml":  # see gis.vector_write.KML_ID_FIELD
        frame = frame.drop(columns=["id"]).rename(columns={KML_ID_FIELD: "id"})
        frame["id"] = frame["id"].astype(int)
    return frame


def ogrinfo(path: Path, *args: str) -> str:
    """`ogrinfo -ro -al` output (system GDAL, the one GeoDjango uses)."""
    result = subprocess.run(  # noqa: S603 - our own file names
        ["ogrinfo", "-ro", "-al", *args, gdal_path(path)],  # noqa: S607 - Debian's gdal-bin
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def ogrinfo_count(text: str) -> int:
    return int(re.search(r"Feature Count: (\d+)", text).group(1))


def ogrinfo_fields(text: str) -> list[str]:
    """Field names from `ogrinfo -so` (lines like `name: String (0.0)`)."""
    return re.findall(r"^(\w+): \w+ \(", text, re.MULTILINE)


def ogrinfo_epsg(text: str) -> int | None:
    """The EPSG code of the layer SRS ogrinfo prints (WKT), or None when unknown."""
    match = re.search(r"Layer SRS WKT:\n(.*?)\nData axis", text, re.S)
    if not match or "(unknown)" in match.group(1):
        return None
    return CRS.from_wkt(match.group(1)).to_epsg(min_confidence=90)


def values_by_id(frame: Any, column: str) -> dict[int, Any]:
    return {int(row_id): value for row_id, value in zip(frame["id"], frame[column], strict=True)}
