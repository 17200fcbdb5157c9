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


# --- the columns each kind of file holds ------------------------------------------------
#
# One definition per column, read by the importer (aliases, which columns are required),
# by the import page (the column list) and by the template files (names, types, example).


@dataclass(frozen=True)
class Column:
    """One column an import reads: its name, other names it goes by, and what it holds."""

    name: str
    holds: Any  # lazy text: what the column holds
    kind: str = "text"  # "text", "integer", "real" or "date": the template file's type
    aliases: tuple[str, ...] = ()
    required: bool = False
    # Columns sharing a group: at least one of them must be present (and filled in).
    one_of: str = ""
    choices: Any = None  # () -> [(code, English label, Bengali label)], the allowed values
    digits: bool = False  # Bengali or ASCII digits accepted
    unit: Any = ""  # lazy text: the unit of a number
    # The template's example value, in Bengali; for a column with choices, the code of
    # the choice whose Bengali label the template writes.
    example: str = ""

    def example_text(self) -> str:
        if self.choices is not None:
            for code, _english, bengali in self.choices():
                if code == self.example:
                    return str(bengali)
        return self.example


def aliases_of(columns: Sequence[Column]) -> dict[str, tuple[str, ...]]:
    return {c.name: c.aliases for c in columns}


def required_of(columns: Sequence[Column]) -> tuple[tuple[str, ...], ...]:
    """The groups of fields of which find_columns wants at least one, in column order."""
    groups: dict[str, list[str]] = {}
    for c in columns:
        if c.required:
            groups.setdefault(c.one_of or c.name, []).append(c.name)
    return tuple(tuple(names) for names in groups.values())


def labelled_choices(choices: Any) -> list[tuple[str, str, str]]:
    """A TextChoices' codes with their English and Bengali labels."""
    result = []
    for code, label in choices.choices:
        with translation.override("en"):
            english = str(label)
        with translation.override("bn"):
            bengali = str(label)
        result.append((str(code), english, bengali))
    return result
