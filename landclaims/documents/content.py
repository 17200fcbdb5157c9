"""What a file is, judged by its content rather than its name: the accepted types, sniffed
from their first bytes (and, for office files, from the zip container's own index).

No dependency: the handful of signatures the upload accepts are checked here directly
(libmagic would recognise thousands we refuse anyway).
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from typing import IO

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CHUNK = 64 * 1024
# Control characters that plain text does not contain (tab, newlines and form feed it may).
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class FileType:
    content_type: str
    extensions: tuple[str, ...]  # the first is the one a download's name gets
    label: Promise  # said to people: "a PNG image"


PDF = FileType("application/pdf", ("pdf",), _("a PDF document"))
JPEG = FileType("image/jpeg", ("jpg", "jpeg"), _("a JPEG photo"))
PNG = FileType("image/png", ("png",), _("a PNG image"))
WEBP = FileType("image/webp", ("webp",), _("a WebP image"))
TEXT = FileType("text/plain; charset=utf-8", ("txt",), _("plain text"))
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ("docx",),
    _("a Word document"),
)
XLSX = FileType(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ("xlsx",),
    _("an Excel spreadsheet"),
)
PPTX = FileType(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ("pptx",),
    _("a PowerPoint presentation"),
)
ODT = FileType("application/vnd.oasis.opendocument.text", ("odt",), _("an OpenDocument text"))
ODS = FileType(
    "application/vnd.oasis.opendocument.spreadsheet", ("ods",), _("an OpenDocument spreadsheet")
)
ODP = FileType(
    "application/vnd.oasis.opendocument.presentation",
    ("odp",),
    _("an OpenDocument presentation"),
)
ACCEPTED = (PDF, JPEG, PNG, WEBP, TEXT, DOCX, XLSX, PPTX, ODT, ODS, ODP)

# OOXML: the part every file of the kind has, beside [Content_Types].xml.
_OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
# ODF: the uncompressed "mimetype" entry that opens the container.
_ODF_TYPES = {kind.content_type: kind for kind in (ODT, ODS, ODP)}


def sniff(file: IO[bytes]) -> FileType | None:
    """The accepted type `file`'s content is, or None. Reads from the start and leaves the
    position at the start."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return WEBP
        if head.startswith(b"PK\x03\x04"):
            return _office(file)
        return TEXT if _is_text(file) else None
    finally:
        file.seek(0)


def _office(file: IO[bytes]) -> FileType | None:
    """An OOXML or ODF file: a zip whose index names the parts of one. Only the index and
    the few bytes of the "mimetype" entry are read, never the (compressed) rest."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    declared = entry.read(100).decode("ascii", "replace").strip()
                return _ODF_TYPES.get(declared)
            if "[Content_Types].xml" in names:
                found = [kind for part, kind in _OOXML_PARTS.items() if part in names]
                return found[0] if len(found) == 1 else None
    except (zipfile.BadZipFile, OSError, EOFError):
        return None
    return None


def _is_text(file: IO[bytes]) -> bool:
    """UTF-8 throughout (Bengali included), with no NUL or other binary control bytes."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    while chunk := file.read(CHUNK):
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError:
            return False
        if _BINARY.search(text):
            return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def extension_of(name: str) -> str:
    """The lower-case extension of a file name, without the dot ("" when none)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base.strip(".") else ""


def accepted_extensions() -> list[str]:
    return [ext for kind in ACCEPTED for ext in kind.extensions]
