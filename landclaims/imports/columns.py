"""Finding a file's columns under the names people (and DBF's 10 characters) give them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from django.utils import translation
from django.utils.translation import gettext as _

from landclaims.imports.problems import ImportRefused


@dataclass(frozen=True)
class Columns:
    """The file's column for each field the importer knows, and the texts in it."""

    table: Any  # pyarrow.Table
    names: dict[str, str]  # field -> the file's column name
    _texts: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def texts(self, name: str) -> list[str]:
        """The field's values as stripped NFC text, '' where empty or absent.

        Converted by Arrow, column at a time: whole numbers stored as reals (a dag number
        written as 12.0) read as "12", dates as yyyy-mm-dd.
        """
        if name not in self._texts:
            if name in self.names:
                self._texts[name] = _as_texts(self.table.column(self.names[name]))
            else:
                self._texts[name] = [""] * self.table.num_rows
        return self._texts[name]

    def is_numeric(self, name: str) -> bool:
        column_type = self.table.column(self.names[name]).type
        return bool(pa.types.is_integer(column_type) or pa.types.is_floating(column_type))

    def numbers(self, name: str) -> Any:
        """A numeric column as float64, NaN where empty."""
        column = pc.cast(self.table.column(self.names[name]), pa.float64())
        return pc.fill_null(column, float("nan")).to_numpy()


def _as_texts(column: Any) -> list[str]:
    if pa.types.is_timestamp(column.type):
        column = pc.cast(column, pa.date32())
    if pa.types.is_binary(column.type) or pa.types.is_large_binary(column.type):
        return [""] * len(column)
    if not pa.types.is_string(column.type):
        try:
            column = pc.cast(column, pa.string())
        except pa.ArrowNotImplementedError:  # lists, structs: their text, one by one
            column = pa.array([None if v is None else str(v) for v in column.to_pylist()])
    # NFC, so a name typed with a precomposed য় reads as the stored য + nukta.
    column = pc.utf8_normalize(pc.utf8_trim_whitespace(column), "NFC")
    column = pc.fill_null(column, "")
    return column.to_pylist()  # type: ignore[no-any-return]


def find_columns(
    table: Any,
    aliases: Mapping[str, Sequence[str]],
    *,
    required: Sequence[Sequence[str]] = (),
) -> Columns:
    """Match the table's columns to fields by alias, ignoring case, spaces and the group
    path Kobo puts before a question name ("parcel/dag_no").

    `required` lists groups of fields of which at least one must be present; a file
    missing one is refused before any row is checked.
    """
    by_key: dict[str, str] = {}
    for name in table.column_names:
        by_key.setdefault(_key(name), name)
    names = {}
    for name, candidates in aliases.items():
        found = next((by_key[_key(c)] for c in (name, *candidates) if _key(c) in by_key), None)
        if found is not None:
            names[name] = found
    missing = [group for group in required if not any(n in names for n in group)]
    if missing:
        wanted = "; ".join(" or ".join(group) for group in missing)
        raise ImportRefused(
            "missing_columns",
            _("The file lacks the columns %(wanted)s. Its columns are: %(found)s.")
            % {"wanted": wanted, "found": ", ".join(table.column_names) or "-"},
        )
    return Columns(table=table, names=names)


def choice_codes(choices: Any) -> dict[str, str]:
    """A TextChoices' codes and its English and Bengali labels, lower-cased, to the code:
    spreadsheets carry "agri_khas", "Agricultural khas" or its Bengali name alike."""
    codes = {str(code).lower(): str(code) for code in choices.values}
    for language in ("en", "bn"):
        with translation.override(language):
            codes.update({str(label).lower(): str(code) for code, label in choices.choices})
    return codes


def _key(name: str) -> str:
    return name.rsplit("/", 1)[-1].strip().lower().replace(" ", "_").replace("-", "_")
