"""Parcels from a file: every row checked by the parcel rules, then loaded set-based.

The rules are the ones parcel_create applies (parcels/services.py, gis/geometry.py), run
over whole columns: one vectorised geometry check, one SQL query resolving the mouzas,
one resolving the dag numbers against those already recorded. A row whose dag numbers are
all recorded, on one parcel, is skipped: re-importing a file creates no duplicates and a
recorded parcel (its boundary above all) is never changed by a file. Loading is COPY
straight into the parcel and dag tables, where the constraints check every row again.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
import shapely
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from gis import geometry, units
from gis.vector_read import Layer
from landclaims.core.db import copy_from, reserve_ids
from landclaims.core.models import Organisation
from landclaims.core.scoping import scope_for
from landclaims.core.text import ascii_digits, normalise_name
from landclaims.imports.columns import (
    Column,
    Columns,
    aliases_of,
    choice_codes,
    find_columns,
    labelled_choices,
    required_of,
)
from landclaims.imports.problems import ImportReport, RowProblem, geometry_problem
from landclaims.parcels.models import PARCEL_COPY_COLUMNS, GeomSource, LandClass, Parcel
from landclaims.parcels.services import clean_dag_nos, entered_area
from landclaims.places.models import SurveySeries


def _units() -> list[tuple[str, str, str]]:
    return [(code, english, bengali) for code, (english, bengali) in units.UNIT_LABELS.items()]


# The columns of a parcels file (see columns.Column): the importer's aliases and required
# columns, the import page's column list and the template files all come from here.
COLUMNS: tuple[Column, ...] = (
    Column(
        "mouza", _l("The mouza's name, in Bengali or English, as recorded in landclaims."),
        aliases=("mouza_name", "mouza_en", "mouza_bn", "mouza_name_en", "mouza_name_bn",
                 "mouza_nam"),
        required=True, one_of="mouza", example="বিলকুড়ালিয়া",
    ),
    Column(
        "union", _l("The union the mouza lies in, when two mouzas share a name."),
        aliases=("union_name", "union_en", "union_bn", "union_name_en", "union_name_bn",
                 "union_nam"),
    ),
    Column(
        "mouza_code", _l("Instead of the name: the mouza's BBS geocode."),
        aliases=("mouza_bbs", "mouza_bbs_code", "mouza_geocode", "mouza_geoc"),
        required=True, one_of="mouza", digits=True,
    ),
    Column(
        "mouza_pcode", _l("Instead of the name: the mouza's HDX p-code."),
        aliases=("mouza_pcod", "mouza_hdx_pcode"), required=True, one_of="mouza",
    ),
    Column(
        "mouza_id", _l("Instead of the name: the mouza's number in landclaims."),
        kind="integer", aliases=("mouzaid",), required=True, one_of="mouza", digits=True,
    ),
    Column(
        "survey", _l("The survey series the JL and dag numbers belong to."),
        aliases=("survey_series", "survey_ser"), required=True,
        choices=lambda: labelled_choices(SurveySeries), example="RS",
    ),
    Column(
        "dag_no", _l("The dag (plot) number; several dags of one parcel separated by commas."),
        aliases=("dag_nos", "dag", "dags", "dag_number"), required=True, digits=True,
        example="১০১",
    ),
    Column(
        "land_class", _l("What kind of khas land it is."),
        aliases=("landclass", "land_clas"), required=True,
        choices=lambda: labelled_choices(LandClass), example="agri_khas",
    ),
    Column("jl_no", _l("The mouza's JL number."), aliases=("jl", "jl_number"), digits=True,
           example="৪৫"),
    Column("sheet_no", _l("The map sheet number."), aliases=("sheet",), digits=True),
    Column("khatian_no", _l("The khatian (record-of-rights) number."),
           aliases=("khatian", "khatian_nu"), digits=True, example="১"),
    Column(
        "register_viii_ref", _l("The entry in the khas land register (Register VIII)."),
        aliases=("register_viii", "register_v", "reg_viii", "reg_viii_ref"),
    ),
    Column(
        "area_value", _l("The area as written on paper."), kind="real",
        aliases=("area", "area_val"), digits=True, unit=_l("in the area_unit column"),
        example="৫০",
    ),
    Column(
        "area_unit", _l("The unit of area_value (its code, English or Bengali name)."),
        aliases=("unit",), choices=_units, example="decimal",
    ),
    Column(
        "geom_source", _l("Where the boundary came from (default: imported file)."),
        aliases=("geom_src", "geom_sourc", "boundary_source"),
        choices=lambda: labelled_choices(GeomSource), example="gps_walk",
    ),
    Column(
        "accuracy_m", _l("How accurate the boundary is."), kind="real",
        aliases=("accuracy", "accuracy_metres", "gps_accuracy"), digits=True,
        unit=_l("metres"), example="৫",
    ),
    Column("notes", _l("Anything else about the parcel."), aliases=("note", "remarks"),
           example="নদীর পাড়ে জেগে ওঠা চর"),
)  # fmt: skip
GEOMETRY = "MultiPolygon"  # a parcel's boundary; a row without one is known from paper only
ALIASES = aliases_of(COLUMNS)
MOUZA_REFERENCES = ("mouza_id", "mouza_code", "mouza_pcode", "mouza")
REQUIRED = required_of(COLUMNS)

TEXT_FIELDS = ("jl_no", "sheet_no", "khatian_no")  # numbers kept with ASCII digits
PARCEL_COLUMNS = list(PARCEL_COPY_COLUMNS)


@dataclass
class ParcelPlan:
    """The checked rows, ready to load: only rows to create, in file order."""

    organisation: Organisation
    user: Any
    source_srid: int | None
    create: list[int] = field(default_factory=list)  # row indexes (0-based)
    values: dict[str, list[Any]] = field(default_factory=dict)  # field -> one value per row
    dags: list[list[str]] = field(default_factory=list)
    mouza_ids: list[int | None] = field(default_factory=list)
    geoms: Any = None  # numpy array of MultiPolygons (or None) in EPSG:4326
    now: str = field(default_factory=lambda: timezone.now().isoformat())


class RowChecker:
    """Collects problems by row while the columns are checked one after another."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.bad: set[int] = set()

    def add(self, row: int, field_name: str, code: str, message: str) -> None:
        self.add_problem(row, RowProblem(row + 1, field_name, code, message))

    def add_problem(self, row: int, problem: RowProblem) -> None:
        self.bad.add(row)
        self.report.problems.append(problem)


