"""What the preview page shows of an import report: problems by row, repairs drawn."""

from __future__ import annotations

import json
from itertools import groupby
from typing import Any

import shapely

from gis.svgmap import svg_map
from landclaims.imports.columns import Column
from landclaims.imports.models import ImportKind
from landclaims.imports.problems import ImportReport
from landclaims.imports.services import IMPORTERS, may_import

SHOWN_ROWS = 300
DRAWN_REPAIRS = 20


def preview_context(report: ImportReport) -> dict[str, Any]:
    rows = [
        {"row": row, "problems": list(problems)}
        for row, problems in groupby(sorted(report.problems, key=lambda p: p.row), lambda p: p.row)
    ]
    return {
        "report": report,
        # Files whose locations the importer reads get the map (a claims file has none).
        "show_map": IMPORTERS[report.kind].needs_geometry,
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


# --- the column list of the import page ---------------------------------------------------

MAX_MAP_ROWS = 5_000  # rows drawn on the preview map; the rows with problems first


def column_guide(*, user: Any) -> list[dict[str, Any]]:
    """For each kind of file the user may import: its columns as the importer reads them
    (imports.columns), for the import page's list."""
    guide = []
    for kind, label in ImportKind.choices:
        if not may_import(user, kind):
            continue
        importer = IMPORTERS[kind]
        guide.append(
            {
                "kind": kind,
                "label": label,
                "geometry": importer.geometry,
                "columns": [_column_row(c, importer.columns) for c in importer.columns],
            }
        )
    return guide


def _column_row(column: Column, columns: tuple[Column, ...]) -> dict[str, Any]:
    others = [c.name for c in columns if column.one_of and c.one_of == column.one_of]
    return {
        "name": column.name,
        "required": column.required and not column.one_of,
        "one_of": others if column.required and column.one_of else [],
        "holds": column.holds,
        "kind": column.kind,
        "choices": column.choices() if column.choices is not None else [],
        "digits": column.digits,
        "unit": column.unit,
        "aliases": column.aliases,
    }


# --- the preview map --------------------------------------------------------------------


def preview_features(report: ImportReport) -> dict[str, Any]:
    """The rows' geometries as a GeoJSON FeatureCollection: each with its row number, how
    many problems it has and their first message; rows with problems first, at most
    MAX_MAP_ROWS."""
    geoms = report.geoms if report.geoms is not None else []
    problems: dict[int, list[str]] = {}
    for p in report.problems:
        problems.setdefault(p.row, []).append(p.message)
    present = [i for i, g in enumerate(geoms) if g is not None and not g.is_empty]
    present.sort(key=lambda i: (i + 1 not in problems, i))
    features = [
        {
            "type": "Feature",
            "properties": {
                "row": i + 1,
                "problems": len(problems.get(i + 1, [])),
                "problem": problems.get(i + 1, [""])[0],
            },
            "geometry": json.loads(shapely.to_geojson(geoms[i])),
        }
        for i in present[:MAX_MAP_ROWS]
    ]
    return {
        "type": "FeatureCollection",
        "features": features,
        "rows_left_out": max(0, len(present) - MAX_MAP_ROWS),
    }
