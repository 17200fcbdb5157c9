"""Writes for parcels: the paper reference, the area as entered and a checked boundary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gis import crs, geometry, units
from landclaims.core.geo import from_shapely, to_shapely
from landclaims.core.models import Organisation
from landclaims.core.permissions import CLAIM_WRITERS, require_writer
from landclaims.core.text import ascii_digits
from landclaims.core.updates import apply_changes
from landclaims.parcels.models import Parcel, ParcelDag
from landclaims.parcels.selectors import parcel_list_overlapping
from landclaims.places.models import AdminArea


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
) -> ParcelSaved:
    """Record a parcel; a boundary is checked, never repaired, and overlaps are reported."""
    require_writer(created_by, CLAIM_WRITERS)
    if mouza.level != AdminArea.Level.MOUZA:
        raise ValidationError(
            {"mouza": _("Choose a mouza, not a %(level)s.") % {"level": mouza.level}}
        )
    dags = clean_dag_nos(dag_nos)
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
    ParcelDag.objects.bulk_create(
        ParcelDag(parcel=parcel, organisation=organisation, mouza=mouza, survey=survey, dag_no=d)
        for d in dags
    )
    return ParcelSaved(parcel=parcel, warnings=_overlap_warnings(parcel, created_by))


# What a person may correct on a parcel directly: the boundary, the mouza, the dags and the
# area are its identity and change only through an import or a new record.
PARCEL_EDITABLE = (
    "jl_no", "sheet_no", "khatian_no", "register_viii_ref", "land_class", "accuracy_m", "notes",
)  # fmt: skip
DIGIT_FIELDS = ("jl_no", "sheet_no", "khatian_no")


@transaction.atomic
def parcel_update(*, parcel: Parcel, by: Any, changes: Mapping[str, Any]) -> Parcel:
    require_writer(by, CLAIM_WRITERS)
    parcel = Parcel.objects.select_for_update().get(pk=parcel.pk)
    changes = {
        name: ascii_digits(value) if name in DIGIT_FIELDS else value
        for name, value in changes.items()
    }
    return apply_changes(parcel, changes, editable=PARCEL_EDITABLE)


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
        raise ValidationError({"geom": [p.message for p in problems]})
    stored = from_shapely(geometry.as_multipolygon(shape), srid=crs.STORAGE_SRID)
    return stored, source_srid


def _check_dags_free(parcel: Parcel, dags: list[str]) -> None:
    taken = ParcelDag.objects.filter(
        organisation=parcel.organisation, mouza=parcel.mouza, survey=parcel.survey, dag_no__in=dags
    ).values_list("dag_no", "parcel_id")
    if taken:
        listed = ", ".join(f"{dag} (parcel {pk})" for dag, pk in taken)
        raise ValidationError(
            {
                "dag_nos": _("Already recorded in %(mouza)s, %(survey)s: dag %(dags)s.")
                % {"mouza": parcel.mouza.name_en, "survey": parcel.survey, "dags": listed}
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
        _("Overlaps parcel %(pk)s (%(mouza)s) by %(share).0f%% of its area.")
        % {"pk": o.parcel.pk, "mouza": o.parcel.mouza.name_en, "share": o.share * 100}
        for o in overlaps
    ]
