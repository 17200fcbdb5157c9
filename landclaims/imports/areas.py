"""Admin areas from a file (the public BBS/HDX boundary layers, or our own columns).

Files are small (64 districts, some 4,500 unions), so every row goes through
admin_area_create itself, each in a savepoint, higher levels first so that a district
can hang under a division from the same file: the rules are exactly the service's. When
any row has a problem the import service rolls the whole transaction back.

An area already recorded is kept as it is, except that a missing boundary is filled in
from the file ("updated"); importing the same file twice changes nothing the second time.
An area is recorded when it has the row's HDX p-code in any known code version
(places.pcodes), or the same level and BBS code, or, failing both, the same name under the
same parent: the report lists the rows matched by name, for the user to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from gis import geometry
from gis.vector_read import Layer
from landclaims.core.geo import from_shapely
from landclaims.core.text import normalise_name
from landclaims.imports.columns import (
    Column,
    Columns,
    aliases_of,
    choice_codes,
    find_columns,
    labelled_choices,
    required_of,
)
from landclaims.imports.problems import ImportReport, NameMatch, RowProblem, geometry_problem
from landclaims.places.models import AdminArea
from landclaims.places.pcodes import canonical_pcode, pcode_candidates
from landclaims.places.services import PARENT_LEVELS, admin_area_create

# Admin boundaries are detailed coastlines and rivers, not surveyed plots: a district
# outline has tens of thousands of vertices, so the parcel cap does not apply.
MAX_AREA_VERTICES = 1_000_000

# The columns of an admin areas file of our own layout (see columns.Column); HDX COD-AB
# layers (ADM2_EN, ADM2_PCODE, ...) are read by their own names instead.
COLUMNS: tuple[Column, ...] = (
    Column(
        "level", _l("Which level of area the row is."), aliases=("admin_level", "adm_level"),
        required=True, choices=lambda: labelled_choices(AdminArea.Level), example="mouza",
    ),
    Column(
        "name_en", _l("The area's name in English."),
        aliases=("name", "name_english", "nameen", "name_eng"), required=True,
        example="Notun Char",
    ),
    Column(
        "name_bn", _l("The area's name in Bengali (default: the English name)."),
        aliases=("name_bengali", "name_bangla", "namebn", "name_ban"), example="নতুন চর",
    ),
    Column(
        "bbs_code", _l("The area's BBS geocode (this or the p-code is needed)."),
        aliases=("bbs", "geocode", "bbs_geocode", "bbs_geocod"), example="991",
    ),
    Column(
        "hdx_pcode", _l("The area's HDX p-code (this or the BBS code is needed)."),
        aliases=("pcode", "p_code", "hdx_pcod"),
    ),
    Column(
        "parent_code", _l("The BBS geocode of the area it lies in (not for a division)."),
        aliases=("parent_bbs", "parent_bbs_code", "parent_cod"),
    ),
    Column(
        "parent_pcode", _l("Instead: the HDX p-code of the area it lies in."),
        aliases=("parent_pcod", "parent_hdx_pcode", "parent_hdx"),
    ),
)  # fmt: skip
GEOMETRY = "MultiPolygon"  # the area's boundary, optional
ALIASES = aliases_of(COLUMNS)
LEVEL_NAMES = {
    "zila": AdminArea.Level.DISTRICT,
    "thana": AdminArea.Level.UPAZILA,
    "city corporation": AdminArea.Level.CITY_CORPORATION,
    "pourashava": AdminArea.Level.PAURASHAVA,
    "municipality": AdminArea.Level.PAURASHAVA,
}
# HDX COD-AB layers name their columns by level: ADM2_EN, ADM2_PCODE, ADM1_PCODE, ... up
# to 2024; adm2_name, adm2_pcode, adm1_pcode, ... (lower case, "_name") from 2025.
HDX_NAME_SUFFIXES = ("_en", "_name")
HDX_LEVELS = {
    1: AdminArea.Level.DIVISION,
    2: AdminArea.Level.DISTRICT,
    3: AdminArea.Level.UPAZILA,
    4: AdminArea.Level.UNION,
}
DEPTH = {level: i for i, level in enumerate(AdminArea.Level.values)}


@dataclass
class AreaRow:
    row: int  # 0-based
    level: str
    name_en: str
    name_bn: str
    bbs_code: str
    hdx_pcode: str
    parent_code: str
    parent_pcode: str
    geom: Any


def check_areas(layer: Layer, *, organisation: Any, user: Any, report: ImportReport) -> int:
    """Check, by creating them in savepoints, every area of the file; returns how many
    were created (the import service rolls back unless no row has a problem)."""
    rows = _rows(layer, report)
    refused = {p.row - 1 for p in report.problems}
    created = 0
    for area in sorted(rows, key=lambda a: (DEPTH.get(a.level, 99), a.row)):
        if area.row not in refused:
            created += _apply(area, report)
    return created


def load_areas(plan: int, report: ImportReport) -> int:
    return plan  # written while checking, in this same transaction


def _rows(layer: Layer, report: ImportReport) -> list[AreaRow]:
    columns = _columns(layer)
    geoms = _checked_geoms(layer, report)
    texts = {name: columns.texts(name) for name in ALIASES}
    if not any(texts["name_bn"]):
        report.notes.append(_("The file has no Bengali names; the English names were used."))
    rows = []
    for i in range(layer.row_count):
        level = _level(texts["level"][i])
        rows.append(
            AreaRow(
                row=i,
                level=level,
                name_en=texts["name_en"][i],
                name_bn=texts["name_bn"][i] or texts["name_en"][i],
                bbs_code=texts["bbs_code"][i],
                hdx_pcode=texts["hdx_pcode"][i],
                parent_code=texts["parent_code"][i],
                parent_pcode=texts["parent_pcode"][i],
                geom=geoms[i],
            )
        )
        _check_row(rows[-1], texts["level"][i], report)
    return rows


def _columns(layer: Layer) -> Columns:
    hdx = _hdx_level(layer.table.column_names)
    if hdx is None:
        return find_columns(layer.table, ALIASES, required=required_of(COLUMNS))
    n, names = hdx
    table = layer.table.append_column("level", _constant(layer.table.num_rows, HDX_LEVELS[n].value))
    mapping = {
        "level": "level",
        "name_en": next(names[f"adm{n}{s}"] for s in HDX_NAME_SUFFIXES if f"adm{n}{s}" in names),
        "hdx_pcode": names[f"adm{n}_pcode"],
    }
    for key, field in ((f"adm{n}_bn", "name_bn"), (f"adm{n - 1}_pcode", "parent_pcode")):
        if key in names:
            mapping[field] = names[key]
    return Columns(table=table, names=mapping)


def _hdx_level(column_names: list[str]) -> tuple[int, dict[str, str]] | None:
    names = {c.lower(): c for c in column_names}
    levels = [int(m.group(1)) for c in names if (m := re.fullmatch(r"adm(\d)_pcode", c))]
    levels = [
        n
        for n in levels
        if n in HDX_LEVELS and any(f"adm{n}{s}" in names for s in HDX_NAME_SUFFIXES)
    ]
    if not levels or "level" in names:
        return None
    return max(levels), names


def _constant(count: int, value: str) -> Any:
    import pyarrow as pa

    return pa.array([value] * count, type=pa.string())


def _level(text: str) -> str:
    lowered = text.strip().lower()
    return choice_codes(AdminArea.Level).get(lowered) or LEVEL_NAMES.get(lowered, "")


def _problem(report: ImportReport, row: int, field: str, code: str, message: str) -> None:
    report.problems.append(RowProblem(row + 1, field, code, message))


def _check_row(area: AreaRow, level_text: str, report: ImportReport) -> None:
    if not area.level:
        _problem(
            report, area.row, "level", "invalid_choice",
            _("“%(value)s” is not one of: %(allowed)s.")
            % {"value": level_text[:40], "allowed": ", ".join(AdminArea.Level.values)},
        )  # fmt: skip
    if not area.name_en:
        _problem(report, area.row, "name_en", "required", _("Give the area's English name."))
    if not area.bbs_code and not area.hdx_pcode:
        _problem(
            report, area.row, "bbs_code", "required",
            _("Give the area's BBS code or HDX p-code: a second import finds it by them."),
        )  # fmt: skip


def _checked_geoms(layer: Layer, report: ImportReport) -> Any:
    for row, problems in layer.read_problems.items():
        for p in problems:
            report.problems.append(geometry_problem(row, p))
    geoms, _closed = geometry.polygons_from_closed_lines(layer.geoms)
    checked = geometry.check_parcel_geometries(geoms, max_vertices=MAX_AREA_VERTICES)
    stored = np.full(len(geoms), None, dtype=object)
    for row, problems in enumerate(checked):
        for p in problems:
            report.problems.append(geometry_problem(row, p))
            if p.code == "invalid":
                report.originals[row + 1] = geoms[row]
                report.repairs[row + 1] = geometry.suggest_repair(geoms[row])
        if not problems and geoms[row] is not None:
            stored[row] = geometry.as_multipolygon(geoms[row])
    return stored


def _existing(area: AreaRow, report: ImportReport) -> AdminArea | None:
    """The area the row names, by p-code (any known code version), by BBS code, or else
    by name under the same parent (listed in the report)."""
    if area.hdx_pcode:
        found = AdminArea.objects.filter(hdx_pcode__in=_pcodes(area)).first()
        if found is not None:
            return found
    if area.bbs_code:
        found = AdminArea.objects.filter(level=area.level, bbs_code=area.bbs_code).first()
        if found is not None:
            return found
    return _by_name(area, report)


def _pcodes(area: AreaRow) -> set[str]:
    candidates = set()
    for parent_level in PARENT_LEVELS.get(area.level, {""}):
        candidates |= pcode_candidates(
            area.hdx_pcode, area.level, parent=area.parent_pcode, parent_level=parent_level
        )
    return candidates


def _by_name(area: AreaRow, report: ImportReport) -> AdminArea | None:
    parent = _parent(area)
    if parent is None and area.level != AdminArea.Level.DIVISION:
        return None
    siblings = AdminArea.objects.filter(level=area.level, parent=parent)
    english, bengali = _name_key(area.name_en), _name_key(area.name_bn)
    found = [
        a
        for a in siblings
        if (english and _name_key(a.name_en) == english)
        or (bengali and _name_key(a.name_bn) == bengali)
    ]
    if len(found) > 1:
        raise _SeveralByName(len(found))
    if not found:
        return None
    report.matched_by_name.append(
        NameMatch(
            row=area.row + 1,
            name=area.name_en or area.name_bn,
            area=_names(found[0]),
            within=_names(parent) if parent is not None else "",
        )
    )
    return found[0]


def _names(area: AdminArea) -> str:
    return f"{area.name_en} / {area.name_bn}"


def _name_key(name: str) -> str:
    return normalise_name(name).casefold()


def _parent(area: AreaRow) -> AdminArea | None:
    if area.level == AdminArea.Level.DIVISION:
        return None
    levels = PARENT_LEVELS.get(area.level, set())
    if area.parent_pcode:
        candidates = set()
        for level in levels:
            candidates |= pcode_candidates(area.parent_pcode, level)
        return AdminArea.objects.filter(level__in=levels, hdx_pcode__in=candidates).first()
    if area.parent_code:
        return AdminArea.objects.filter(level__in=levels, bbs_code=area.parent_code).first()
    return None


class _SeveralByName(Exception):
    def __init__(self, count: int) -> None:
        self.count = count


def _apply(area: AreaRow, report: ImportReport) -> int:
    try:
        existing = _existing(area, report)
    except _SeveralByName as several:
        _problem(
            report, area.row, "name_en", "ambiguous_name",
            _("%(n)d recorded areas under the same parent are called %(name)s; give the "
              "area's p-code or BBS code.") % {"n": several.count, "name": area.name_en},
        )  # fmt: skip
        return 0
    geom = from_shapely(area.geom, srid=4326) if area.geom is not None else None
    if existing is not None:
        if existing.geom is None and geom is not None:
            existing.geom = geom
            existing.full_clean(exclude=["path"])
            existing.save(update_fields=["geom", "updated_at"])
            report.to_update += 1
        else:
            report.to_skip += 1
        return 0
    parent = _parent(area)
    if parent is None and area.level != AdminArea.Level.DIVISION:
        code = area.parent_pcode or area.parent_code
        _problem(
            report, area.row, "parent_code", "unknown_parent",
            _("No parent area %(code)s; import the higher level first.") % {"code": code or "-"},
        )  # fmt: skip
        return 0
    return _create(area, parent, geom, report)


def _create(area: AreaRow, parent: AdminArea | None, geom: Any, report: ImportReport) -> int:
    centre = from_shapely(shapely.point_on_surface(area.geom), srid=4326) if geom else None
    try:
        with transaction.atomic():
            created = admin_area_create(
                level=area.level, name_en=area.name_en[:120], name_bn=area.name_bn[:120],
                parent=parent, bbs_code=area.bbs_code, hdx_pcode=_held_pcode(area, parent),
                geom=geom, centre=centre,
            )  # fmt: skip
    except ValidationError as error:
        for field, messages in _messages(error):
            for message in messages:
                _problem(report, area.row, field, "invalid", message)
        return 0
    report.to_create += 1
    report.created_ids.append(created.pk)
    return 1


def _held_pcode(area: AreaRow, parent: AdminArea | None) -> str:
    """The p-code as we hold them (places.pcodes), so that one scheme lives in the table."""
    if not area.hdx_pcode:
        return ""
    if parent is None:
        return canonical_pcode(area.hdx_pcode, area.level)
    return canonical_pcode(
        area.hdx_pcode, area.level, parent=area.parent_pcode, parent_level=parent.level
    )


def _messages(error: ValidationError) -> list[tuple[str, list[str]]]:
    if hasattr(error, "error_dict"):
        return list(error.message_dict.items())
    return [("", error.messages)]