def check_parcels(
    layer: Layer, *, organisation: Organisation, user: Any, report: ImportReport
) -> ParcelPlan:
    """Check every row of `layer` as a parcel of `organisation`; problems go to `report`."""
    columns = find_columns(layer.table, ALIASES, required=REQUIRED)
    checker = RowChecker(report)
    plan = ParcelPlan(organisation=organisation, user=user, source_srid=layer.source_srid)
    for row, problems in layer.read_problems.items():
        for problem in problems:
            checker.add_problem(row, geometry_problem(row, problem))
    plan.values["survey"] = choice_column(columns, "survey", survey_codes(), checker)
    plan.values["land_class"] = choice_column(columns, "land_class", _land_class_codes(), checker)
    for name in TEXT_FIELDS:
        plan.values[name] = _digits_text(columns, name, checker)
    plan.values["register_viii_ref"] = _text(columns, "register_viii_ref", checker)
    plan.values["notes"] = columns.texts("notes")
    plan.values["accuracy_m"] = _accuracy(columns, checker)
    _areas(columns, organisation, plan, checker)
    plan.dags = _dags(columns, checker)
    plan.geoms = _geometries(layer, plan, columns, checker, report)
    plan.mouza_ids = resolve_mouzas(columns, user, checker)
    skipped = _resolve_dags(plan, checker)
    plan.create = [i for i in range(layer.row_count) if i not in checker.bad and i not in skipped]
    report.to_create, report.to_skip = len(plan.create), len(skipped - checker.bad)
    return plan


# --- fields ---------------------------------------------------------------------------


def survey_codes() -> dict[str, str]:
    return choice_codes(SurveySeries)


def _land_class_codes() -> dict[str, str]:
    return choice_codes(LandClass)


def choice_column(
    columns: Columns, name: str, codes: dict[str, str], checker: RowChecker
) -> list[str]:
    values = []
    for row, text in enumerate(columns.texts(name)):
        code = codes.get(text.lower(), "")
        if not code:
            message = (
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": text[:40], "allowed": ", ".join(sorted(set(codes.values())))}
                if text
                else _("This field is required.")
            )
            checker.add(row, name, "invalid_choice" if text else "required", message)
        values.append(code)
    return values


def _max_length(name: str) -> int:
    return int(Parcel._meta.get_field(name).max_length)


