"""What the preview page shows of an import report: problems by row, repairs drawn."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from gis.svgmap import svg_map
from landclaims.imports.problems import ImportReport

SHOWN_ROWS = 300
DRAWN_REPAIRS = 20


def preview_context(report: ImportReport) -> dict[str, Any]:
    rows = [
        {"row": row, "problems": list(problems)}
        for row, problems in groupby(sorted(report.problems, key=lambda p: p.row), lambda p: p.row)
    ]
    return {
        "report": report,
        "problem_rows": rows[:SHOWN_ROWS],
        "hidden_rows": max(0, len(rows) - SHOWN_ROWS),
        "repairs": [_repair(row, report) for row in sorted(report.repairs)[:DRAWN_REPAIRS]],
    }


def _repair(row: int, report: ImportReport) -> dict[str, Any]:
    original, repaired = report.originals.get(row), report.repairs[row]
    return {
        "row": row,
        "original": svg_map([(original, "original")], width=200) if original is not None else None,
        "repaired": svg_map([(repaired, "repaired")], width=200),
        "wkt": repaired.wkt if len(repaired.wkt) < 4000 else repaired.wkt[:4000] + " …",
    }
