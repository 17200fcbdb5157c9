"""Claims from a file: one row opens one claim by one or more groups on one parcel.

The parcel is found by its paper reference (mouza, survey, a dag number), the groups by
name (Bengali or English, within a village when given), both among what the importing
user may see. Each row goes through claim_create itself, in a savepoint, so the rules are
exactly the service's; when any row has a problem the import service rolls everything
back. A row whose groups already all claim that parcel is skipped, so importing the same
file twice opens no second claim. Geometry is not read: a claim sits at its parcels.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from gis.vector_read import Layer
from landclaims.claims.models import Claim
from landclaims.claims.services import claim_create
from landclaims.claims.stages import Possession
from landclaims.core.forms import LocalDateField
from landclaims.core.models import Organisation
from landclaims.core.text import ascii_digits, normalise_name
from landclaims.groups.models import LandlessGroup
from landclaims.imports import parcels
from landclaims.imports.columns import (
    Column,
    Columns,
    aliases_of,
    choice_codes,
    find_columns,
    labelled_choices,
    required_of,
)
from landclaims.imports.problems import ImportReport, RowProblem
from landclaims.parcels.models import Parcel, ParcelDag

_PARCEL_REFERENCE = {c.name: c for c in parcels.COLUMNS}
# The columns of a claims file (see columns.Column): the parcel by its paper reference,
# the groups by name.
COLUMNS: tuple[Column, ...] = (
    *(
        _PARCEL_REFERENCE[name]
        for name in ("mouza", "union", "mouza_code", "mouza_pcode", "mouza_id", "survey")
    ),
    replace(
        _PARCEL_REFERENCE["dag_no"],
        holds=_l("A dag number of the claimed parcel, which must already be recorded."),
    ),
    Column(
        "group", _l("The landless group or groups claiming it, by name (separated by ;)."),
        aliases=("groups", "group_name", "group_bn", "group_en", "landless_group"),
        required=True, example="চরপাড়া ভূমিহীন সমিতি",
    ),
    Column(
        "village", _l("The groups' village, when two groups share a name."),
        aliases=("village_name", "village_en", "village_bn"),
    ),
    Column(
        "opened_on", _l("The day the claim was opened (year-month-day)."), kind="date",
        aliases=("opened", "opened_date", "date_opened", "opened_at"), required=True,
        digits=True, example="২০২৪-০১-১৫",
    ),
    Column(
        "possession", _l("Who holds the land now (default: not entered)."),
        aliases=("possession_status",), choices=lambda: labelled_choices(Possession),
        example="group_in_possession",
    ),
    Column("title", _l("A short title for the claim."), aliases=("claim_title", "name"),
           example="চরপাড়ার খাস জমির দাবি"),
    Column("notes", _l("Anything else about the claim."), aliases=("note", "remarks")),
)  # fmt: skip
GEOMETRY = None  # a claim sits at its parcels: the file's geometry is not read
ALIASES = aliases_of(COLUMNS)
REQUIRED = required_of(COLUMNS)


class _Rows:
    def __init__(self, report: ImportReport) -> None:
        self.report = report

    def problem(self, row: int, field: str, code: str, message: str) -> None:
        self.report.problems.append(RowProblem(row + 1, field, code, message))


def check_claims(
    layer: Layer, *, organisation: Organisation, user: Any, report: ImportReport
) -> int:
    """Open each row's claim in a savepoint; returns how many were opened (rolled back by
    the import service unless every row passed)."""
    columns = find_columns(layer.table, ALIASES, required=REQUIRED)
    rows = _Rows(report)
    checker = parcels.RowChecker(report)
    surveys = parcels.choice_column(columns, "survey", parcels.survey_codes(), checker)
    mouza_ids = parcels.resolve_mouzas(columns, user, checker)
    parcel_of = _parcels(columns, organisation, user, mouza_ids, surveys, rows)
    groups_of = _groups(columns, organisation, user, rows)
    opened = 0
    texts = {name: columns.texts(name) for name in ("opened_on", "possession", "title", "notes")}
    refused = {p.row - 1 for p in report.problems}
    for row in range(layer.row_count):
        if row in refused:
            continue
        parcel, groups = parcel_of[row], groups_of[row]
        if parcel is None or not groups:
            continue
        if _already_claimed(organisation, parcel, groups):
            report.to_skip += 1
            continue
        opened += _open(row, organisation, user, parcel, groups, texts, rows)
    report.to_create = opened
    return opened


def load_claims(plan: int, report: ImportReport) -> int:
    return plan  # opened while checking, in this same transaction


def _parcels(
    columns: Columns,
    organisation: Organisation,
    user: Any,
    mouza_ids: list[int | None],
    surveys: list[str],
    rows: _Rows,
) -> list[Parcel | None]:
    dags = [ascii_digits(t.replace(";", ",").split(",")[0]) for t in columns.texts("dag_no")]
    wanted = Q(pk__in=[])
    for mouza_id, survey, dag in zip(mouza_ids, surveys, dags, strict=True):
        if mouza_id is not None and survey and dag:
            wanted |= Q(mouza_id=mouza_id, survey=survey, dag_no=dag)
    found = {
        (d.mouza_id, d.survey, d.dag_no): d.parcel_id
        for d in ParcelDag.objects.filter(wanted, organisation=organisation)
    }
    visible = Parcel.objects.visible_to(user).select_related("mouza").in_bulk(found.values())
    result: list[Parcel | None] = []
    for row, key in enumerate(zip(mouza_ids, surveys, dags, strict=True)):
        parcel = visible.get(found.get(key, -1))
        if parcel is None and key[0] is not None and key[1]:
            rows.problem(
                row, "dag_no", "unknown_parcel",
                _("No parcel you may see has dag %(dag)s in this mouza and survey; import "
                  "the parcels first.") % {"dag": key[2] or "-"},
            )  # fmt: skip
        result.append(parcel)
    return result


def _groups(
    columns: Columns, organisation: Organisation, user: Any, rows: _Rows
) -> list[list[LandlessGroup]]:
    names = [[normalise_name(n) for n in t.split(";") if n.strip()] for t in columns.texts("group")]
    villages = [normalise_name(village) for village in columns.texts("village")]
    wanted = {n for row in names for n in row}
    candidates: dict[str, list[LandlessGroup]] = defaultdict(list)
    query = (
        LandlessGroup.objects.visible_to(user)
        .filter(organisation=organisation)
        .filter(Q(name_bn__in=wanted) | Q(name_en__in=wanted))
        .select_related("village")
    )
    for group in query:
        for name in {group.name_bn, group.name_en} - {""}:
            candidates[name].append(group)
    result = []
    for row, (row_names, village) in enumerate(zip(names, villages, strict=True)):
        groups = [g for n in row_names if (g := _one_group(row, n, village, candidates, rows))]
        if not row_names:
            rows.problem(row, "group", "required", _("Name at least one landless group."))
        result.append(groups if len(groups) == len(row_names) else [])
    return result


def _one_group(
    row: int, name: str, village: str, candidates: dict[str, list[LandlessGroup]], rows: _Rows
) -> LandlessGroup | None:
    matches = candidates.get(name, [])
    if village:
        matches = [g for g in matches if village in (g.village.name_en, g.village.name_bn)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        rows.problem(row, "group", "unknown_group", _("No group “%(name)s”.") % {"name": name})
    else:
        rows.problem(
            row, "group", "ambiguous_group",
            _("%(n)d groups are called “%(name)s”; add the village.")
            % {"n": len(matches), "name": name},
        )  # fmt: skip
    return None


def _already_claimed(organisation: Organisation, parcel: Parcel, groups: list[Any]) -> bool:
    claims = Claim.objects.filter(organisation=organisation, parcels=parcel)
    for group in groups:
        claims = claims.filter(groups=group)
    return claims.exists()


def _open(
    row: int,
    organisation: Organisation,
    user: Any,
    parcel: Parcel,
    groups: list[LandlessGroup],
    texts: dict[str, list[str]],
    rows: _Rows,
) -> int:
    try:
        opened_on = LocalDateField().clean(texts["opened_on"][row])
    except ValidationError as error:
        rows.problem(row, "opened_on", "invalid", " ".join(error.messages))
        return 0
    possession = _possession(texts["possession"][row])
    if possession is None:
        rows.problem(
            row, "possession", "invalid_choice",
            _("“%(value)s” is not one of: %(allowed)s.")
            % {"value": texts["possession"][row][:40], "allowed": ", ".join(Possession.values)},
        )  # fmt: skip
        return 0
    try:
        with transaction.atomic():
            claim = claim_create(
                organisation=organisation, groups=groups, parcels=[parcel],
                opened_on=opened_on, by=user, title=texts["title"][row][:200],
                possession=possession, notes=texts["notes"][row],
            )  # fmt: skip
    except ValidationError as error:
        items = (
            error.message_dict.items() if hasattr(error, "error_dict") else [("", error.messages)]
        )
        for field, messages in items:
            for message in messages:
                rows.problem(row, field, "invalid", message)
        return 0
    rows.report.created_ids.append(claim.pk)
    return 1


def _possession(text: str) -> str | None:
    if not text:
        return Possession.NOT_ENTERED
    return choice_codes(Possession).get(text.strip().lower())