def _digits_text(columns: Columns, name: str, checker: RowChecker) -> list[str]:
    values = [t if t.isascii() else ascii_digits(t) for t in columns.texts(name)]
    return _check_lengths(values, name, checker)


def _text(columns: Columns, name: str, checker: RowChecker) -> list[str]:
    return _check_lengths(columns.texts(name), name, checker)


def _check_lengths(values: list[str], name: str, checker: RowChecker) -> list[str]:
    limit = _max_length(name)
    for row, value in enumerate(values):
        if len(value) > limit:
            message = _("At most %(limit)d characters (it has %(n)d).") % {
                "limit": limit,
                "n": len(value),
            }
            checker.add(row, name, "too_long", message)
    return values


def _accuracy(columns: Columns, checker: RowChecker) -> list[float | None]:
    if "accuracy_m" in columns and columns.is_numeric("accuracy_m"):
        numbers = columns.numbers("accuracy_m")
        with np.errstate(invalid="ignore"):
            bad = ~np.isnan(numbers) & ~(np.isfinite(numbers) & (numbers >= 0))
        texts: list[str] = [""] * len(numbers)
        for row in np.flatnonzero(bad).tolist():
            texts[row] = "-"
        values = [None if np.isnan(n) else float(n) for n in numbers.tolist()]
    else:
        texts = columns.texts("accuracy_m")
        values = [None] * len(texts)
    for row, text in enumerate(texts):
        if not text:
            continue
        try:
            value = float(text if text.isascii() else ascii_digits(text))
        except ValueError:
            value = float("nan")
        if not np.isfinite(value) or value < 0:
            checker.add(row, "accuracy_m", "invalid", _("The accuracy must be a number of metres."))
            value = None
        values[row] = value
    return values


def _areas(
    columns: Columns, organisation: Organisation, plan: ParcelPlan, checker: RowChecker
) -> None:
    """The area as written and in m², by parcel_create's own rule (entered_area), once per
    distinct (value, unit) pair."""
    area_of = _area_rule(organisation)
    units_of = _unit_names()
    pairs = list(zip(columns.texts("area_value"), columns.texts("area_unit"), strict=True))
    results = {
        pair: area_of(pair[0], units_of.get(pair[1].lower(), pair[1])) for pair in set(pairs)
    }
    areas = []
    for row, pair in enumerate(pairs):
        result = results[pair]
        if isinstance(result, ValidationError):
            for name, messages in result.message_dict.items():
                for message in messages:
                    checker.add(row, name, "invalid", message)
            result = None
        areas.append(result)
    plan.values["area_value"] = [a.value if a else None for a in areas]
    plan.values["area_unit"] = [a.unit if a else "" for a in areas]
    plan.values["area_unit_m2"] = [a.unit_m2 if a else None for a in areas]
    plan.values["area_m2"] = [a.m2 if a else None for a in areas]


def _area_rule(organisation: Organisation) -> Callable[[str, str], Any]:
    value_field, factor_field, m2_field = (
        Parcel._meta.get_field(n) for n in ("area_value", "area_unit_m2", "area_m2")
    )
    factor_checked: set[str] = set()

    def area_of(value: str, unit: str) -> Any:
        try:
            area = entered_area(value or None, unit, organisation=organisation)
            if area is not None:
                # The model's digits and decimal places, as full_clean would check them
                # (a unit's factor once per unit).
                _validate(value_field, area.value)
                _validate(m2_field, area.m2)
                if area.unit not in factor_checked:
                    _validate(factor_field, area.unit_m2)
                    factor_checked.add(area.unit)
            return area
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return ValidationError({"area_value": error.messages})
            return error

    return area_of


def _validate(model_field: Any, value: Any) -> None:
    for validator in model_field.validators:
        validator(value)


@cache
def _unit_names() -> dict[str, str]:
    """Unit codes, English and Bengali names ("শতাংশ") to the unit code."""
    names = {code: code for code in units.AREA_UNITS}
    for code, (english, bengali) in units.UNIT_LABELS.items():
        names[english.lower()] = code
        names[bengali] = code
        names[english.split(" (")[0].lower()] = code
    return names


