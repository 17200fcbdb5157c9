"""Vector files out: one layer of attribute columns and WKB geometries written as GeoPackage,
zipped Shapefile, GeoJSON, KML, CSV (geometry as WKT) or XLSX, with the CRS said in the file.

Pure library (no Django, no database). Rows arrive as Arrow record batches, typically parsed
by `batches_from_csv` from PostgreSQL's `COPY ... TO STDOUT (FORMAT csv)` output, and go to
GDAL through pyogrio's Arrow writer in one call: no Python code runs per row, which is what
lets an export keep pace with `ogr2ogr`.

What each format gets beyond the rows:
- GeoPackage (version 1.2, readable by older GDAL and QGIS): the `about` lines as dataset
  metadata; the CRS in gpkg_spatial_ref_sys.
- Shapefile (zip): `.prj`, `.cpg` (UTF-8), `fields.csv` mapping each DBF field name (at most
  10 characters) to its full name, type and meaning, `README.txt` with the `about` lines, and
  `truncated.csv` listing every text value cut to DBF's 254 bytes (never cut silently).
- GeoJSON and KML: longitude/latitude (EPSG:4326) only, as RFC 7946 and KML require;
  another CRS is refused with `FormatCRSError` rather than written as a file readers misplace.
  In KML the `id` field is called `record_id` (see KML_ID_FIELD).
- CSV and XLSX: a `WKT` column (GDAL and QGIS take it as the geometry) and a `crs` column;
  text cells a spreadsheet would run as a formula get a leading `'`. XLSX also gets an
  `about` sheet; a cell over Excel's 32,767 characters is left empty and listed there.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyogrio.raw
import shapely
from pyproj import CRS

from gis.crs import STORAGE_SRID, check_srid

GEOMETRY_COLUMN = "wkb"
DBF_NAME_MAX = 10
DBF_TEXT_MAX_BYTES = 254
XLSX_CELL_MAX_CHARS = 32_767
XLSX_MAX_ROWS = 1_048_575  # 1,048,576 rows a sheet, less the header
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection");
# a leading apostrophe makes it text again. Number columns are left alone: -3 stays a number.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The same test as a (RE2) pattern for Arrow, made from FORMULA_STARTS.
_FORMULA_PATTERN = "^[" + "".join("\\" + c if c in "\\]^-" else c for c in FORMULA_STARTS) + "]"
# XML 1.0 (inside XLSX) has no place for these control characters.
_XML_ILLEGAL_PATTERN = "[\x00-\x08\x0b\x0c\x0e-\x1f]"
_XML_ILLEGAL = re.compile(_XML_ILLEGAL_PATTERN)
_CSV_BLOCK_BYTES = 16 << 20
MAX_NOTES = 50
# KML readers built on libkml (GDAL's LIBKML driver, so QGIS) take a field called "id" for the
# placemark's own id ("parcels.1") and hide its value; in KML the record id goes by this name.
KML_ID_FIELD = "record_id"


class Format(StrEnum):
    GPKG = "gpkg"
    SHAPEFILE = "shp"
    GEOJSON = "geojson"
    KML = "kml"
    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True)
class FormatSpec:
    driver: str
    suffix: str  # of the file handed to the user
    media_type: str
    lonlat_only: bool  # the format's specification fixes EPSG:4326
    wkt_columns: bool  # geometry as a WKT text column plus a crs column


FORMATS: dict[Format, FormatSpec] = {
    Format.GPKG: FormatSpec("GPKG", ".gpkg", "application/geopackage+sqlite3", False, False),
    Format.SHAPEFILE: FormatSpec("ESRI Shapefile", ".zip", "application/zip", False, False),
    Format.GEOJSON: FormatSpec("GeoJSON", ".geojson", "application/geo+json", True, False),
    Format.KML: FormatSpec("KML", ".kml", "application/vnd.google-earth.kml+xml", True, False),
    Format.CSV: FormatSpec("CSV", ".csv", "text/csv", False, True),
    Format.XLSX: FormatSpec(
        "XLSX",
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        False,
        True,
    ),
}


class FieldKind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    REAL = "real"
    DATE = "date"


ARROW_TYPES: dict[FieldKind, Any] = {
    FieldKind.TEXT: pa.string(),
    FieldKind.INTEGER: pa.int64(),
    FieldKind.REAL: pa.float64(),
    FieldKind.DATE: pa.date32(),
}


@dataclass(frozen=True)
class Field:
    name: str
    kind: FieldKind
    description: str = ""
    dbf_name: str = ""  # the Shapefile name, at most 10 characters; derived when blank


class ExportError(ValueError):
    """A layer that cannot be written as asked; the message says why and what to do."""


class FormatCRSError(ExportError):
    def __init__(self, fmt: Format, srid: int) -> None:
        super().__init__(
            f"{fmt.name} files are always in longitude/latitude (EPSG:4326); EPSG:{srid} "
            "cannot be written in them. Choose EPSG:4326, or GeoPackage, Shapefile, CSV or "
            "XLSX for a projected CRS."
        )


class TooManyRows(ExportError):
    pass


@dataclass(frozen=True)
class Written:
    path: Path
    rows: int
    media_type: str
    notes: tuple[str, ...] = ()  # what the file could not hold as given (never silent)


def check_format_crs(fmt: Format, srid: int) -> None:
    """Raise UnsupportedCRS or FormatCRSError unless `fmt` can be written in `srid`."""
    check_srid(srid)
    if FORMATS[fmt].lonlat_only and srid != STORAGE_SRID:
        raise FormatCRSError(fmt, srid)


# Rows in ----------------------------------------------------------------------------------


def schema_for(fields: Sequence[Field]) -> Any:
    """The Arrow schema of a layer's batches: the fields, then the WKB geometry."""
    columns = [pa.field(f.name, ARROW_TYPES[f.kind]) for f in fields]
    return pa.schema([*columns, pa.field(GEOMETRY_COLUMN, pa.binary())])


