"""Open an uploaded GIS file without trusting it, and read one layer of it.

Uploads are an attack surface. GDAL picks a driver by content, not by name, and some
formats are pointers: an OGR VRT (under any extension), a GDAL tile index or a GDAL
pipeline file reads other local files or fetches URLs. So nothing reaches GDAL until it
has been copied into a private working directory under a name chosen here, its content
sniffed and scanned for pointer content and virtual-file paths, and only a driver from an
allow-list opens it; the pointer and network drivers are switched off in pyogrio's GDAL
(and reads refuse to run if they are not). Zip archives are checked from their central
directory (entry count, unpacked size, ratio, names, symlinks) before anything is
unpacked, and unpacking counts bytes instead of trusting the headers.

A layer's coordinate system comes from its `.prj` or metadata and must be one of
gis.crs.ACCEPTED_SRIDS; with none, the caller must name one (CRSRequired), never a guess.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import re
import shutil
import sqlite3
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import IO, Any, cast

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.errors import ShapelyError

from gis import crs
from gis.digits import TO_ASCII
from gis.geometry import RING_NOT_CLOSED, RING_TOO_SHORT, GeometryProblem

# Pointer formats (they read other files or URLs), network clients and drivers that run
# programs or create files. Set before pyogrio registers its drivers when this module is
# imported first, and re-applied below when it is not.
DENIED_DRIVERS = (
    "OGR_VRT", "VRT", "GTI", "GDALG", "OGR_PDS", "PDS4", "VFK", "GPSBabel", "ADBC", "AIVector",
    "GML", "WFS", "OAPIF", "OGCAPI", "WMS", "WMTS", "HTTP", "CSW", "NGW", "Carto",
    "AmigoCloud", "Elasticsearch", "EEDA", "PLSCENES",
)  # fmt: skip
_skip = set(os.environ.get("GDAL_SKIP", "").split()) | set(DENIED_DRIVERS)
os.environ["GDAL_SKIP"] = " ".join(sorted(_skip))
os.environ.setdefault("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".none")

import pyarrow as pa  # noqa: E402
import pyarrow.csv as pa_csv  # noqa: E402
import pyogrio  # noqa: E402
from pyogrio.errors import DataLayerError, DataSourceError  # noqa: E402
from pyogrio.raw import read_arrow  # noqa: E402

MiB = 1024 * 1024


class Format(StrEnum):
    SHAPEFILE = "shapefile"
    GEOPACKAGE = "geopackage"
    GEOJSON = "geojson"
    KML = "kml"
    GPX = "gpx"
    CSV = "csv"


# The only drivers that may open each format.
DRIVERS: dict[Format, frozenset[str]] = {
    Format.SHAPEFILE: frozenset({"ESRI Shapefile"}),
    Format.GEOPACKAGE: frozenset({"GPKG"}),
    Format.GEOJSON: frozenset({"GeoJSON"}),
    Format.KML: frozenset({"KML", "LIBKML"}),
    Format.GPX: frozenset({"GPX"}),
}
# GDAL lets these be forced with a prefix, so no other driver is even tried.
_OPEN_PREFIX = {Format.GEOPACKAGE: "GPKG:", Format.GEOJSON: "GeoJSON:"}

_DATA_EXTENSIONS: dict[str, Format] = {
    ".gpkg": Format.GEOPACKAGE,
    ".geojson": Format.GEOJSON,
    ".json": Format.GEOJSON,
    ".kml": Format.KML,
    ".gpx": Format.GPX,
    ".csv": Format.CSV,
    ".shp": Format.SHAPEFILE,
}
_SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
_SHAPEFILE_REQUIRED = (".shp", ".shx", ".dbf")
STAGED_STEM = "layer"  # every staged file is called layer.<ext>, whatever the upload said


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MiB  # the uploaded file itself (a zip or a plain file)
    max_entries: int = 20  # members of a zip or files of a folder
    max_unpacked_bytes: int = 200 * MiB  # everything a zip or folder holds, unpacked
    max_ratio: int = 100  # unpacked / packed, for archives holding more than 1 MiB
    max_features: int = 200_000


class UploadRefused(ValueError):
    """A file that is not read, with a stable code and a message for people; `params` holds
    the message's values, for a caller that words the message in the user's language."""

    def __init__(self, code: str, message: str, params: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params or {}


class CRSRequired(UploadRefused):
    """The file states no coordinate system: the user must name one."""


@dataclass(frozen=True)
class PreparedUpload:
    """A file staged in a private directory, sniffed and scanned; safe to hand to GDAL."""

    format: Format
    path: Path
    declared_srid: int | None = None  # from a shapefile's .prj; other formats: read_layer
    encoding: str | None = None  # from a shapefile's .cpg
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layer:
    """One layer's rows: attributes as an Arrow table, geometries in EPSG:4326."""

    format: Format
    table: Any  # pyarrow.Table of the attributes, one row per feature, in file order
    geoms: NDArray[np.object_]  # shapely geometries (2D, EPSG:4326); None where a row has none
    source_srid: int | None  # the coordinate system the file was in (None: no geometry)
    read_problems: dict[int, list[GeometryProblem]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def row_count(self) -> int:
        return len(self.geoms)


# --- GDAL hardening -------------------------------------------------------------------


def _harden_gdal() -> None:
    """Deny the pointer and network drivers in pyogrio's GDAL even when it was loaded
    before this module, and forbid network access during reads."""
    skip = set((pyogrio.get_gdal_config_option("GDAL_SKIP") or "").split()) | set(DENIED_DRIVERS)
    pyogrio.set_gdal_config_options(
        {
            "GDAL_SKIP": " ".join(sorted(skip)),
            "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".none",
            "GDAL_HTTP_MAX_RETRY": "0",
            "GDAL_HTTP_TIMEOUT": "1",
            "OGR_SQLITE_ALLOW_EXTERNAL_ACCESS": "NO",
            "GML_DOWNLOAD_SCHEMA": "NO",
            "SHAPE_RESTORE_SHX": "NO",
        }
    )
    with contextlib.suppress(ImportError):
        from pyogrio.core import _register_drivers

        # GDALAllRegister again: it drops every driver named in GDAL_SKIP.
        _register_drivers()


def denied_drivers_loaded() -> set[str]:
    """Pointer or network drivers still registered in pyogrio's GDAL; reads refuse to run
    unless this is empty."""
    return set(DENIED_DRIVERS) & set(pyogrio.list_drivers())


_harden_gdal()


def _check_hardened() -> None:
    left = denied_drivers_loaded()
    if left:
        raise UploadRefused(
            "gdal_not_hardened",
            f"GDAL still has the drivers {', '.join(sorted(left))}; refusing to read uploads.",
        )


# --- staging: copy, count, scan -------------------------------------------------------

# GDAL reads "/vsi..." paths, "DRIVER:..." connection strings and URLs as something other
# than a local file.
_VIRTUAL_PATH = re.compile(r"^[\\/]?vsi[a-z0-9_]*[\\/]|^[A-Za-z0-9_ ]{2,}:|://", re.IGNORECASE)
# Pointer content and virtual-file paths, searched (case-insensitively) in every byte of
# every staged file. Plain substring searches: a regular expression is ten times slower.
_HOSTILE_MARKERS = (
    b"<ogrvrtdatasource", b"<vrtdataset", b"<gdaltileindexdataset", b"gdal_streamed_alg",
    b"<!entity", b"<!doctype", b"<networklink",
)  # fmt: skip
_VSI_PATH = re.compile(rb"/vsi[a-z0-9_]*/")
_SCAN_OVERLAP = 64
_CHUNK = 1 * MiB


@dataclass(frozen=True)
class _Member:
    """One file of an upload: a plain file, a file of a folder or an entry of a zip."""

    name: str  # its name as the upload gives it, for messages and extension only
    size: int  # bytes, as stated (zip header or file system); the copy counts again
    open: Callable[[], IO[bytes]]

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name.replace("\\", "/")).suffix.lower()

    @property
    def stem(self) -> str:
        return PurePosixPath(self.name.replace("\\", "/")).stem.lower()