def _dags(columns: Columns, checker: RowChecker) -> list[list[str]]:
    dags = []
    for row, text in enumerate(columns.texts("dag_no")):
        if text.isascii() and "," not in text and ";" not in text and text:
            numbers = [text]  # what clean_dag_nos returns for one ASCII number, without the cost
        else:
            try:
                numbers = clean_dag_nos([d.strip() for d in text.replace(";", ",").split(",")])
            except ValidationError as error:
                checker.add(row, "dag_no", "invalid", " ".join(error.messages))
                numbers = []
        if any(len(d) > 20 for d in numbers):
            checker.add(row, "dag_no", "too_long", _("A dag number has at most 20 characters."))
        dags.append(numbers)
    return dags


# --- geometry -------------------------------------------------------------------------


def _geometries(
    layer: Layer, plan: ParcelPlan, columns: Columns, checker: RowChecker, report: ImportReport
) -> Any:
    """Boundaries checked by gis.geometry's rules; an invalid one gets a suggested repair to
    review, never applied. A row without a geometry is a parcel known from paper only."""
    geoms, from_lines = geometry.polygons_from_closed_lines(layer.geoms)
    if from_lines.any():
        report.notes.append(
            _("%(n)d boundaries were closed lines (e.g. a Kobo geotrace), read as polygons.")
            % {"n": int(from_lines.sum())}
        )
    refused = np.zeros(len(geoms), dtype=bool)
    for row, problems in enumerate(geometry.check_parcel_geometries(geoms)):
        for problem in problems:
            refused[row] = True
            checker.add_problem(row, geometry_problem(row, problem))
            if problem.code == "invalid":
                report.originals[row + 1] = geoms[row]
                report.repairs[row + 1] = geometry.suggest_repair(geoms[row])
    present = ~shapely.is_missing(geoms)
    stored = np.full(len(geoms), None, dtype=object)
    keep = present & ~refused
    stored[keep] = geometry.as_multipolygons(geoms[keep])
    sources = columns.texts("geom_source")
    plan.values["geom_source"] = _geom_sources(sources, present, checker)
    return stored


def _geom_sources(texts: list[str], present: Any, checker: RowChecker) -> list[str]:
    allowed = set(GeomSource.values)
    names = choice_codes(GeomSource)  # codes, English and Bengali names alike
    codes = {
        text: names.get(text.lower(), text.lower()) or GeomSource.IMPORTED for text in set(texts)
    }
    values = []
    for row, (text, has_geom) in enumerate(zip(texts, present.tolist(), strict=True)):
        code = codes[text] if has_geom else ""
        if code and code not in allowed:
            checker.add(
                row,
                "geom_source",
                "invalid_choice",
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": text[:40], "allowed": ", ".join(sorted(allowed))},
            )
        values.append(code)
    return values


# --- mouzas ---------------------------------------------------------------------------


def _mouza_refs(columns: Columns) -> list[tuple[str, str, str]]:
    """Each row's mouza reference as (kind, value, union): the first of id, BBS code, HDX
    p-code and name that the row fills in."""
    refs: list[tuple[str, str, str]] = [("", "", "")] * columns.table.num_rows
    unions = columns.texts("union")
    for kind in reversed(MOUZA_REFERENCES):  # the first kind wins: it is written last
        if kind not in columns:
            continue
        for row, value in enumerate(columns.texts(kind)):
            if not value:
                continue
            if kind == "mouza":
                refs[row] = (kind, normalise_name(value), normalise_name(unions[row]))
            else:
                refs[row] = (kind, value if value.isascii() else ascii_digits(value), "")
    return refs


_RESOLVE_MOUZAS = """
SELECT r.ref, m.id, m.district_id FROM import_mouza_refs r
JOIN places_adminarea m ON m.level = 'mouza' AND r.kind = 'mouza_id'
    AND r.value ~ '^[0-9]{1,18}$' AND m.id = r.value::bigint
UNION ALL
SELECT r.ref, m.id, m.district_id FROM import_mouza_refs r
JOIN places_adminarea m ON m.level = 'mouza' AND r.kind = 'mouza_code' AND m.bbs_code = r.value
UNION ALL
SELECT r.ref, m.id, m.district_id FROM import_mouza_refs r
JOIN places_adminarea m ON m.level = 'mouza' AND r.kind = 'mouza_pcode' AND m.hdx_pcode = r.value
UNION ALL
SELECT ref, id, district_id FROM (
    SELECT r.ref, m.id, m.district_id FROM import_mouza_refs r
    JOIN places_adminarea m ON m.level = 'mouza' AND r.kind = 'mouza'
        AND lower(m.name_en) = lower(r.value)
    LEFT JOIN places_adminarea u ON u.id = m.parent_id
    WHERE r.union_name = '' OR lower(u.name_en) = lower(r.union_name) OR u.name_bn = r.union_name
    UNION
    SELECT r.ref, m.id, m.district_id FROM import_mouza_refs r
    JOIN places_adminarea m ON m.level = 'mouza' AND r.kind = 'mouza' AND m.name_bn = r.value
    LEFT JOIN places_adminarea u ON u.id = m.parent_id
    WHERE r.union_name = '' OR lower(u.name_en) = lower(r.union_name) OR u.name_bn = r.union_name
) by_name
"""


