"""Writes for parcels: the paper reference, the area as entered and a checked boundary."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gis import crs, geometry, units
from gis.crs import geodesic_area_m2
from landclaims.core.concurrency import bump_version, check_version
from landclaims.core.display import place_name
from landclaims.core.geo import from_shapely, to_shapely
from landclaims.core.models import Organisation
from landclaims.core.permissions import CLAIM_WRITERS, require_writer
from landclaims.core.scoping import scope_for
from landclaims.core.text import ascii_digits
from landclaims.parcels.models import Parcel, ParcelDag
from landclaims.parcels.selectors import parcel_list_overlapping
from landclaims.places.models import AdminArea, SurveySeries


@dataclass
class ParcelSaved:
    parcel: Parcel
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class EnteredArea:
    value: Decimal
    unit: str
    unit_m2: Decimal
    m2: Decimal


@transaction.atomic
def parcel_create(
    *,
    organisation: Organisation,
    mouza: AdminArea,
    survey: str,
    dag_nos: list[str],
    land_class: str,
    jl_no: str = "",
    sheet_no: str = "",
    khatian_no: str = "",
    register_viii_ref: str = "",
    area_value: Decimal | str | None = None,
    area_unit: str = "",
    geom: GEOSGeometry | None = None,
    geom_source: str = "",
    accuracy_m: float | None = None,
    notes: str = "",
    created_by: Any = None,
    other_dags: Sequence[tuple[str, str]] = (),
) -> ParcelSaved:
    """Record a parcel; a boundary is checked, never repaired, and overlaps are reported.

    `dag_nos` are of the parcel's own survey series; `other_dags` are (series, dag) pairs of
    the same land in the other series (its CS dag beside its RS dag, say)."""
    require_writer(created_by, CLAIM_WRITERS)
    _check_mouza(mouza, created_by, organisation)
    dags = all_dags(survey, dag_nos, other_dags)
    area = entered_area(area_value, area_unit, organisation=organisation)
    stored_geom, source_srid = checked_boundary(geom)
    parcel = Parcel(
        organisation=organisation,
        mouza=mouza,
        survey=survey,
        jl_no=ascii_digits(jl_no),
        sheet_no=ascii_digits(sheet_no),
        khatian_no=ascii_digits(khatian_no),
        register_viii_ref=register_viii_ref,
        land_class=land_class,
        area_value=area.value if area else None,
        area_unit=area.unit if area else "",
        area_unit_m2=area.unit_m2 if area else None,
        area_m2=area.m2 if area else None,
        geom=stored_geom,
        geom_source=geom_source,
        source_srid=source_srid,
        accuracy_m=accuracy_m,
        notes=notes,
        created_by=created_by,
    )
    parcel.full_clean()
    _check_dags_free(parcel, dags)
    parcel.save()
    _save_dags(parcel, dags)
    return ParcelSaved(parcel=parcel, warnings=_overlap_warnings(parcel, created_by))


# What a person may correct on a parcel directly: the boundary, the mouza, the dags and the
# area are its identity and change only through an import or a new record.
PARCEL_EDITABLE = (
    "jl_no", "sheet_no", "khatian_no", "register_viii_ref", "land_class", "accuracy_m", "notes",
)  # fmt: skip
DIGIT_FIELDS = ("jl_no", "sheet_no", "khatian_no")


# What the parcel's edit page (and the API) may change beyond PARCEL_EDITABLE: the paper
# reference, the dags of every series, the area as written and the boundary. Each is checked
# by the same rules as a new parcel.
PARCEL_REFERENCE = ("mouza", "survey", "dag_nos", "other_dags", "area_value", "area_unit")
PARCEL_BOUNDARY = ("geom", "geom_source")


@transaction.atomic
def parcel_update(
    *,
    parcel: Parcel,
    by: Any,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    seen: Mapping[str, Any] | None = None,
) -> Parcel:
    """Correct a parcel: its plain fields (PARCEL_EDITABLE), its paper reference and dags, its
    area as written, and its boundary (checked, never repaired). A save made on a version
    someone else has since changed is refused (core/concurrency.py)."""
    require_writer(by, CLAIM_WRITERS)
    parcel = Parcel.objects.select_for_update().get(pk=parcel.pk)
    check_version(parcel, expected=expected_version, seen=seen)
    refused = sorted(
        set(changes) - set(PARCEL_EDITABLE) - set(PARCEL_REFERENCE) - set(PARCEL_BOUNDARY)
    )
    if refused:
        raise ValidationError(
            _("These fields cannot be changed here: %(names)s.") % {"names": ", ".join(refused)}
        )
    plain = {
        name: ascii_digits(value) if name in DIGIT_FIELDS else value
        for name, value in changes.items()
        if name in PARCEL_EDITABLE
    }
    for name, value in plain.items():
        setattr(parcel, name, value)
    dags = _reference_changes(parcel, changes, by)
    if "area_value" in changes or "area_unit" in changes:
        area = entered_area(
            changes.get("area_value", parcel.area_value),
            changes.get("area_unit", parcel.area_unit),
            organisation=parcel.organisation,
        )
        parcel.area_value = area.value if area else None
        parcel.area_unit = area.unit if area else ""
        parcel.area_unit_m2 = area.unit_m2 if area else None
        parcel.area_m2 = area.m2 if area else None
    if "geom" in changes:
        parcel.geom, parcel.source_srid = checked_boundary(changes["geom"])
        source = changes.get("geom_source") or parcel.geom_source
        parcel.geom_source = source if parcel.geom is not None else ""
    elif "geom_source" in changes and parcel.geom is not None:
        parcel.geom_source = changes["geom_source"]
    bump_version(parcel)
    parcel.full_clean()
    if dags is not None:
        ParcelDag.objects.filter(parcel=parcel).delete()
        _check_dags_free(parcel, dags)
    parcel.save()
    if dags is not None:
        _save_dags(parcel, dags)
    return parcel


def _reference_changes(
    parcel: Parcel, changes: Mapping[str, Any], by: Any
) -> list[tuple[str, str]] | None:
    """Apply a changed mouza or series to `parcel`; the dags to store anew, or None when
    neither they nor what they are copied from changed."""
    if not set(changes) & {"mouza", "survey", "dag_nos", "other_dags"}:
        return None
    if "mouza" in changes and changes["mouza"].pk != parcel.mouza_id:
        _check_mouza(changes["mouza"], by, parcel.organisation)
        parcel.mouza = changes["mouza"]
    current = list(parcel.dags.all())
    main = [d.dag_no for d in current if d.survey == parcel.survey]
    others = [(d.survey, d.dag_no) for d in current if d.survey != parcel.survey]
    if "survey" in changes:
        parcel.survey = changes["survey"]
    return all_dags(parcel.survey, changes.get("dag_nos", main), changes.get("other_dags", others))


def parcel_boundary_preview(
    *, geom: GEOSGeometry, user: Any, exclude_pk: int | None = None
) -> BoundaryPreview:
    """What saving `geom` would store, with its area and the overlap warnings, or the
    ValidationError the save would raise: shown beside the map before anything is saved."""
    stored, _srid = checked_boundary(geom)
    if stored is None:
        raise ValidationError({"geom": _("Draw the boundary or upload a file first.")})
    probe = Parcel(pk=exclude_pk, geom=stored)
    return BoundaryPreview(
        geom=stored,
        area_m2=geodesic_area_m2(to_shapely(stored)),
        warnings=_overlap_warnings(probe, user),
    )


@dataclass(frozen=True)
class BoundaryPreview:
    geom: GEOSGeometry
    area_m2: float
    warnings: list[str]


def clean_dag_nos(dag_nos: list[str]) -> list[str]:
    cleaned = [ascii_digits(d) for d in dag_nos]
    if not cleaned or any(not d for d in cleaned):
        raise ValidationError({"dag_nos": _("Give at least one dag number; none may be blank.")})
    if len(set(cleaned)) != len(cleaned):
        raise ValidationError({"dag_nos": _("A dag number is listed twice.")})
    return cleaned


def entered_area(
    value: Decimal | str | None, unit: str, *, organisation: Organisation
) -> EnteredArea | None:
    """The paper area with its unit and the factor used, converted to m²."""
    if value in (None, ""):
        if unit:
            raise ValidationError({"area_value": _("An area unit was given without a value.")})
        return None
    if not unit:
        raise ValidationError({"area_unit": _("Give the unit the area was written in.")})
    try:
        amount = value if isinstance(value, Decimal) else units.parse_decimal(str(value))
        factor = units.unit_factor(unit, organisation.local_area_units)
        m2 = units.to_m2(amount, unit, organisation.local_area_units)
    except units.UnknownUnit as exc:
        raise ValidationError({"area_unit": str(exc)}) from exc
    except units.InvalidArea as exc:
        raise ValidationError({"area_value": str(exc)}) from exc
    if amount <= 0:
        raise ValidationError({"area_value": _("The area must be more than zero.")})
    return EnteredArea(value=amount, unit=unit, unit_m2=factor, m2=m2.quantize(Decimal("0.01")))


def checked_boundary(geom: GEOSGeometry | None) -> tuple[GEOSGeometry | None, int | None]:
    """The boundary in EPSG:4326 as a MultiPolygon, or a ValidationError naming each problem.

    A legal boundary is never repaired silently: an invalid one is refused, with the
    reason, and the user decides on any repair.
    """
    if geom is None:
        return None, None
    shape = to_shapely(geom)
    try:
        declared = crs.check_srid(geom.srid or crs.STORAGE_SRID)
        # A file declaring one BTM variant often holds the other: the data decide.
        source_srid = crs.resolve_btm_variant(shape, declared)
    except (crs.UnsupportedCRS, crs.AmbiguousCRS) as exc:
        raise ValidationError({"geom": str(exc)}) from exc
    shape = crs.transform(shape, source_srid, crs.STORAGE_SRID)
    problems = geometry.check_parcel_geometry(shape)
    if problems:
        raise ValidationError({"geom": [_problem_message(p) for p in problems]})
    stored = from_shapely(geometry.as_multipolygon(shape), srid=crs.STORAGE_SRID)
    return stored, source_srid


def all_dags(
    survey: str, dag_nos: Sequence[str], other_dags: Sequence[tuple[str, str]] = ()
) -> list[tuple[str, str]]:
    """Every (series, dag) of a parcel: its own series' dags first, then the others'. A
    parcel may hold dags of several series; each pair is listed once."""
    main = [(survey, dag) for dag in clean_dag_nos(list(dag_nos))]
    others = [(series, ascii_digits(str(dag)).strip()) for series, dag in other_dags]
    if any(series not in SurveySeries.values for series, _dag in others):
        raise ValidationError({"other_dags": _("Choose a survey series for every other dag.")})
    if any(not dag for _series, dag in others):
        raise ValidationError({"other_dags": _("A dag number of another series is blank.")})
    pairs = main + others
    if len(set(pairs)) != len(pairs):
        raise ValidationError({"other_dags": _("A dag number is listed twice in one series.")})
    return pairs


def _save_dags(parcel: Parcel, dags: list[tuple[str, str]]) -> None:
    ParcelDag.objects.bulk_create(
        ParcelDag(
            parcel=parcel,
            organisation=parcel.organisation,
            mouza=parcel.mouza,
            survey=series,
            dag_no=dag,
        )
        for series, dag in dags
    )


def _check_mouza(mouza: AdminArea, by: Any, organisation: Organisation) -> None:
    if mouza.level != AdminArea.Level.MOUZA:
        raise ValidationError(
            {"mouza": _("Choose a mouza, not a %(level)s.") % {"level": mouza.get_level_display()}}
        )
    scope = scope_for(by)
    if by is None or scope is None:
        return
    if scope.organisation_id not in (None, organisation.pk):
        raise ValidationError({"mouza": _("You may record parcels only for your organisation.")})
    if scope.district_ids is not None and mouza.district_id not in scope.district_ids:
        raise ValidationError({"mouza": _("This mouza is outside your districts.")})


def _problem_message(problem: geometry.GeometryProblem) -> str:
    """The reason in the reader's language for the refusals people meet when drawing or
    walking a boundary; the checker's own (English) words for the rarer ones."""
    if problem.code == "outside_bangladesh":
        return _("The boundary lies outside Bangladesh: check the map or the file's coordinates.")
    if problem.code == "invalid" and "self-intersection" in problem.message.lower():
        return _(
            "The boundary crosses itself. Redraw it (or walk it again) so that its edges meet "
            "only at the corners; it is never repaired automatically."
        )
    if problem.code == "ring_too_short":
        return _("A boundary needs at least three corners.")
    return problem.message


