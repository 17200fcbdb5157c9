"""What an export file is called: `landclaims-claims-tangail-2026-12-06.gpkg`.

The name says what the file holds (the layer), where (the area filter, by its English name,
or its Bengali name when that is all there is) and when it was made; never a record id. It
must be safe on Windows, macOS and Linux and inside a zip: no path separators or characters
Windows refuses, no trailing dot or space, not too long.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

# Kept short enough that a folder path in front of it stays under Windows' 260 characters.
MAX_PART = 60


def file_part(text: str) -> str:
    """`text` as a lowercase, hyphen-separated file name part: letters (any script, with
    their vowel signs), digits and hyphens only; "" when nothing is left."""
    text = unicodedata.normalize("NFKC", text).casefold()
    # Latin accents dropped (Chittagong, not Chittägong); other scripts' marks are kept,
    # since a Bengali word without its vowel signs is another word.
    text = "".join(
        char
        for char in unicodedata.normalize("NFD", text)
        if not (unicodedata.category(char) == "Mn" and "\u0300" <= char <= "\u036f")
    )
    text = unicodedata.normalize("NFC", text)
    kept = "".join(char if unicodedata.category(char)[0] in "LMN" else "-" for char in text)
    part = re.sub(r"-{2,}", "-", kept).strip("-")
    return part[:MAX_PART].strip("-")


def area_file_part(area: Any) -> str:
    """The area's English name as a file name part, or its Bengali name when it has no
    usable English one."""
    if area is None:
        return ""
    return file_part(getattr(area, "name_en", "") or "") or file_part(
        getattr(area, "name_bn", "") or ""
    )


def export_file_stem(*, layer: str, area: Any, on: date) -> str:
    """The export's file name without its suffix, e.g. landclaims-claims-tangail-2026-12-06."""
    parts = ["landclaims", file_part(layer.replace("_", "-")), area_file_part(area)]
    return "-".join(part for part in parts if part) + f"-{on.isoformat()}"