def resolve_mouzas(columns: Columns, user: Any, checker: RowChecker) -> list[int | None]:
    """Each row's mouza, resolved in one query; unknown, ambiguous or out-of-scope mouzas
    are problems of their rows."""
    refs = _mouza_refs(columns)
    distinct = sorted(set(refs) - {("", "", "")})
    number = {ref: i for i, ref in enumerate(distinct)}
    found: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE import_mouza_refs (ref int, kind text, value text, union_name text)"
            " ON COMMIT DROP"
        )
        copy_rows(cursor, "import_mouza_refs", [(number[r], *r) for r in distinct])
        cursor.execute(_RESOLVE_MOUZAS)
        for ref, mouza_id, district_id in cursor.fetchall():
            found[ref].append((mouza_id, district_id))
        cursor.execute("DROP TABLE import_mouza_refs")
    scope = scope_for(user)
    allowed = scope.district_ids if scope is not None else frozenset()
    outcome = {ref: _one_mouza(ref, found.get(number.get(ref, -1), []), allowed) for ref in {*refs}}
    ids: list[int | None] = []
    for row, ref in enumerate(refs):
        mouza_id, problem = outcome[ref]
        if problem is not None:
            checker.add(row, *problem)
        ids.append(mouza_id)
    return ids


def _one_mouza(
    ref: tuple[str, str, str],
    matches: list[tuple[int, int | None]],
    allowed: frozenset[int] | None,
) -> tuple[int | None, tuple[str, str, str] | None]:
    """The mouza a reference names, or the (field, code, message) of why there is none."""
    kind, value, union = ref
    if not kind:
        return None, ("mouza", "required", _("Name the mouza (its name, BBS code or id)."))
    label = f"{value}" + (f" ({union})" if union else "")
    if not matches:
        return None, (kind, "unknown_mouza", _("No mouza %(ref)s.") % {"ref": label})
    if len(matches) > 1:
        message = _("%(n)d mouzas are called %(ref)s; add the union or use the mouza's code.")
        return None, (kind, "ambiguous_mouza", message % {"n": len(matches), "ref": label})
    mouza_id, district_id = matches[0]
    if allowed is not None and district_id not in allowed:
        message = _("Mouza %(ref)s lies outside the districts you work in.")
        return None, (kind, "mouza_out_of_scope", message % {"ref": label})
    return mouza_id, None


# --- dag numbers ------------------------------------------------------------------------

_EXISTING_DAGS = """
SELECT d.row, p.parcel_id FROM import_dags d
JOIN parcels_parceldag p ON p.organisation_id = %s AND p.mouza_id = d.mouza_id
    AND p.survey = d.survey AND p.dag_no = d.dag_no
"""


