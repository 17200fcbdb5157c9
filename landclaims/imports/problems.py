"""What an import found: refusals of the whole file, problems of single rows, the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gis.geometry import GeometryProblem


class ImportRefused(ValidationError):
    """The whole file is refused (unsafe, unreadable, wrong CRS, missing columns)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, code=code)
        self.reason = code
        self.text = message


@dataclass(frozen=True)
class RowProblem:
    """Why one row cannot be imported. `row` counts features from 1, in file order."""

    row: int
    field: str
    code: str
    message: str


@dataclass(frozen=True)
class NameMatch:
    """A row that matched a recorded area by its name under the same parent, not by code."""

    row: int
    name: str  # as the file writes it
    area: str  # the recorded area's names, English / Bengali
    within: str  # its parent's names ("" for a division)


@dataclass
class ImportReport:
    """The outcome of checking (and, unless dry-run or refused, committing) one file."""

    kind: str
    file_format: str
    rows: int
    source_srid: int | None
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    to_create: int = 0
    to_skip: int = 0  # rows already recorded (natural key), left as they are
    to_update: int = 0  # admin areas whose missing boundary the file fills in
    matched_by_name: list[NameMatch] = field(default_factory=list)  # admin areas, no code matched
    committed: bool = False
    # Suggested repairs of invalid boundaries, by row, for the user to review; never applied.
    repairs: dict[int, Any] = field(default_factory=dict)
    originals: dict[int, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    batch_id: int | None = None
    created_ids: list[int] = field(default_factory=list)  # the records written, in file order
    geoms: Any = None  # the file's geometries as read, in EPSG:4326, one per row (or None)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem_rows(self) -> int:
        return len({p.row for p in self.problems})


def geometry_problem(row: int, problem: GeometryProblem) -> RowProblem:
    """A boundary the file holds but that cannot be used, as a problem of its row (0-based
    `row`): never read as "no boundary". In the user's language where gis's code has one."""
    messages = {
        "ring_not_closed": _(
            "The boundary cannot be used: a ring is not closed (its last position must "
            "repeat its first). Correct it in the file; the row is not imported without it."
        ),
        "ring_too_short": _(
            "The boundary cannot be used: a ring has fewer than four positions (at least "
            "three corners and the first repeated last). Correct it in the file; the row is "
            "not imported without it."
        ),
        "not_a_geometry": _(
            "The boundary cannot be used: GDAL cannot read it as a geometry (an unknown "
            "type, or coordinates that are not numbers). Correct it in the file; the row is "
            "not imported without it."
        ),
    }
    return RowProblem(
        row + 1, "geometry", problem.code, messages.get(problem.code, problem.message)
    )