def _check_dags_free(parcel: Parcel, dags: list[tuple[str, str]]) -> None:
    """Each (series, dag) is free in the parcel's mouza; the database's unique constraint
    is the last line, this gives the message."""
    wanted = Q()
    for series, dag in dags:
        wanted |= Q(survey=series, dag_no=dag)
    taken = (
        ParcelDag.objects.filter(organisation=parcel.organisation, mouza=parcel.mouza)
        .filter(wanted)
        .exclude(parcel_id=parcel.pk)
        .order_by("survey", "dag_no")
        .values_list("survey", "dag_no")
    )
    if taken:
        listed = ", ".join(f"{series} {dag}" for series, dag in taken)
        raise ValidationError(
            {
                "dag_nos": _("Already recorded on another parcel in %(mouza)s: dag %(dags)s.")
                % {"mouza": place_name(parcel.mouza), "dags": listed}
            }
        )


def _overlap_warnings(parcel: Parcel, user: Any) -> list[str]:
    if parcel.geom is None or user is None:
        return []
    overlaps = parcel_list_overlapping(
        user=user,
        geom=parcel.geom,
        min_share=settings.PARCEL_OVERLAP_WARNING_RATIO,
        exclude_pk=parcel.pk,
    )
    return [
        # Named by its mouza and dags, as people know it; never by its database id.
        _("Overlaps the parcel in %(mouza)s, dag %(dags)s, by %(share).0f%% of its area.")
        % {
            "mouza": place_name(o.parcel.mouza),
            "dags": o.parcel.dag_display,
            "share": o.share * 100,
        }
        for o in overlaps
    ]