def _resolve_dags(plan: ParcelPlan, checker: RowChecker) -> set[int]:
    """Rows already recorded (to skip). A dag number given twice in the file, or recorded
    on another parcel than the row's other dags, is a problem of its row."""
    keys: list[tuple[int, int, str, str]] = []
    first_row: dict[tuple[int, str, str], int] = {}
    surveys = plan.values["survey"]
    for row, (mouza_id, dags) in enumerate(zip(plan.mouza_ids, plan.dags, strict=True)):
        if mouza_id is None or not surveys[row]:
            continue
        for dag in dags:
            key = (mouza_id, surveys[row], dag)
            if key in first_row:
                checker.add(
                    row,
                    "dag_no",
                    "duplicate_in_file",
                    _("Dag %(dag)s of this mouza and survey is also on row %(other)d.")
                    % {"dag": dag, "other": first_row[key] + 1},
                )
                continue
            first_row[key] = row
            keys.append((row, *key))
    recorded: dict[int, set[int]] = defaultdict(set)
    recorded_count: dict[int, int] = defaultdict(int)
    with connection.cursor() as cursor:
        # Only mouzas where the organisation already has dags can hold a recorded one.
        cursor.execute(
            "SELECT DISTINCT mouza_id FROM parcels_parceldag "
            "WHERE organisation_id = %s AND mouza_id = ANY(%s)",
            [plan.organisation.pk, sorted({k[1] for k in keys})],
        )
        known = {mouza_id for (mouza_id,) in cursor.fetchall()}
        keys = [k for k in keys if k[1] in known]
        cursor.execute(
            "CREATE TEMP TABLE import_dags (row int, mouza_id bigint, survey text, dag_no text)"
            " ON COMMIT DROP"
        )
        copy_rows(cursor, "import_dags", keys)
        cursor.execute(_EXISTING_DAGS, [plan.organisation.pk])
        for row, parcel_id in cursor.fetchall():
            recorded[row].add(parcel_id)
            recorded_count[row] += 1
        cursor.execute("DROP TABLE import_dags")
    skipped = set()
    for row, parcel_ids in recorded.items():
        if len(parcel_ids) == 1 and recorded_count[row] == len(plan.dags[row]):
            skipped.add(row)  # already recorded: the same file imported again
            continue
        listed = ", ".join(str(p) for p in sorted(parcel_ids))
        checker.add(
            row,
            "dag_no",
            "dag_taken",
            _(
                "Some of these dag numbers are already recorded (parcel %(parcels)s) and "
                "others are not, or on different parcels; correct the row."
            )
            % {"parcels": listed},
        )
    return skipped


# --- loading --------------------------------------------------------------------------


def load_parcels(plan: ParcelPlan, report: ImportReport) -> int:
    """Write the checked rows with COPY; the database's constraints check them again.

    Ids follow the file's order; rows are written in spatial order (the GiST index then
    takes them several times faster) and dags in key order (the same for their unique
    index)."""
    if not plan.create:
        return 0
    reserved = reserve_ids(Parcel._meta.db_table, len(plan.create))
    report.created_ids.extend(reserved)
    ids_in_file_order = np.array(reserved)
    created = np.array(plan.create)
    order = geometry.spatial_order(plan.geoms[created])
    rows, ids = created[order], ids_in_file_order[order]
    with connection.cursor() as cursor:
        copy_slices(cursor, Parcel._meta.db_table, PARCEL_COLUMNS, _parcel_slices(plan, rows, ids))
        copy_table(cursor, "parcels_parceldag", _dag_table(plan, rows, ids))
    return len(rows)


SLICE_ROWS = 5_000


def _parcel_slices(plan: ParcelPlan, rows: Any, ids: Any) -> Iterator[pa.Table]:
    """The parcel rows as Arrow tables of SLICE_ROWS rows, each made when COPY needs it."""
    values = {name: np.array(column, dtype=object) for name, column in plan.values.items()}
    values["mouza_id"] = np.array(plan.mouza_ids, dtype=object)
    for start in range(0, len(rows), SLICE_ROWS):
        part = slice(start, start + SLICE_ROWS)
        yield _parcel_table(plan, values, rows[part], ids[part])


def _parcel_table(plan: ParcelPlan, values: dict[str, Any], rows: Any, ids: Any) -> pa.Table:
    count = len(rows)
    geoms = plan.geoms[rows]
    present = ~shapely.is_missing(geoms)
    v = {name: column[rows] for name, column in values.items()}

    def constant(value: Any) -> pa.Array:
        return pa.array(np.full(count, value, dtype=object))

    now = plan.now
    columns = {
        "id": pa.array(ids),
        "created_at": constant(now),
        "updated_at": constant(now),
        "organisation_id": constant(plan.organisation.pk),
        "mouza_id": pa.array(v["mouza_id"], type=pa.int64()),
        **{name: pa.array(v[name]) for name in ("survey", "land_class", "area_unit")},
        **{name: pa.array(v[name]) for name in (*TEXT_FIELDS, "register_viii_ref", "notes")},
        **{name: _decimals(v[name]) for name in ("area_value", "area_unit_m2", "area_m2")},
        "geom": pa.array(_ewkb(geoms, present), type=pa.string()),
        "geom_source": pa.array(v["geom_source"]),
        "source_srid": pa.array(np.where(present, plan.source_srid or 0, None), type=pa.int64()),
        "accuracy_m": pa.array(v["accuracy_m"], type=pa.float64()),
        "created_by_id": constant(getattr(plan.user, "pk", None)),
        "version": constant(1),  # a new record's first version (core.concurrency)
    }
    return pa.table({name: columns[name] for name in PARCEL_COLUMNS})


