"""Small files to fill in: a header of typed columns and a few example rows, written by
GDAL as GeoPackage (EPSG:4326) or CSV (UTF-8 with a byte-order mark, geometry as WKT).

Pure library (no Django, no database). The columns and rows come from the caller; the
import templates use it so that people start from a file the importer reads as it is.

Why the CSV has a byte-order mark: Excel opens a CSV without one in the computer's
"ANSI" code page and shows Bengali as mojibake; with it, Excel (Windows and Mac) and
LibreOffice read UTF-8. GDAL, so QGIS, and Python's "utf-8-sig" skip the mark. It is what
the exports write too (gis.vector_write), so a template and an export open the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyogrio
import shapely

from gis.crs import STORAGE_SRID
from gis.digits import TO_ASCII

KINDS = ("text", "integer", "real", "date")
GEOMETRY = "geom"


def write_template(
    path: Path,
    *,
    fmt: str,
    layer: str,
    columns: Sequence[tuple[str, str]],
    rows: Sequence[Mapping[str, Any]],
    geoms: Sequence[Any] | None = None,
    geometry_type: str | None = None,
) -> Path:
    """Write `rows` (column name -> value, None for empty) under `columns` ((name, kind)
    pairs, kind one of KINDS) to `path` as "gpkg" or "csv".

    In a GeoPackage each column has its type; a CSV holds text only, so what a person
    types there is read the same way as the example. `geoms` are shapely geometries in
    EPSG:4326 (one per row, None for none), written when `geometry_type` is given: in the
    GeoPackage as its geometry column, in the CSV as a WKT column with a crs column
    saying EPSG:4326.
    """
    if fmt not in ("gpkg", "csv"):
        raise ValueError(f"Unknown template format {fmt!r}.")
    for _name, kind in columns:
        if kind not in KINDS:
            raise ValueError(f"Unknown column kind {kind!r}.")
    typed = fmt == "gpkg"
    arrays = {
        name: _column(kind if typed else "text", [r.get(name) for r in rows])
        for name, kind in columns
    }
    options: dict[str, Any] = {"driver": "GPKG" if typed else "CSV", "layer": layer}
    if not typed:
        options["layer_options"] = {"WRITE_BOM": "YES", "GEOMETRY": "AS_WKT"}
    if geometry_type is None:
        table = pa.table(arrays)
        pyogrio.write_arrow(table, path, geometry_name=None, geometry_type=None, crs=None,
                            **options)  # fmt: skip
        return path
    geometry = list(geoms) if geoms is not None else [None] * len(rows)
    if not typed:  # GDAL writes the WKT column first; the crs column goes right after it
        crs_column = [f"EPSG:{STORAGE_SRID}" if g is not None else None for g in geometry]
        arrays = {"crs": pa.array(crs_column, pa.string()), **arrays}
    multi = [shapely.MultiPolygon([g]) if isinstance(g, shapely.Polygon) else g for g in geometry]
    arrays[GEOMETRY] = pa.array(
        [None if g is None else shapely.to_wkb(g) for g in multi], pa.binary()
    )
    pyogrio.write_arrow(
        pa.table(arrays), path, geometry_name=GEOMETRY, geometry_type=geometry_type,
        crs=f"EPSG:{STORAGE_SRID}", **options,
    )  # fmt: skip
    return path


def _column(kind: str, values: list[Any]) -> Any:
    """Typed values; numbers and dates may be written with Bengali digits."""
    empty = [v in (None, "") for v in values]
    if kind == "integer":
        return pa.array(
            [None if e else int(_ascii(v)) for v, e in zip(values, empty, strict=True)], pa.int64()
        )
    if kind == "real":
        return pa.array(
            [None if e else float(_ascii(v)) for v, e in zip(values, empty, strict=True)],
            pa.float64(),
        )
    if kind == "date":
        return pa.array(
            [None if e else _date(v) for v, e in zip(values, empty, strict=True)], pa.date32()
        )
    return pa.array(
        [None if e else str(v) for v, e in zip(values, empty, strict=True)], pa.string()
    )


def _ascii(value: Any) -> str:
    return str(value).translate(TO_ASCII)


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(_ascii(value))