def prepare_upload(
    source: Path, workdir: Path, *, name: str | None = None, limits: Limits | None = None
) -> PreparedUpload:
    """Copy the dataset in `source` (a file, a zip or a folder) into `workdir` and check it.

    `name` is what the user called the file (the page's upload name); its extension must
    agree with the content, which alone decides the format. Raises UploadRefused.
    """
    limits = limits or Limits()
    _refuse_virtual_path(str(source))
    if name is not None:
        _refuse_virtual_path(name)
    if not source.exists():
        raise UploadRefused("not_found", f"No file or folder at {source}.")
    if source.is_dir():
        members = _folder_members(source, limits)
        return _stage(members, workdir, limits, archive=True)
    _check_size(source.stat().st_size, limits.max_bytes, name or source.name)
    with source.open("rb") as handle:
        is_zip = handle.read(4) in (b"PK\x03\x04", b"PK\x05\x06")
    if is_zip:
        with _zip_members(source, limits) as members:
            return _stage(members, workdir, limits, archive=True)
    member = _Member(name or source.name, source.stat().st_size, lambda: source.open("rb"))
    return _stage([member], workdir, limits, archive=False)


def _refuse_virtual_path(text: str) -> None:
    if _VIRTUAL_PATH.search(text):
        raise UploadRefused(
            "virtual_path",
            "Only a local file can be imported, not a GDAL virtual path, URL or connection "
            f"string ({text[:80]!r}).",
        )


def _check_size(size: int, limit: int, name: str) -> None:
    if size > limit:
        raise UploadRefused(
            "too_large", f"{name} is {size / MiB:.1f} MiB; at most {limit / MiB:.0f} MiB."
        )


def _folder_members(folder: Path, limits: Limits) -> list[_Member]:
    entries = sorted(folder.iterdir())
    if len(entries) > limits.max_entries:
        raise UploadRefused(
            "too_many_files",
            f"The folder holds {len(entries)} files; at most {limits.max_entries}.",
        )
    members = []
    for entry in entries:
        info = entry.lstat()
        if stat.S_ISLNK(info.st_mode):
            raise UploadRefused(
                "symlink", f"{entry.name} is a symbolic link; only plain files are read."
            )
        if stat.S_ISREG(info.st_mode):
            members.append(_Member(entry.name, info.st_size, _opener(entry)))
    total = sum(m.size for m in members)
    _check_size(total, limits.max_unpacked_bytes, folder.name)
    return members


def _opener(path: Path) -> Callable[[], IO[bytes]]:
    def open_no_follow() -> IO[bytes]:
        # O_NOFOLLOW: a file swapped for a symlink after the check is still refused.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        return os.fdopen(fd, "rb")

    return open_no_follow


@contextlib.contextmanager
def _zip_members(path: Path, limits: Limits) -> Iterator[list[_Member]]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UploadRefused("bad_zip", f"Not a readable zip archive: {exc}.") from exc
    with archive:
        infos = archive.infolist()
        _check_zip_directory(infos, limits)
        yield [
            _Member(info.filename, info.file_size, _zip_opener(archive, info))
            for info in infos
            if not info.is_dir() and not _zip_noise(info.filename)
        ]


def _zip_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
    return lambda: archive.open(info)


def _zip_noise(name: str) -> bool:
    """Files operating systems add to archives; never read."""
    parts = name.replace("\\", "/").split("/")
    return parts[0] == "__MACOSX" or parts[-1] in {".DS_Store", "Thumbs.db"}