# Little-endian WKB of a 2D MultiPolygon, and the same type with SRID 4326 (EWKB).
_WKB_MULTIPOLYGON = "0106000000"
_EWKB_MULTIPOLYGON_4326 = "0106000020E6100000"


def _ewkb(geoms: Any, present: Any) -> list[str | None]:
    """Hex EWKB, what PostGIS reads in COPY; the SRID is spliced into the header, which is
    faster than setting it on every geometry."""
    hexes: list[str | None] = [None] * len(geoms)
    if not present.any():
        return hexes
    wkb = shapely.to_wkb(geoms[present], hex=True, byte_order=1, output_dimension=2)
    cut = len(_WKB_MULTIPOLYGON)
    for i, text in zip(np.flatnonzero(present).tolist(), wkb, strict=True):
        if not text.startswith(_WKB_MULTIPOLYGON):  # pragma: no cover - checked before
            raise ValueError("Only MultiPolygons are written.")
        hexes[i] = _EWKB_MULTIPOLYGON_4326 + text[cut:]
    return hexes


def _decimals(values: Any) -> pa.Array:
    return pa.array([None if d is None else str(d) for d in values], type=pa.string())


def _dag_table(plan: ParcelPlan, rows: Any, ids: Any) -> pa.Table:
    parcel_ids, mouza_ids, surveys, dags = [], [], [], []
    for parcel_id, row in zip(ids.tolist(), rows.tolist(), strict=True):
        for dag in plan.dags[row]:
            parcel_ids.append(parcel_id)
            mouza_ids.append(plan.mouza_ids[row])
            surveys.append(plan.values["survey"][row])
            dags.append(dag)
    table = pa.table(
        {
            "parcel_id": pa.array(parcel_ids, type=pa.int64()),
            "organisation_id": pa.array([plan.organisation.pk] * len(dags), type=pa.int64()),
            "mouza_id": pa.array(mouza_ids, type=pa.int64()),
            "survey": pa.array(surveys, type=pa.string()),
            "dag_no": pa.array(dags, type=pa.string()),
        }
    )
    return table.sort_by(
        [("mouza_id", "ascending"), ("survey", "ascending"), ("dag_no", "ascending")]
    )


def copy_table(cursor: Any, table: str, arrow: pa.Table) -> None:
    """COPY an Arrow table (its column names are the table's)."""
    copy_slices(cursor, table, arrow.column_names, iter([arrow]))


def copy_slices(cursor: Any, table: str, names: list[str], slices: Iterator[pa.Table]) -> None:
    """COPY Arrow tables, one after another, through Arrow's CSV writer. Each slice is
    written when PostgreSQL asks for more, so the server parses one slice while Python
    makes the next."""
    copy_from(table, names, _CsvStream(slices), size=1 << 20, cursor=cursor)


class _CsvStream(io.RawIOBase):
    """A file psycopg2 reads COPY data from, filled with CSV slice by slice."""

    def __init__(self, slices: Iterator[pa.Table]) -> None:
        self._slices = slices
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while len(self._buffer) < max(size, 1):
            arrow = next(self._slices, None)
            if arrow is None:
                break
            out = io.BytesIO()
            options = pa_csv.WriteOptions(include_header=False)
            pa_csv.write_csv(arrow, out, write_options=options)
            self._buffer += out.getvalue()
        if size < 0:
            size = len(self._buffer)
        chunk, self._buffer = self._buffer[:size], self._buffer[size:]
        return chunk


def copy_rows(
    cursor: Any, table: str, rows: Iterable[tuple[Any, ...]], names: list[str] | None = None
) -> None:
    """COPY tuples into `table` (all its columns, or `names`)."""
    rows = list(rows)
    if not rows:
        return
    width = len(rows[0])
    names = names or [f"c{i}" for i in range(width)]
    columns = {name: [r[i] for r in rows] for i, name in enumerate(names)}
    arrow = pa.table(columns)
    buffer = io.BytesIO()
    pa_csv.write_csv(arrow, buffer, write_options=pa_csv.WriteOptions(include_header=False))
    buffer.seek(0)
    copy_from(table, names if names[0] != "c0" else None, buffer, cursor=cursor)