def batch_from_rows(fields: Sequence[Field], rows: Sequence[Sequence[Any]]) -> Any:
    """Python rows (one value per field, then the WKB geometry or None) as a record batch."""
    schema = schema_for(fields)
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
    arrays = [
        pa.array(list(values), type=f.type) for f, values in zip(schema, columns, strict=True)
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def batches_from_csv(path: Path, fields: Sequence[Field]) -> Iterator[Any]:
    """Record batches from a headerless CSV whose columns are `fields` and then the geometry
    as hexadecimal WKB: what PostgreSQL's COPY (FORMAT csv) writes. An unquoted empty value
    is null; a quoted one ("") is an empty string."""
    if path.stat().st_size == 0:  # no rows: Arrow refuses an empty CSV file
        return
    names = [f.name for f in fields] + [GEOMETRY_COLUMN]
    types = {f.name: ARROW_TYPES[f.kind] for f in fields} | {GEOMETRY_COLUMN: pa.string()}
    reader = pa_csv.open_csv(
        path,
        read_options=pa_csv.ReadOptions(column_names=names, block_size=_CSV_BLOCK_BYTES),
        parse_options=pa_csv.ParseOptions(newlines_in_values=True),
        convert_options=pa_csv.ConvertOptions(
            column_types=types,
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
        ),
    )
    schema = schema_for(fields)
    for batch in reader:
        arrays = [*batch.columns[:-1], _unhex(batch.column(len(fields)))]
        yield pa.RecordBatch.from_arrays(arrays, schema=schema)


def _unhex(column: Any) -> Any:
    """A string array of hexadecimal text to the binary array it spells, without a Python
    loop: one bytes.fromhex over all values, and the offsets halved."""
    if column.offset != 0 or len(column) == 0:
        return pa.array(
            [None if v is None else bytes.fromhex(v) for v in column.to_pylist()], pa.binary()
        )
    validity, offsets, data = column.buffers()
    ends = np.frombuffer(offsets, dtype=np.int32, count=len(column) + 1)
    text = b"" if data is None else data.to_pybytes()[: ends[-1]]
    raw = bytes.fromhex(text.decode("ascii"))
    halved = (ends // 2).astype(np.int32)
    return pa.Array.from_buffers(
        pa.binary(),
        len(column),
        [validity, pa.py_buffer(halved.tobytes()), pa.py_buffer(raw)],
        null_count=column.null_count,
    )


# Cell safety ------------------------------------------------------------------------------


def spreadsheet_safe(value: str) -> str:
    """Text a spreadsheet shows as text: a would-be formula gets a leading apostrophe."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def spreadsheet_cell(value: Any, *, xml: bool) -> Any:
    """One cell for a spreadsheet: text as `spreadsheet_safe` makes it and, for XLSX, without
    the control characters XML cannot hold; other values unchanged."""
    if not isinstance(value, str):
        return value
    if xml:
        value = _XML_ILLEGAL.sub("", value)
    return spreadsheet_safe(value)


def neutralise(column: Any, *, xml: bool) -> Any:
    """A text column as a spreadsheet should get it: would-be formulas prefixed with `'`
    and, for XLSX, the control characters XML cannot hold removed."""
    if xml:
        column = pc.replace_substring_regex(column, _XML_ILLEGAL_PATTERN, "")
    formula = pc.fill_null(pc.match_substring_regex(column, _FORMULA_PATTERN), False)
    if not pc.any(formula).as_py():
        return column
    return pc.if_else(formula, pc.binary_join_element_wise("'", column, ""), column)


# Shapefile field names ----------------------------------------------------------------------


def dbf_field_names(fields: Sequence[Field]) -> list[str]:
    """Each field's DBF name: its `dbf_name`, or its name cut to 10 characters and made
    unique with a number. Every name is ASCII and at most 10 characters long."""
    taken: set[str] = set()
    names = []
    for spec in fields:
        wanted = spec.dbf_name or spec.name
        if not wanted.isascii() or (spec.dbf_name and len(wanted) > DBF_NAME_MAX):
            raise ExportError(f"DBF name {wanted!r} is not ASCII of at most 10 characters.")
        name = wanted[:DBF_NAME_MAX]
        serial = 1
        while name.lower() in taken:
            suffix = f"_{serial}"
            name = wanted[: DBF_NAME_MAX - len(suffix)] + suffix
            serial += 1
        taken.add(name.lower())
        names.append(name)
    return names


# Writing --------------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _is_geographic(srid: int) -> bool:
    return bool(CRS.from_epsg(srid).is_geographic)


def wkt_decimals(srid: int) -> int:
    """Decimals kept in WKT: 8 in degrees and 3 in metres, both about a millimetre."""
    return 8 if _is_geographic(srid) else 3


@dataclass
class LayerWriter:
    """Writes one layer from a stream of record batches (`write`), then returns the file.

    `directory` must exist and belong to this export alone: working files go there too.
    """

    directory: Path
    name: str  # file name without suffix
    layer: str
    fmt: Format
    srid: int
    fields: Sequence[Field]
    geometry_type: str  # "MultiPolygon" or "Point"
    about: Mapping[str, str] = field(default_factory=dict)
    key_field: str = "id"  # names rows in notes
    rows: int = field(default=0, init=False)
    notes: list[str] = field(default_factory=list, init=False)
    _truncated: list[tuple[str, str, int]] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        check_format_crs(self.fmt, self.srid)
        self.spec = FORMATS[self.fmt]
        self.dbf_names = dbf_field_names(self.fields)
        if self.fmt is Format.SHAPEFILE:
            self.work = self.directory / f"{self.name}-shp"
            self.work.mkdir()
            self.target = self.work / f"{self.layer}.shp"
        else:
            self.target = self.directory / f"{self.name}{self.spec.suffix}"

    def write(
        self, batches: Iterable[Any], progress: Callable[[int], None] | None = None
    ) -> Written:
        """Write every batch (one GDAL call over the whole stream) and finish the file."""
        prepare = self._table_batch if self.spec.wkt_columns else self._native_batch
        schema = prepare(batch_from_rows(self.fields, [])).schema

        failures: list[Exception] = []

        def prepared() -> Iterator[Any]:
            try:
                for batch in batches:
                    self.rows += batch.num_rows
                    if self.fmt is Format.XLSX and self.rows > XLSX_MAX_ROWS:
                        raise TooManyRows(
                            f"An XLSX sheet holds at most {XLSX_MAX_ROWS:,} rows; this layer "
                            "has more. Narrow the filters or choose GeoPackage or CSV."
                        )
                    yield prepare(batch)
                    if progress is not None:
                        progress(self.rows)
            except Exception as error:
                failures.append(error)
                raise

        stream: Iterable[Any] = prepared()
        if self.fmt is Format.SHAPEFILE:
            stream, schema = self._with_dbf_widths(list(stream), schema)
        try:
            self._gdal_write(pa.RecordBatchReader.from_batches(schema, stream))
        except RuntimeError:
            # pyogrio reports a failing stream as "Error while accessing batch from stream";
            # the error raised inside it says what actually went wrong.
            if failures:
                raise failures[0] from None
            raise
        return self._finish()

    def _with_dbf_widths(self, batches: list[Any], schema: Any) -> tuple[list[Any], Any]:
        """Each DBF text field as wide as its longest value (in bytes), told to GDAL through
        the Arrow field metadata. GDAL would otherwise make every one 80 bytes wide: a DBF
        several times larger, slower to write and to zip, for nothing."""
        fields = []
        for index, spec in enumerate(schema):
            if not pa.types.is_string(spec.type):
                fields.append(spec)
                continue
            longest = max(
                (pc.max(pc.binary_length(b.column(index))).as_py() or 0 for b in batches),
                default=0,
            )
            width = str(min(max(longest, 1), DBF_TEXT_MAX_BYTES)).encode()
            fields.append(spec.with_metadata({b"GDAL:OGR:width": width}))
        wide = pa.schema(fields)
        return [pa.RecordBatch.from_arrays(b.columns, schema=wide) for b in batches], wide

    # Per batch ----------------------------------------------------------------------------

    def _native_batch(self, batch: Any) -> Any:
        if self.fmt is Format.KML:
            names = [KML_ID_FIELD if n == "id" else n for n in batch.schema.names]
            return batch.rename_columns(names)
        if self.fmt is not Format.SHAPEFILE:
            return batch
        columns = [self._fit_dbf_text(batch, i) for i in range(len(self.fields))]
        return pa.RecordBatch.from_arrays(
            [*columns, batch.column(len(self.fields))], names=[*self.dbf_names, GEOMETRY_COLUMN]
        )

    def _table_batch(self, batch: Any) -> Any:
        """CSV and XLSX: WKT and crs first, then the fields with formulas neutralised."""
        geoms = shapely.from_wkb(batch.column(len(self.fields)).to_numpy(zero_copy_only=False))
        wkt = shapely.to_wkt(geoms, rounding_precision=wkt_decimals(self.srid), trim=True)
        xml = self.fmt is Format.XLSX
        columns = [
            pa.array(wkt, pa.string()),
            pa.repeat(pa.scalar(f"EPSG:{self.srid}"), batch.num_rows),
        ]
        for i, spec in enumerate(self.fields):
            column = batch.column(i)
            columns.append(neutralise(column, xml=xml) if spec.kind is FieldKind.TEXT else column)
        names = ["WKT", "crs", *[f.name for f in self.fields]]
        if xml:
            columns = [
                self._fit_cell(batch, column, name)
                for column, name in zip(columns, names, strict=True)
            ]
        return pa.RecordBatch.from_arrays(columns, names=names)

    def _keys(self, batch: Any) -> list[Any]:
        names = [f.name for f in self.fields]
        if self.key_field in names:
            return list(batch.column(names.index(self.key_field)).to_pylist())
        return list(range(self.rows - batch.num_rows, self.rows))

    def _fit_dbf_text(self, batch: Any, i: int) -> Any:
        """Text over 254 UTF-8 bytes is cut at a character boundary and listed."""
        column = batch.column(i)
        if self.fields[i].kind is not FieldKind.TEXT:
            return column
        over = pc.fill_null(pc.greater(pc.binary_length(column), DBF_TEXT_MAX_BYTES), False)
        if not pc.any(over).as_py():
            return column
        values, keys = column.to_pylist(), self._keys(batch)
        for row in np.flatnonzero(over.to_numpy(zero_copy_only=False)):
            encoded = values[row].encode("utf-8")
            values[row] = encoded[:DBF_TEXT_MAX_BYTES].decode("utf-8", errors="ignore")
            self._truncated.append((str(keys[row]), self.dbf_names[i], len(encoded)))
        return pa.array(values, pa.string())

    def _fit_cell(self, batch: Any, column: Any, name: str) -> Any:
        if not pa.types.is_string(column.type):
            return column
        over = pc.fill_null(pc.greater(pc.utf8_length(column), XLSX_CELL_MAX_CHARS), False)
        if not pc.any(over).as_py():
            return column
        keys = self._keys(batch)
        for row in np.flatnonzero(over.to_numpy(zero_copy_only=False)):
            self.notes.append(
                f"{self.key_field} {keys[row]}: {name} is longer than a spreadsheet cell holds "
                f"({XLSX_CELL_MAX_CHARS:,} characters) and was left empty; export as "
                "GeoPackage for the whole value."
            )
        return pc.if_else(over, pa.scalar(None, pa.string()), column)

    # The file -------------------------------------------------------------------------------

    def _gdal_write(self, reader: Any) -> None:
        options: dict[str, str] = {}
        dataset_options: dict[str, str] = {}
        geometry: dict[str, Any] = {
            "geometry_name": GEOMETRY_COLUMN,
            "geometry_type": self.geometry_type,
            "crs": f"EPSG:{self.srid}",
        }
        metadata = None
        if self.fmt is Format.GPKG:
            # GeoPackage 1.2, not GDAL's default 1.4: older GDAL and QGIS warn on 1.4.
            dataset_options = {"VERSION": "1.2"}
            metadata = dict(self.about) or None
        elif self.fmt is Format.SHAPEFILE:
            options = {"ENCODING": "UTF-8"}
        elif self.fmt is Format.GEOJSON:
            options = {"RFC7946": "YES", "COORDINATE_PRECISION": "8", "WRITE_NAME": "NO"}
            if self.about:
                options["DESCRIPTION"] = "; ".join(f"{k}: {v}" for k, v in self.about.items())
        elif self.fmt is Format.CSV:
            options = {"WRITE_BOM": "YES"}  # so spreadsheet programs read the text as UTF-8
        if self.spec.wkt_columns:
            geometry = {}  # the WKT column carries it
        with warnings.catch_warnings():
            # Every truncation GDAL could warn about was handled above; any other warning
            # is a fault worth stopping for rather than a file quietly missing data.
            warnings.simplefilter("error", RuntimeWarning)
            pyogrio.raw.write_arrow(
                reader,
                str(self.target),
                layer=self.layer,
                driver=self.spec.driver,
                layer_options=options or None,
                dataset_options=dataset_options or None,
                dataset_metadata=metadata,
                **geometry,
            )

    def _finish(self) -> Written:
        if len(self.notes) > MAX_NOTES:  # a log and a page can show only so many
            extra = len(self.notes) - MAX_NOTES
            self.notes[MAX_NOTES:] = [f"... and {extra} more like these."]
        if self.fmt is Format.SHAPEFILE:
            path = self._zip_shapefile()
        else:
            if self.fmt is Format.XLSX:
                self._write_about_sheet()
            path = self.target
        return Written(path, self.rows, self.spec.media_type, tuple(self.notes))

    def _write_about_sheet(self) -> None:
        lines = [("rows", str(self.rows)), *self.about.items(), *(("note", n) for n in self.notes)]
        keys = pa.array([k for k, _v in lines], pa.string())
        values = neutralise(pa.array([v for _k, v in lines], pa.string()), xml=True)
        table = pa.table({"key": keys, "value": values})
        pyogrio.raw.write_arrow(table, str(self.target), layer="about", driver="XLSX")

    def _zip_shapefile(self) -> Path:
        if self._truncated:
            self.notes.append(
                f"{len(self._truncated)} text values were longer than a DBF field holds "
                f"({DBF_TEXT_MAX_BYTES} bytes) and were cut; truncated.csv lists them."
            )
        (self.work / "fields.csv").write_text(self._field_map(), encoding="utf-8")
        (self.work / "README.txt").write_text(self._readme(), encoding="utf-8")
        if self._truncated:
            header = (self.key_field, "field", "full_length_bytes")
            (self.work / "truncated.csv").write_text(
                _csv_text([header, *self._truncated]), encoding="utf-8"
            )
        path = self.directory / f"{self.name}.zip"
        # Deflate level 1: most of the gain (DBF padding compresses well) at a fraction of
        # the time of the default level.
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for member in sorted(self.work.iterdir()):
                archive.write(member, arcname=member.name)
        shutil.rmtree(self.work)
        return path

    def _field_map(self) -> str:
        rows: list[Sequence[str]] = [("dbf_name", "name", "type", "description")]
        rows += [
            (dbf, spec.name, spec.kind.value, spec.description)
            for dbf, spec in zip(self.dbf_names, self.fields, strict=True)
        ]
        return _csv_text(rows)

    def _readme(self) -> str:
        lines = [f"Layer {self.layer}: {self.rows} rows, EPSG:{self.srid} (see {self.layer}.prj)."]
        lines += [f"{key}: {value}" for key, value in self.about.items()]
        lines += [
            "",
            "Text is UTF-8 (see the .cpg file). DBF field names are at most 10 characters;",
            "fields.csv gives each one's full name, type and meaning.",
            *self.notes,
        ]
        return "\n".join(lines) + "\n"


def _csv_text(rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([spreadsheet_safe(str(v)) for v in row])
    return buffer.getvalue()


def write_layer(
    batches: Iterable[Any],
    *,
    progress: Callable[[int], None] | None = None,
    **writer: Any,
) -> Written:
    """Write a layer from record batches with LayerWriter(**writer); `progress` is called
    with the number of rows written so far after each batch."""
    return LayerWriter(**writer).write(batches, progress)
