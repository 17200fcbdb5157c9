"""What an import found: refusals of the whole file, problems of single rows, the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError


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
    committed: bool = False
    # Suggested repairs of invalid boundaries, by row, for the user to review; never applied.
    repairs: dict[int, Any] = field(default_factory=dict)
    originals: dict[int, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    batch_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem_rows(self) -> int:
        return len({p.row for p in self.problems})
