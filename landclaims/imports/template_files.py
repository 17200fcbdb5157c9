"""The template file of each kind of import: the importer's own columns (imports.columns),
typed, with one example row in Bengali that imports as it is.

The example names real places the user may write in (a mouza of their districts, one of
their groups and parcels) when there are some, so that uploading the template unchanged
shows the whole way through: preview, map, import, the created record.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import shapely

from gis.digits import TO_BENGALI
from gis.template_file import write_template
from landclaims.imports.selectors import template_example_places
from landclaims.imports.services import IMPORTERS
from landclaims.places.models import AdminArea, SurveySeries

FORMATS = {"gpkg": "application/geopackage+sqlite3", "csv": "text/csv; charset=utf-8"}
# Where the example boundary lies when the user's districts hold no mouza with a centre:
# a field near Tangail.
DEFAULT_POINT = (89.95, 24.27)
PARCEL_HALF_SIDE = 0.0002  # degrees: a plot some 40 m across
AREA_HALF_SIDE = 0.005  # degrees: an area some 1 km across


def template_name(kind: str, fmt: str) -> str:
    return f"landclaims-{kind}-template.{fmt}"


def template_bytes(*, kind: str, fmt: str, user: Any) -> bytes:
    """The template file of `kind` in `fmt` ("gpkg" or "csv"), its example row made for
    `user`."""
    importer = IMPORTERS[kind]
    values, geom = example_row(kind=kind, user=user)
    with tempfile.TemporaryDirectory(prefix="import-template-") as directory:
        path = Path(directory) / template_name(kind, fmt)
        write_template(
            path,
            fmt=fmt,
            layer=kind.replace("-", "_"),
            columns=[(c.name, c.kind) for c in importer.columns],
            rows=[values],
            geoms=[geom] if importer.geometry else None,
            geometry_type=importer.geometry,
        )
        return path.read_bytes()


def example_row(*, kind: str, user: Any) -> tuple[dict[str, str], Any]:
    """The example's values by column and its geometry (EPSG:4326, or None)."""
    values = {c.name: c.example_text() for c in IMPORTERS[kind].columns}
    found = template_example_places(user=user)
    point = DEFAULT_POINT
    if kind in ("parcels", "claims") and "mouza" in found:
        mouza = found["mouza"]
        values["mouza"] = mouza.name_bn
        values["union"] = mouza.parent.name_bn if mouza.parent else ""
        if mouza.centre is not None:
            point = (mouza.centre.x, mouza.centre.y)
    if kind == "claims":
        _claim_example(values, found)
        return values, None
    if kind == "admin-areas":
        _area_example(values, found)
        return values, shapely.box(*_square(point, AREA_HALF_SIDE))
    return values, shapely.MultiPolygon([shapely.box(*_square(point, PARCEL_HALF_SIDE))])


def _claim_example(values: dict[str, str], found: dict[str, Any]) -> None:
    if "dag" in found:
        dag = found["dag"]
        values["mouza"], values["union"] = dag.mouza.name_bn, ""
        values["survey"] = _survey_label(dag.survey)
        values["dag_no"] = dag.dag_no.translate(TO_BENGALI)
    if "group" in found:
        values["group"] = found["group"].name_bn
        values["village"] = found["group"].village.name_bn


def _survey_label(code: str) -> str:
    for column in IMPORTERS["parcels"].columns:
        if column.name == "survey":
            for choice, _english, bengali in column.choices():
                if choice == code:
                    return str(bengali)
    return SurveySeries(code).value


def _area_example(values: dict[str, str], found: dict[str, Any]) -> None:
    if "parent" in found:
        values["parent_code"] = found["parent"].bbs_code
        level = found["child_level"]
    else:
        level = AdminArea.Level.DIVISION
    values["level"] = next(bengali for code, _e, bengali in _level_choices() if code == level)


def _level_choices() -> list[tuple[str, str, str]]:
    return next(c for c in IMPORTERS["admin-areas"].columns if c.name == "level").choices()  # type: ignore[no-any-return]


def _square(point: tuple[float, float], half: float) -> tuple[float, float, float, float]:
    x, y = point
    return (x - half, y - half, x + half, y + half)
