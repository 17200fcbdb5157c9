"""Writes for people's cooperatives: the cooperative and its member groups, the land it farms
and its collective production.

Money is typed in taka and stored in poisha (whole numbers, never floats). A boundary is
checked by the parcels' own rules and never repaired; land settled from a khas parcel takes
the parcel's boundary and area when none is drawn. Changes to the cooperative itself and to
its member groups lock the row and raise its `version` (core/concurrency.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gis.crs import geodesic_area_m2
from landclaims.cooperatives.models import (
    Cooperative,
    CooperativeLand,
    CooperativeShare,
    Production,
)
from landclaims.core.concurrency import bump_version, check_version
from landclaims.core.geo import to_shapely
from landclaims.core.models import Organisation
from landclaims.core.money import poisha_from_taka as poisha
from landclaims.core.permissions import GROUP_WORK_WRITERS, require_writer
from landclaims.core.services import district_record_check
from landclaims.core.text import ascii_digits
from landclaims.core.updates import apply_changes
from landclaims.groups.models import LandlessGroup
from landclaims.parcels.models import Parcel
from landclaims.parcels.services import checked_boundary, entered_area
from landclaims.places.models import AdminArea


@dataclass(frozen=True)
class MemberGroup:
    """A member group as a form or the API gives it: its shares and what it paid in taka."""

    group: LandlessGroup
    shares: int = 0
    contribution_taka: Decimal | int | str = 0
    joined_on: date | None = None


@transaction.atomic
def cooperative_create(
    *,
    organisation: Organisation,
    district: AdminArea,
    name_bn: str,
    name_en: str = "",
    formed_on: date | None = None,
    registration_no: str = "",
    registered_on: date | None = None,
    animator: str = "",
    monitoring_partner: Organisation | None = None,
    members: list[MemberGroup] | tuple[MemberGroup, ...] = (),
    by: Any = None,
) -> Cooperative:
    """Record a cooperative with its member groups (each visible to `by` and of the same
    organisation); a registration date needs the registration number."""
    require_writer(by, GROUP_WORK_WRITERS)
    _check_district(by, organisation, district)
    cooperative = Cooperative(
        organisation=organisation,
        district=district,
        name_bn=name_bn.strip(),
        name_en=name_en.strip(),
        formed_on=formed_on,
        registration_no=ascii_digits(registration_no.strip()),
        registered_on=registered_on,
        animator=animator.strip(),
        monitoring_partner=monitoring_partner,
    )
    _check_cooperative(cooperative)
    cooperative.full_clean()
    cooperative.save()
    if len({m.group.pk for m in members}) != len(members):
        raise ValidationError({"groups": _("A group is listed twice.")})
    for member in members:
        _save_share(cooperative, member, by)
    return cooperative


def _check_district(by: Any, organisation: Organisation, district: AdminArea | None) -> None:
    district_record_check(
        by=by,
        organisation=organisation,
        district=district,
        wrong_organisation=_("You may record cooperatives only for your organisation."),
        missing=_("Choose a district."),
    )


def _check_cooperative(cooperative: Cooperative) -> None:
    # The database refuses it too (cooperative_registration_has_number); this names the field.
    if cooperative.registered_on is not None and not cooperative.registration_no:
        raise ValidationError(
            {"registration_no": _("A registered cooperative needs its registration number.")}
        )
    today = timezone.localdate()
    for name in ("formed_on", "registered_on"):
        on = getattr(cooperative, name)
        if on is not None and on > today:
            raise ValidationError({name: _("This date is in the future.")})
    if cooperative.monitoring_partner_id == cooperative.organisation_id:
        raise ValidationError(
            {"monitoring_partner": _("The monitoring partner is another organisation.")}
        )


def _check_group(cooperative: Cooperative, group: LandlessGroup, by: Any) -> None:
    if group.organisation_id != cooperative.organisation_id:
        raise ValidationError({"groups": _("That group belongs to another organisation.")})
    if by is not None and not LandlessGroup.objects.visible_to(by).filter(pk=group.pk).exists():
        raise ValidationError({"groups": _("That group lies in districts you do not work in.")})


def _save_share(cooperative: Cooperative, member: MemberGroup, by: Any) -> CooperativeShare:
    _check_group(cooperative, member.group, by)
    if member.shares < 0:
        raise ValidationError({"shares": _("Shares cannot be negative.")})
    share = CooperativeShare.objects.filter(cooperative=cooperative, group=member.group).first()
    share = share or CooperativeShare(cooperative=cooperative, group=member.group)
    share.shares = member.shares
    share.contribution_poisha = poisha(member.contribution_taka, field="contribution_taka")
    share.joined_on = member.joined_on
    share.full_clean()
    share.save()
    return share


COOPERATIVE_EDITABLE = (
    "name_bn", "name_en", "formed_on", "registration_no", "registered_on", "animator",
    "monitoring_partner",
)  # fmt: skip


@transaction.atomic
def cooperative_update(
    *,
    cooperative: Cooperative,
    by: Any,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    seen: Mapping[str, Any] | None = None,
) -> Cooperative:
    """Correct a cooperative's own fields (COOPERATIVE_EDITABLE); its organisation and
    district are fixed. Refused when someone saved it since `expected_version`."""
    require_writer(by, GROUP_WORK_WRITERS)
    cooperative = _locked(cooperative, expected_version, seen)
    changes = dict(changes)
    for name in ("name_bn", "name_en", "animator", "registration_no"):
        if name in changes:
            changes[name] = (changes[name] or "").strip()
    if "registration_no" in changes:
        changes["registration_no"] = ascii_digits(changes["registration_no"])
    for name in set(changes) & set(COOPERATIVE_EDITABLE):
        setattr(cooperative, name, changes[name])
    _check_cooperative(cooperative)
    bump_version(cooperative)
    return apply_changes(cooperative, changes, editable=COOPERATIVE_EDITABLE)


def _locked(
    cooperative: Cooperative, expected: int | None, seen: Mapping[str, Any] | None = None
) -> Cooperative:
    locked = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
    check_version(locked, expected=expected, seen=seen)
    return locked


@transaction.atomic
def cooperative_group_add(
    *,
    cooperative: Cooperative,
    member: MemberGroup,
    by: Any,
    expected_version: int | None = None,
) -> CooperativeShare:
    """Add a member group, or change the shares and contribution of one already in it."""
    require_writer(by, GROUP_WORK_WRITERS)
    cooperative = _locked(cooperative, expected_version)
    share = _save_share(cooperative, member, by)
    bump_version(cooperative)
    cooperative.save(update_fields=["version", "updated_at"])
    return share


@transaction.atomic
def cooperative_group_remove(
    *,
    cooperative: Cooperative,
    group: LandlessGroup,
    by: Any,
    expected_version: int | None = None,
) -> None:
    """A group leaves the cooperative (its share goes; the audit keeps the record)."""
    require_writer(by, GROUP_WORK_WRITERS)
    cooperative = _locked(cooperative, expected_version)
    deleted, _rows = CooperativeShare.objects.filter(cooperative=cooperative, group=group).delete()
    if not deleted:
        raise ValidationError({"groups": _("That group is not a member of this cooperative.")})
    bump_version(cooperative)
    cooperative.save(update_fields=["version", "updated_at"])


# Land ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LandPlace:
    """Where the land is and how big: the boundary drawn (checked, never repaired), else
    the khas parcel's; the area as written (value and unit), else the boundary's."""

    geom: GEOSGeometry | None
    area_m2: Decimal | None


@transaction.atomic
def cooperative_land_add(
    *,
    cooperative: Cooperative,
    tenure: str,
    description: str = "",
    mouza: AdminArea | None = None,
    parcel: Parcel | None = None,
    geom: GEOSGeometry | None = None,
    area_value: Decimal | str | None = None,
    area_unit: str = "",
    from_on: date | None = None,
    to_on: date | None = None,
    lease_rent_taka: Decimal | int | str | None = None,
    by: Any = None,
) -> CooperativeLand:
    """Record land the cooperative farms, with its tenure."""
    require_writer(by, GROUP_WORK_WRITERS)
    _check_parcel(cooperative, parcel, tenure, by)
    mouza = mouza or (parcel.mouza if parcel is not None else None)
    _check_mouza(cooperative, mouza)
    place = _land_place(cooperative, parcel, geom, area_value, area_unit)
    land = CooperativeLand(
        cooperative=cooperative,
        tenure=tenure,
        description=description.strip(),
        mouza=mouza,
        parcel=parcel,
        area_m2=place.area_m2,
        geom=place.geom,
        from_on=from_on,
        to_on=to_on,
        lease_rent_poisha=_rent(tenure, lease_rent_taka),
    )
    _check_land_dates(land)
    land.full_clean()
    land.save()
    return land


def _check_parcel(cooperative: Cooperative, parcel: Parcel | None, tenure: str, by: Any) -> None:
    if parcel is None:
        return
    if tenure != CooperativeLand.Tenure.KHAS_SETTLED:
        raise ValidationError(
            {"parcel": _("Only khas land settled on the cooperative comes from a khas parcel.")}
        )
    if parcel.organisation_id != cooperative.organisation_id:
        raise ValidationError({"parcel": _("It belongs to another organisation.")})
    if by is not None and not Parcel.objects.visible_to(by).filter(pk=parcel.pk).exists():
        raise ValidationError({"parcel": _("It lies in districts you do not work in.")})


def _check_mouza(cooperative: Cooperative, mouza: AdminArea | None) -> None:
    if mouza is None:
        return
    if mouza.level != AdminArea.Level.MOUZA:
        raise ValidationError({"mouza": _("Choose a mouza.")})
    # The land is seen by whoever sees the cooperative, so it stays in the cooperative's
    # district: land elsewhere would show to people who do not work there.
    if mouza.district_id != cooperative.district_id:
        raise ValidationError({"mouza": _("This mouza is outside the cooperative's district.")})


def _land_place(
    cooperative: Cooperative,
    parcel: Parcel | None,
    geom: GEOSGeometry | None,
    area_value: Decimal | str | None,
    area_unit: str,
) -> LandPlace:
    stored, _srid = checked_boundary(geom)
    if stored is None and parcel is not None:
        stored = parcel.geom
    organisation = Organisation.objects.get(pk=cooperative.organisation_id)
    written = entered_area(area_value, area_unit, organisation=organisation)
    if written is not None:
        return LandPlace(stored, written.m2)
    if geom is None and parcel is not None and parcel.area_m2 is not None:
        return LandPlace(stored, parcel.area_m2)
    if stored is not None:
        area = Decimal(str(round(geodesic_area_m2(to_shapely(stored)), 2)))
        return LandPlace(stored, area)
    return LandPlace(None, None)


def _rent(tenure: str, lease_rent_taka: Decimal | int | str | None) -> int | None:
    if lease_rent_taka in (None, ""):
        return None
    if tenure != CooperativeLand.Tenure.LEASED:
        raise ValidationError({"lease_rent_taka": _("Only leased land pays a rent.")})
    return poisha(lease_rent_taka, field="lease_rent_taka")


def _check_land_dates(land: CooperativeLand) -> None:
    today = timezone.localdate()
    if land.from_on is not None and land.from_on > today:
        raise ValidationError({"from_on": _("This date is in the future.")})
    if land.to_on is not None and land.from_on is not None and land.to_on < land.from_on:
        raise ValidationError({"to_on": _("The land cannot be given up before it was taken.")})


LAND_EDITABLE = ("tenure", "description", "mouza", "from_on", "to_on")


@transaction.atomic
def cooperative_land_update(
    *, land: CooperativeLand, by: Any, changes: Mapping[str, Any]
) -> CooperativeLand:
    """Correct a plot: its plain fields (LAND_EDITABLE), its rent (`lease_rent_taka`), its
    boundary (`geom`, checked like a new one) or its area as written (`area_value`,
    `area_unit`)."""
    require_writer(by, GROUP_WORK_WRITERS)
    land = CooperativeLand.objects.select_for_update().select_related("cooperative").get(pk=land.pk)
    changes = dict(changes)
    tenure = changes.get("tenure", land.tenure)
    if "lease_rent_taka" in changes:
        changes["lease_rent_poisha"] = _rent(tenure, changes.pop("lease_rent_taka"))
    elif tenure != CooperativeLand.Tenure.LEASED:
        changes["lease_rent_poisha"] = None
    if land.parcel_id is not None and tenure != CooperativeLand.Tenure.KHAS_SETTLED:
        raise ValidationError(
            {"tenure": _("Land from a khas parcel stays khas land settled on the cooperative.")}
        )
    if "mouza" in changes:
        _check_mouza(land.cooperative, changes["mouza"])
    changes.update(_place_changes(land, changes))
    for name in ("from_on", "to_on"):
        if name in changes:
            setattr(land, name, changes[name])
    _check_land_dates(land)
    return apply_changes(
        land, changes, editable=(*LAND_EDITABLE, "lease_rent_poisha", "geom", "area_m2")
    )


def _place_changes(land: CooperativeLand, changes: dict[str, Any]) -> dict[str, Any]:
    geom = changes.pop("geom", None)
    area_value = changes.pop("area_value", None)
    area_unit = changes.pop("area_unit", "")
    if geom is None and area_value in (None, ""):
        return {}
    place = _land_place(land.cooperative, None, geom, area_value, area_unit)
    found: dict[str, Any] = {}
    if geom is not None:
        found["geom"] = place.geom
    if area_value not in (None, "") or geom is not None:
        found["area_m2"] = place.area_m2
    return found


@transaction.atomic
def cooperative_land_end(*, land: CooperativeLand, to_on: date, by: Any) -> CooperativeLand:
    """The cooperative no longer farms this land from `to_on` (lease ended, land lost)."""
    require_writer(by, GROUP_WORK_WRITERS)
    if land.to_on is not None:
        raise ValidationError({"to_on": _("This land was already given up.")})
    if to_on > timezone.localdate():
        raise ValidationError({"to_on": _("This date is in the future.")})
    return cooperative_land_update(land=land, by=by, changes={"to_on": to_on})


# Production ---------------------------------------------------------------------------------


@transaction.atomic
def production_record(
    *,
    cooperative: Cooperative,
    activity: str,
    season: str,
    year: int,
    land: CooperativeLand | None = None,
    detail: str = "",
    area_value: Decimal | str | None = None,
    area_unit: str = "",
    output_quantity: Decimal | None = None,
    output_unit: str = "",
    sales_taka: Decimal | int | str | None = 0,
    costs_taka: Decimal | int | str | None = 0,
    by: Any = None,
) -> Production:
    """A season's harvest or other collective production, with its sales and costs."""
    require_writer(by, GROUP_WORK_WRITERS)
    if land is not None and land.cooperative_id != cooperative.pk:
        raise ValidationError({"land": _("That land is another cooperative's.")})
    if year > timezone.localdate().year:
        raise ValidationError({"year": _("This year has not come yet.")})
    if output_quantity is not None and output_quantity < 0:
        raise ValidationError({"output_quantity": _("The output cannot be negative.")})
    if output_quantity is not None and not output_unit:
        raise ValidationError({"output_unit": _("Give the unit the output was counted in.")})
    organisation = Organisation.objects.get(pk=cooperative.organisation_id)
    area = entered_area(area_value, area_unit, organisation=organisation)
    production = Production(
        cooperative=cooperative,
        land=land,
        activity=activity,
        detail=detail.strip(),
        season=season,
        year=year,
        area_m2=area.m2 if area else None,
        output_quantity=output_quantity,
        output_unit=output_unit if output_quantity is not None else "",
        sales_poisha=poisha(sales_taka, field="sales_taka"),
        costs_poisha=poisha(costs_taka, field="costs_taka"),
    )
    production.full_clean()
    production.save()
    return production