def _check_zip_directory(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Entry count, names, links, encryption, sizes and ratio, from the central directory,
    before a single byte is unpacked."""
    if len(infos) > limits.max_entries:
        raise UploadRefused(
            "zip_too_many_entries",
            f"The zip holds {len(infos)} entries; at most {limits.max_entries}.",
        )
    for info in infos:
        _check_zip_name(info.filename)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise UploadRefused(
                "zip_symlink", f"The zip entry {info.filename!r} is a symbolic link."
            )
        if info.flag_bits & 0x1:
            raise UploadRefused("zip_encrypted", f"The zip entry {info.filename!r} is encrypted.")
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if unpacked > limits.max_unpacked_bytes:
        raise UploadRefused(
            "zip_bomb",
            f"The zip would unpack to {unpacked / MiB:.0f} MiB; at most "
            f"{limits.max_unpacked_bytes / MiB:.0f} MiB.",
        )
    if unpacked > MiB and unpacked > limits.max_ratio * max(packed, 1):
        raise UploadRefused(
            "zip_bomb",
            f"The zip would unpack {unpacked / max(packed, 1):.0f} times its size; at most "
            f"{limits.max_ratio} times.",
        )


def _check_zip_name(name: str) -> None:
    normal = name.replace("\\", "/")
    parts = normal.split("/")
    if (
        normal.startswith("/")
        or re.match(r"^[A-Za-z]:", normal)
        or ".." in parts
        or "\x00" in normal
    ):
        raise UploadRefused(
            "zip_unsafe_name",
            f"The zip entry {name!r} points outside the archive (absolute path or '..').",
        )
    _refuse_virtual_path(normal)


def _stage(
    members: list[_Member], workdir: Path, limits: Limits, *, archive: bool
) -> PreparedUpload:
    workdir.mkdir(parents=True, exist_ok=True)
    if archive and any(m.suffix == ".shp" for m in members):
        return _stage_shapefile(members, workdir, limits)
    if archive:
        data = [m for m in members if m.suffix in _DATA_EXTENSIONS]
        if len(data) != 1:
            found = ", ".join(m.name for m in data) or "none"
            raise UploadRefused(
                "no_single_dataset",
                "The archive or folder must hold one shapefile, GeoPackage, GeoJSON, KML or "
                f"CSV file; found: {found}.",
            )
        members = data
    (member,) = members
    # Copied (and scanned) first: a lone "x.shp" holding a VRT is named as what it is.
    staged = _copy(member, workdir / STAGED_STEM, limits)
    fmt = _sniff(staged, member)
    final = staged.rename(staged.with_suffix(_SUFFIX_OF[fmt]))
    if fmt is Format.GEOPACKAGE:
        _check_geopackage_schema(final)
    if fmt in (Format.KML, Format.GPX):  # both are always WGS 84 longitude/latitude
        return PreparedUpload(fmt, final, declared_srid=crs.STORAGE_SRID)
    return PreparedUpload(fmt, final)


_SUFFIX_OF = {
    Format.GEOPACKAGE: ".gpkg",
    Format.GEOJSON: ".geojson",
    Format.KML: ".kml",
    Format.GPX: ".gpx",
    Format.CSV: ".csv",
    Format.SHAPEFILE: ".shp",
}


def _copy(member: _Member, target: Path, limits: Limits) -> Path:
    """Copy with a byte counter (never trusting the stated size) and scan every byte."""
    cap = min(member.size, limits.max_unpacked_bytes)
    copied = 0
    tail = b""
    try:
        with member.open() as source, target.open("xb") as out:
            while chunk := source.read(_CHUNK):
                copied += len(chunk)
                if copied > cap:
                    raise UploadRefused(
                        "size_mismatch", f"{member.name} holds more bytes than it declares."
                    )
                _scan(tail + chunk, member.name)
                tail = chunk[-_SCAN_OVERLAP:]
                out.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise UploadRefused("bad_zip", f"{member.name} could not be unpacked: {exc}.") from exc
    return target


def _scan(data: bytes, name: str) -> None:
    lower = data.lower()
    at = next((i for m in _HOSTILE_MARKERS if (i := lower.find(m)) >= 0), -1)
    length = next((len(m) for m in _HOSTILE_MARKERS if lower.find(m) == at), 0)
    if at < 0 and b"/vsi" in lower:
        match = _VSI_PATH.search(lower)
        at, length = (match.start(), len(match.group(0))) if match else (-1, 0)
    if at >= 0:
        what = data[at : at + length].decode("ascii", "replace")
        raise UploadRefused(
            "pointer_content",
            f"{name} contains {what!r}: content that makes GDAL read other files or URLs "
            "(a VRT, tile index, pipeline, XML entity or virtual-file path) is refused.",
        )


# --- sniffing -------------------------------------------------------------------------

_SHP_MAGIC = b"\x00\x00\x27\x0a"  # file code 9994, big-endian
_DBF_VERSIONS = frozenset({0x02, 0x03, 0x04, 0x05, 0x30, 0x31, 0x32, 0x43, 0x83, 0x8B, 0xCB, 0xF5})
_GPKG_IDS = (b"GPKG", b"GP10", b"GP11")
_BOM = codecs.BOM_UTF8


def _sniff(path: Path, member: _Member) -> Format:
    """The format the content says, which must agree with the name's extension."""
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    fmt = _format_of(head, member.name)
    if member.suffix in _SHAPEFILE_PARTS:
        raise UploadRefused(
            "shapefile_part_alone",
            f"{member.name} is one part of a shapefile: upload the .shp, .shx, .dbf and .prj "
            "together in one zip.",
        )
    named = _DATA_EXTENSIONS.get(member.suffix)
    if named is not None and named is not fmt:
        raise UploadRefused(
            "content_mismatch",
            f"{member.name} is named as {named.value} but its content is {fmt.value}.",
        )
    return fmt


def _format_of(head: bytes, name: str) -> Format:
    if head.startswith(b"SQLite format 3\x00"):
        if head[68:72] not in _GPKG_IDS:
            raise UploadRefused("not_geopackage", f"{name} is an SQLite file, not a GeoPackage.")
        return Format.GEOPACKAGE
    if head.startswith(_SHP_MAGIC):
        raise UploadRefused(
            "shapefile_part_alone",
            f"{name} is part of a shapefile: upload the .shp, .shx, .dbf and .prj together "
            "in one zip.",
        )
    if b"\x00" in head:
        raise UploadRefused("unknown_format", f"{name} is not a format landclaims reads.")
    text = head.removeprefix(_BOM).lstrip()
    if text.startswith(b"{"):
        return Format.GEOJSON
    if text.startswith(b"["):
        raise UploadRefused(
            "json_list",
            f"{name} is a JSON list, not a GeoJSON FeatureCollection (in Kobo, export "
            "GeoJSON with the default, flattened layout).",
        )
    if text.startswith(b"<"):
        if b"<kml" in text.lower():
            return Format.KML
        if b"<gpx" in text.lower():
            return Format.GPX
        raise UploadRefused(
            "xml_not_kml", f"{name} is XML but not KML (for example an OGR VRT); refused."
        )
    return Format.CSV


def _check_geopackage_schema(path: Path) -> None:
    """Only tables: views and virtual tables (other than GeoPackage's R-tree index) could
    make GDAL's SQLite run something on read."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as db:
            db.execute("PRAGMA trusted_schema = OFF")
            rows = db.execute("SELECT type, name, coalesce(sql, '') FROM sqlite_master").fetchall()
    except sqlite3.DatabaseError as exc:
        raise UploadRefused("bad_geopackage", f"Not a readable GeoPackage: {exc}.") from exc
    for kind, table, sql in rows:
        virtual = re.match(r"\s*CREATE\s+VIRTUAL\s+TABLE", sql, re.IGNORECASE)
        if kind == "view" or (virtual and not re.search(r"USING\s+rtree\s*\(", sql, re.I)):
            raise UploadRefused(
                "geopackage_view",
                f"The GeoPackage holds {kind} {table!r}; only plain tables are imported.",
            )


# --- shapefiles -----------------------------------------------------------------------


def _stage_shapefile(members: list[_Member], workdir: Path, limits: Limits) -> PreparedUpload:
    shps = [m for m in members if m.suffix == ".shp"]
    if len(shps) != 1:
        names = ", ".join(m.name for m in shps)
        raise UploadRefused(
            "several_layers", f"Upload one shapefile at a time; found several: {names}."
        )
    stem = shps[0].stem
    parts: dict[str, _Member] = {}
    for member in members:
        if member.stem == stem and member.suffix in _SHAPEFILE_PARTS:
            if member.suffix in parts:
                raise UploadRefused("duplicate_part", f"Two {member.suffix} files for {stem}.")
            parts[member.suffix] = member
    missing = [s for s in _SHAPEFILE_REQUIRED if s not in parts]
    if missing:
        raise UploadRefused(
            "shapefile_incomplete",
            f"The shapefile {stem} lacks its {', '.join(missing)} file; a shapefile needs "
            ".shp, .shx and .dbf (and .prj for its coordinate system).",
        )
    staged = {s: _copy(m, workdir / f"{STAGED_STEM}{s}", limits) for s, m in parts.items()}
    _check_shapefile_magic(staged, parts)
    notes = []
    srid = None
    if ".prj" in staged:
        prj = staged.pop(".prj")
        try:
            srid = srid_from_wkt(prj.read_text("utf-8", errors="strict"))
        except UnicodeDecodeError as exc:
            raise UploadRefused("bad_prj", "The .prj is not text.") from exc
        # Read here, so GDAL never parses it: the layer is given its CRS by number.
        prj.unlink()
    encoding = None
    if ".cpg" in staged:
        encoding = _encoding_from_cpg(staged[".cpg"].read_bytes())
        notes.append(f"Text encoding from the .cpg file: {encoding}.")
    return PreparedUpload(
        Format.SHAPEFILE, staged[".shp"], declared_srid=srid, encoding=encoding, notes=tuple(notes)
    )


def _check_shapefile_magic(staged: dict[str, Path], parts: dict[str, _Member]) -> None:
    for suffix in (".shp", ".shx"):
        with staged[suffix].open("rb") as handle:
            head = handle.read(100)
        if len(head) < 100 or not head.startswith(_SHP_MAGIC):
            raise UploadRefused(
                "content_mismatch", f"{parts[suffix].name} is not a shapefile {suffix} file."
            )
    with staged[".dbf"].open("rb") as handle:
        head = handle.read(32)
    header_length = int.from_bytes(head[8:10], "little") if len(head) == 32 else 0
    if len(head) < 32 or head[0] not in _DBF_VERSIONS or header_length < 33:
        raise UploadRefused("content_mismatch", f"{parts['.dbf'].name} is not a dBASE file.")


_UTF8_NAMES = {"utf-8", "utf8", "65001", "utf_8", "ascii", "us-ascii"}  # ASCII: UTF-8's subset
# Code pages GDAL reads a .dbf in (checked one by one, tests/gis/test_vector_read.py), by
# Python's names for them. Python knows many more (rot13, base64, utf-16, big5...) that
# GDAL would ignore or garble (cp1255 drops Hebrew letters), reading the bytes as they are
# while we said the .cpg was used.
_DBF_ENCODINGS = re.compile(
    r"cp125[0-46-7]|cp(437|737|775|85[0-8]|86[0-3]|86[5-9]|874|932|949|1125)|iso8859-([1-9]|1[0-6])"
    r"|koi8-[rtu]|gbk|gb2312|gb18030|shift_jis|big5hkscs|mac-cyrillic"
)


def _encoding_from_cpg(raw: bytes) -> str:
    text = raw.decode("ascii", errors="replace").strip()
    if text.lower() in _UTF8_NAMES:
        return "UTF-8"
    try:
        name = codecs.lookup(text).name
    except LookupError:
        name = ""
    if not _DBF_ENCODINGS.fullmatch(name):
        raise UploadRefused(
            "unknown_encoding",
            f"The .cpg names the text encoding {text[:40]!r}, which landclaims cannot read; "
            "save the shapefile with UTF-8 text.",
            {"encoding": text[:40]},
        )
    return name


# --- coordinate systems ---------------------------------------------------------------

_WKT_START = re.compile(
    r"\s*(PROJCS|GEOGCS|GEOCCS|COMPD_CS|PROJCRS|GEOGCRS|GEODCRS|BOUNDCRS|COMPOUNDCRS)\s*\[",
    re.IGNORECASE,
)


def srid_from_wkt(text: str) -> int:
    """The accepted EPSG code a WKT definition (a .prj) describes, or UploadRefused."""
    if len(text) > 16_384 or not _WKT_START.match(text):
        raise UploadRefused("bad_prj", "The .prj is not a coordinate system definition (WKT).")
    try:
        parsed = CRS.from_wkt(text)
    except CRSError as exc:
        raise UploadRefused("bad_prj", f"The .prj could not be read: {exc}.") from exc
    return _accepted_srid(parsed)


def _accepted_srid(parsed: CRS) -> int:
    code = parsed.to_epsg(min_confidence=70)
    if code in crs.ACCEPTED_SRIDS:
        return int(code)
    for srid in sorted(crs.ACCEPTED_SRIDS):
        if parsed.equals(_epsg(srid), ignore_axis_order=True):
            return srid
    raise UploadRefused(
        "crs_not_accepted",
        f"The file's coordinate system ({parsed.name}) is not accepted; use one of "
        + ", ".join(f"EPSG:{s}" for s in sorted(crs.ACCEPTED_SRIDS))
        + ".",
    )


@lru_cache(maxsize=8)
def _epsg(srid: int) -> CRS:
    return CRS.from_epsg(srid)


def _srid_from_gdal(text: str | None) -> int | None:
    """The CRS pyogrio reports for a layer: 'EPSG:n' or WKT; None when it has none."""
    if not text:
        return None
    match = re.fullmatch(r"EPSG:(\d+)", text.strip())
    if match:
        srid = _horizontal(int(match.group(1)))
        if srid not in crs.ACCEPTED_SRIDS:
            raise UploadRefused(
                "crs_not_accepted",
                f"The file is in EPSG:{srid}, which is not accepted; use one of "
                + ", ".join(f"EPSG:{s}" for s in sorted(crs.ACCEPTED_SRIDS))
                + ".",
            )
        return srid
    return srid_from_wkt(text)


def _horizontal(srid: int) -> int:
    """The 2D CRS of a 3D one (GDAL calls GeoJSON with heights EPSG:4979): heights are
    dropped on reading, so only the horizontal system matters."""
    try:
        flat = _epsg(srid).to_2d().to_epsg()
    except CRSError:
        return srid
    return int(flat) if flat else srid


def choose_srid(declared: int | None, given: int | None) -> int:
    """The file's own CRS, or the one the user named when the file states none.

    Both given and different: refused, unless they are the two BTM variants (the data
    decide between those anyway).
    """
    if given is not None:
        try:
            crs.check_srid(given)
        except crs.UnsupportedCRS as exc:
            raise UploadRefused("crs_not_accepted", str(exc)) from exc
    if declared is None:
        if given is None:
            raise CRSRequired(
                "crs_required",
                "The file does not say which coordinate system it uses (no .prj or "
                "metadata). Name it (for example --crs 4326); landclaims never guesses.",
            )
        return given
    btm = {crs.BTM_SRID, crs.BTM_FN0_SRID}
    if given is not None and given != declared and not {given, declared} <= btm:
        raise UploadRefused(
            "crs_conflict",
            f"The file says EPSG:{declared} but EPSG:{given} was given; fix the file's "
            "coordinate system or leave the CRS out.",
        )
    return declared


def to_storage(geoms: NDArray[np.object_], srid: int) -> NDArray[np.object_]:
    """Every geometry reprojected to EPSG:4326 at once (None stays None)."""
    if srid == crs.STORAGE_SRID:
        return geoms
    transformer = crs._transformer(srid, crs.STORAGE_SRID)

    def apply(xy: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return cast(NDArray[np.object_], shapely.transform(geoms, apply))


# --- reading --------------------------------------------------------------------------


def list_layer_names(prepared: PreparedUpload) -> list[str]:
    if prepared.format in (Format.CSV, Format.SHAPEFILE):
        return [STAGED_STEM]
    _check_hardened()
    layers = pyogrio.list_layers(_gdal_path(prepared))
    return [str(name) for name, _kind in layers]


def read_layer(
    prepared: PreparedUpload,
    *,
    srid: int | None = None,
    layer: str | None = None,
    limits: Limits | None = None,
    read_geometry: bool = True,
    geometry_column: str | None = None,
) -> Layer:
    """Read the one layer of `prepared` (or the named one), geometries in EPSG:4326.

    `srid` is the user's choice of coordinate system, used when the file states none.
    `geometry_column` names the column to read geometries from (WKT or ODK geo answers),
    for files with several location columns, such as a Kobo/ODK form's point and boundary.
    With `read_geometry` False every geometry is None and no CRS is needed.
    Raises UploadRefused (CRSRequired when the file states no CRS and none was given).
    """
    limits = limits or Limits()
    column = geometry_column if read_geometry and geometry_column else None
    if prepared.format is Format.CSV:
        table, geoms, declared, problems, notes = _read_csv(
            prepared.path, limits, read_geometry, column
        )
    else:
        table, geoms, declared, problems, notes = _read_gdal(
            prepared, layer, limits, read_geometry, column
        )
    source_srid = None
    if bool((~shapely.is_missing(geoms)).any()):
        source_srid = choose_srid(declared, srid)
        chosen = source_srid
        try:
            source_srid = crs.resolve_btm_variant_many(geoms, chosen)
        except crs.AmbiguousCRS as exc:
            raise UploadRefused("crs_ambiguous", str(exc)) from exc
        if source_srid != chosen:
            notes.append(
                f"The coordinates fit EPSG:{source_srid}, the other Bangladesh Transverse "
                f"Mercator variant; read as EPSG:{source_srid}."
            )
        geoms = to_storage(geoms, source_srid)
    return Layer(
        format=prepared.format,
        table=table,
        geoms=geoms,
        source_srid=source_srid,
        read_problems=problems,
        notes=(*prepared.notes, *notes),
    )


# What a reader returns: attributes, geometries, the CRS the file declares, problems of
# single rows, notes.
LayerRead = tuple[Any, NDArray[np.object_], int | None, dict[int, list[GeometryProblem]], list[str]]


def _gdal_path(prepared: PreparedUpload) -> str:
    return _OPEN_PREFIX.get(prepared.format, "") + str(prepared.path)


def _read_gdal(
    prepared: PreparedUpload,
    layer: str | None,
    limits: Limits,
    read_geometry: bool,
    geometry_column: str | None,
) -> LayerRead:
    _check_hardened()
    path = _gdal_path(prepared)
    # A shapefile without a .cpg is read as UTF-8 and checked strictly: GDAL's fallback,
    # Latin-1, would turn Bengali into mojibake without a word.
    encoding = prepared.encoding
    if prepared.format is Format.SHAPEFILE and encoding is None:
        encoding = "UTF-8"
    try:
        names = [str(n) for n, _ in pyogrio.list_layers(path)]
        layer = _pick_layer(names, layer)
        info = pyogrio.read_info(path, layer=layer, encoding=encoding)
        _check_driver(prepared, str(info["driver"]))
        if int(info["features"]) > limits.max_features:
            raise UploadRefused(
                "too_many_features",
                f"The layer has {info['features']} features; at most {limits.max_features}.",
            )
        meta, table = read_arrow(path, layer=layer, encoding=encoding, read_geometry=read_geometry)
    except UnicodeDecodeError as exc:
        raise _bad_encoding(prepared) from exc
    except (DataSourceError, DataLayerError, OSError, ValueError) as exc:
        if isinstance(exc, UploadRefused):
            raise
        raise UploadRefused("unreadable", f"The file could not be read: {exc}.") from exc
    if table.num_rows > limits.max_features:
        raise UploadRefused(
            "too_many_features",
            f"The layer has {table.num_rows} features; at most {limits.max_features}.",
        )
    _check_text(table, prepared)
    geometry_name = meta.get("geometry_name") or "wkb_geometry"
    geoms, problems = _geoms_from_wkb(table, geometry_name)
    if geometry_name in table.column_names:
        table = table.drop_columns([geometry_name])
    declared = prepared.declared_srid
    if prepared.format in (Format.GEOPACKAGE, Format.GEOJSON):
        declared = _srid_from_gdal(meta.get("crs"))
    notes: list[str] = []
    if geometry_column is not None and geometry_column.strip().lower() != geometry_name.lower():
        column = _chosen_column(table, geometry_column)
        geoms, odk_srid, problems, notes = _geometries_from_column(table, column)
        declared = odk_srid or declared
        table = table.drop_columns([column])
    elif prepared.format is Format.GEOJSON and read_geometry:
        problems.update(_geojson_geometries_dropped(prepared.path, geoms, problems))
    if " Z" in str(info.get("geometry_type") or "") or "25D" in str(info.get("geometry_type")):
        notes.append("Heights (Z) in the file were dropped; boundaries are stored in 2D.")
    return table, geoms, declared, problems, notes


def _pick_layer(names: list[str], wanted: str | None) -> str:
    if wanted is not None:
        if wanted not in names:
            raise UploadRefused(
                "no_such_layer", f"No layer {wanted!r}; the file has: {', '.join(names)}."
            )
        return wanted
    if len(names) != 1:
        raise UploadRefused(
            "several_layers",
            f"The file has {len(names)} layers ({', '.join(names[:10])}); name the one to import.",
        )
    return names[0]


def _check_driver(prepared: PreparedUpload, driver: str) -> None:
    if driver not in DRIVERS[prepared.format]:
        raise UploadRefused(
            "wrong_driver",
            f"GDAL would read this {prepared.format.value} file with its {driver} driver; refused.",
        )


def _check_text(table: Any, prepared: PreparedUpload) -> None:
    """Text that is not valid in its encoding is refused, never silently altered."""
    try:
        table.validate(full=True)
    except pa.ArrowInvalid as exc:
        raise _bad_encoding(prepared) from exc


def _bad_encoding(prepared: PreparedUpload) -> UploadRefused:
    hint = " Add a .cpg file naming its encoding." if prepared.encoding is None else ""
    return UploadRefused(
        "bad_encoding", f"The attribute text is not valid {prepared.encoding or 'UTF-8'}.{hint}"
    )


def _geoms_from_wkb(
    table: Any, column: str
) -> tuple[NDArray[np.object_], dict[int, list[GeometryProblem]]]:
    """The geometries, and a problem for each row whose geometry the file holds but GEOS
    cannot build (GDAL passes an unclosed ring or a two-position ring through as WKB)."""
    if column not in table.column_names:
        return np.full(table.num_rows, None, dtype=object), {}
    wkb = table.column(column).to_numpy(zero_copy_only=False)
    with np.errstate(invalid="ignore"):  # NaN coordinates are reported by the checks
        geoms = shapely.from_wkb(wkb, on_invalid="ignore")
    sent = np.array([w is not None for w in wkb], dtype=bool)
    problems = {
        i: [_unbuildable(shapely.from_wkb, wkb[i])]
        for i in np.flatnonzero(sent & shapely.is_missing(geoms)).tolist()
    }
    if shapely.has_z(geoms).any():
        # Heights (Kobo writes GPS altitude) are dropped: boundaries are stored in 2D.
        geoms = shapely.force_2d(geoms)
    return cast(NDArray[np.object_], geoms), problems


def _unbuildable(parse: Callable[[Any], Any], value: Any) -> GeometryProblem:
    """Why GEOS refuses a geometry the file holds, from its own message (rare: one row at
    a time)."""
    try:
        parse(value)
    except ShapelyError as exc:
        reason = str(exc)
    else:  # pragma: no cover - it failed a moment ago
        reason = "unknown"
    if "closed linestring" in reason:
        return RING_NOT_CLOSED
    if "Invalid number of points in LinearRing" in reason or "0 or >1 elements" in reason:
        return RING_TOO_SHORT
    reason = reason.strip()[:120]
    return GeometryProblem("unreadable", f"The boundary could not be read: {reason}.")


def _geojson_geometries_dropped(
    path: Path, geoms: NDArray[np.object_], known: dict[int, list[GeometryProblem]]
) -> dict[int, list[GeometryProblem]]:
    """Rows whose feature has a geometry in the file that GDAL read as none (an unknown
    type, coordinates that are not numbers): a boundary sent is never silently dropped.

    Read again with Python's json only when some row came without a geometry, which is
    rare but for forms whose location question was skipped."""
    missing = [i for i in np.flatnonzero(shapely.is_missing(geoms)).tolist() if i not in known]
    if not missing:
        return {}
    try:
        with path.open("rb") as handle:
            features = json.load(handle).get("features")
    except (ValueError, RecursionError, AttributeError):
        return {}  # GDAL read it; what json cannot, is left to GDAL's reading
    if not isinstance(features, list) or len(features) != len(geoms):
        return {}
    problem = GeometryProblem(
        "not_a_geometry",
        "The feature has a geometry that GDAL cannot read (an unknown type, or coordinates "
        "that are not numbers).",
    )
    return {
        i: [problem]
        for i in missing
        if isinstance(features[i], dict) and features[i].get("geometry") is not None
    }


# --- CSV ------------------------------------------------------------------------------

_WKT_COLUMNS = ("wkt", "geometry", "geom", "the_geom", "wkt_geom", "shape")
_LON_COLUMNS = ("longitude", "lon", "lng", "long")
_LAT_COLUMNS = ("latitude", "lat")
_X_COLUMNS, _Y_COLUMNS = ("x", "easting"), ("y", "northing")


def _read_csv(
    path: Path, limits: Limits, read_geometry: bool, geometry_column: str | None
) -> LayerRead:
    header, delimiter = _csv_header(path)
    options = pa_csv.ConvertOptions(
        column_types={name: pa.string() for name in header},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    try:
        table = pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(use_threads=True),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=options,
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise UploadRefused("unreadable", f"The CSV file could not be read: {exc}.") from exc
    if table.num_rows > limits.max_features:
        raise UploadRefused(
            "too_many_features",
            f"The file has {table.num_rows} rows; at most {limits.max_features}.",
        )
    if not read_geometry:
        return table, np.full(table.num_rows, None, dtype=object), None, {}, []
    if geometry_column is not None:
        column = _chosen_column(table, geometry_column)
        geoms, declared, problems, notes = _geometries_from_column(table, column)
        return table.drop_columns([column]), geoms, declared, problems, notes
    lower = {name.strip().lower(): name for name in table.column_names}
    return _csv_geometry(table, lower)


def _chosen_column(table: Any, name: str) -> str:
    """The column the user named (ignoring case and surrounding spaces), or UploadRefused."""
    by_key = {c.strip().lower(): c for c in table.column_names}
    found = name if name in table.column_names else by_key.get(name.strip().lower())
    if found is None:
        columns = ", ".join(table.column_names) or "-"
        raise UploadRefused(
            "no_such_column",
            f"No column {name[:80]!r} to read the geometry from; the file's columns are: "
            f"{columns}.",
            {"column": name[:80], "columns": columns},
        )
    return str(found)


def _geometries_from_column(
    table: Any, column: str
) -> tuple[NDArray[np.object_], int | None, dict[int, list[GeometryProblem]], list[str]]:
    """Geometries from a named column: ODK/Kobo geo answers (latitude first, WGS 84) when
    its first filled value is one, WKT otherwise (in the file's or the chosen CRS)."""
    values = table.column(column)
    if not pa.types.is_string(values.type):
        values = values.cast(pa.string())
    texts = [v or "" for v in values.to_pylist()]
    first = next((t for t in texts if t.strip()), "")
    problems: dict[int, list[GeometryProblem]] = {}
    if "." in first and _ODK_VALUE.fullmatch(first):
        note = f"Geometry read from the ODK/Kobo column {column!r} (latitude first)."
        return parse_odk_geometries(texts, problems), crs.STORAGE_SRID, problems, [note]
    return _parse_wkt(texts, problems), None, problems, [f"Geometry read from column {column!r}."]


def _csv_header(path: Path) -> tuple[list[str], str]:
    with path.open("r", encoding="utf-8-sig", errors="strict", newline="") as handle:
        try:
            first = handle.readline()
        except UnicodeDecodeError as exc:
            raise UploadRefused("bad_encoding", "The CSV file is not UTF-8.") from exc
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: counts[d])
    header = next(csv.reader(io.StringIO(first), delimiter=delimiter))
    if len(header) != len(set(header)):
        raise UploadRefused("duplicate_columns", "The CSV header names a column twice.")
    return header, delimiter


def _csv_geometry(table: Any, lower: dict[str, str]) -> LayerRead:
    problems: dict[int, list[GeometryProblem]] = {}
    notes: list[str] = []
    wkt = next((lower[c] for c in _WKT_COLUMNS if c in lower), None)
    lon = next((lower[c] for c in _LON_COLUMNS if c in lower), None)
    lat = next((lower[c] for c in _LAT_COLUMNS if c in lower), None)
    x = next((lower[c] for c in _X_COLUMNS if c in lower), None)
    y = next((lower[c] for c in _Y_COLUMNS if c in lower), None)
    declared: int | None = None
    if wkt is not None:
        geoms = _parse_wkt(_strings(table, wkt), problems)
        used = [wkt]
        if "crs" in lower:  # as landclaims' exports and templates write it: "EPSG:4326"
            declared = _crs_column(_strings(table, lower["crs"]))
            used.append(lower["crs"])
    elif lon is not None and lat is not None:
        # Columns named latitude and longitude are degrees on WGS 84.
        geoms = _parse_points(_strings(table, lon), _strings(table, lat), problems)
        declared, used = crs.STORAGE_SRID, [lon, lat]
    elif x is not None and y is not None:
        geoms = _parse_points(_strings(table, x), _strings(table, y), problems)
        used = [x, y]
    else:
        odk = _odk_column(table)
        if odk is None:
            return table, np.full(table.num_rows, None, dtype=object), None, problems, notes
        geoms = parse_odk_geometries(_strings(table, odk), problems)
        declared, used = crs.STORAGE_SRID, [odk]
        notes.append(f"Geometry read from the ODK/Kobo column {odk!r} (latitude first).")
    return table.drop_columns(used), geoms, declared, problems, notes


_EPSG_TEXT = re.compile(r"\s*EPSG:(\d{4,6})\s*", re.IGNORECASE)


def _crs_column(texts: list[str]) -> int | None:
    """The CRS a CSV's crs column states: one "EPSG:n" for every row that fills it in.
    Several, or text that is not an EPSG code, is refused rather than guessed from."""
    stated = {t.strip() for t in texts if t.strip()}
    if not stated:
        return None
    matches = [_EPSG_TEXT.fullmatch(t) for t in stated]
    codes = {m.group(1) for m in matches if m}
    if len(codes) != 1 or not all(matches):
        raise UploadRefused(
            "crs_column",
            "The crs column must say one coordinate system, as EPSG:4326, on every row.",
        )
    return int(codes.pop())


def _strings(table: Any, column: str) -> list[str]:
    return cast(list[str], table.column(column).to_pylist())


def _parse_wkt(texts: list[str], problems: dict[int, list[GeometryProblem]]) -> NDArray[np.object_]:
    array = np.array([t.strip() or None for t in texts], dtype=object)
    geoms = shapely.from_wkt(array, on_invalid="ignore")
    for i in np.flatnonzero(shapely.is_missing(geoms) & ~shapely.is_missing(array)).tolist():
        problem = _unbuildable(shapely.from_wkt, array[i])
        if problem.code == "unreadable":
            problem = _unreadable(f"The WKT could not be read: {texts[i][:60]!r}.")
        problems[i] = [problem]
    return cast(NDArray[np.object_], geoms)


def _unreadable(message: str) -> GeometryProblem:
    return GeometryProblem("unreadable", message)


def _number(text: str) -> float:
    return float(text.strip().translate(TO_ASCII))


def _parse_points(
    xs: list[str], ys: list[str], problems: dict[int, list[GeometryProblem]]
) -> NDArray[np.object_]:
    geoms = np.full(len(xs), None, dtype=object)
    coords = np.full((len(xs), 2), np.nan)
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        if not x.strip() and not y.strip():
            continue
        try:
            coords[i] = (_number(x), _number(y))
        except ValueError:
            problems[i] = [
                _unreadable(f"The coordinates ({x[:20]!r}, {y[:20]!r}) are not numbers.")
            ]
    filled = ~np.isnan(coords).all(axis=1) & np.array([i not in problems for i in range(len(xs))])
    geoms[filled] = shapely.points(coords[filled])
    return geoms


# --- Kobo / ODK -----------------------------------------------------------------------

# ODK geo answers: "lat lon [alt [accuracy]]" points, ';'-separated for traces and shapes.
_ODK_POINT = r"\s*-?\d+(?:\.\d+)?\s+-?\d+(?:\.\d+)?(?:\s+-?\d+(?:\.\d+)?){0,2}\s*"
_ODK_VALUE = re.compile(rf"{_ODK_POINT}(?:;{_ODK_POINT})*;?")


def _odk_column(table: Any) -> str | None:
    """The first column whose first filled value is an ODK geopoint, geotrace or geoshape."""
    for name in table.column_names:
        first = next((v for v in table.column(name).to_pylist()[:50] if v and v.strip()), None)
        if first is not None and "." in first and _ODK_VALUE.fullmatch(first):
            return str(name)
    return None


def parse_odk_geometry(text: str) -> Any:
    """One ODK/Kobo geo answer as a shapely geometry (x = longitude): a geopoint becomes a
    Point, a geotrace a LineString and a geoshape (first point repeated last) a Polygon."""
    points = [p.split() for p in text.strip().strip(";").split(";") if p.strip()]
    if not points or any(not 2 <= len(p) <= 4 for p in points):
        raise ValueError(f"Not an ODK geo answer: {text[:60]!r}.")
    lon_lat = [(float(p[1]), float(p[0])) for p in points]  # ODK lists latitude first
    if len(lon_lat) == 1:
        return shapely.Point(lon_lat[0])
    if len(lon_lat) >= 4 and lon_lat[0] == lon_lat[-1]:
        return shapely.Polygon(lon_lat)
    return shapely.LineString(lon_lat)


def parse_odk_geometries(
    texts: list[str], problems: dict[int, list[GeometryProblem]]
) -> NDArray[np.object_]:
    geoms = np.full(len(texts), None, dtype=object)
    for i, text in enumerate(texts):
        if not text.strip():
            continue
        try:
            geoms[i] = parse_odk_geometry(text)
        except ValueError as exc:
            problems[i] = [_unreadable(str(exc))]
    return geoms


# --- helpers for callers ---------------------------------------------------------------


def remove_workdir(workdir: Path) -> None:
    shutil.rmtree(workdir, ignore_errors=True)
