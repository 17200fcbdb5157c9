"""Writes for administrative areas and villages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.gis.geos import MultiPolygon, Point
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from landclaims.core.db import reserve_ids
from landclaims.core.text import ascii_digits
from landclaims.core.updates import apply_changes
from landclaims.places.models import AdminArea, MouzaJlNo, Village

# Which level may sit under which: the BBS hierarchy, with city corporations and
# paurashavas beside upazilas and unions.
PARENT_LEVELS: dict[str, set[str]] = {
    AdminArea.Level.DISTRICT: {AdminArea.Level.DIVISION},
    AdminArea.Level.UPAZILA: {AdminArea.Level.DISTRICT},
    AdminArea.Level.CITY_CORPORATION: {AdminArea.Level.DISTRICT},
    AdminArea.Level.UNION: {AdminArea.Level.UPAZILA},
    AdminArea.Level.PAURASHAVA: {AdminArea.Level.UPAZILA},
    AdminArea.Level.WARD: {AdminArea.Level.CITY_CORPORATION, AdminArea.Level.PAURASHAVA},
    AdminArea.Level.MOUZA: {
        AdminArea.Level.UNION,
        AdminArea.Level.PAURASHAVA,
        AdminArea.Level.WARD,
    },
}


@transaction.atomic
def admin_area_create(
    *,
    level: str,
    name_en: str,
    name_bn: str,
    parent: AdminArea | None = None,
    bbs_code: str = "",
    hdx_pcode: str = "",
    geom: MultiPolygon | None = None,
    centre: Point | None = None,
) -> AdminArea:
    _check_parent(level, parent)
    area = AdminArea(
        level=level,
        name_en=name_en,
        name_bn=name_bn,
        parent=parent,
        bbs_code=bbs_code,
        hdx_pcode=hdx_pcode,
        geom=geom,
        centre=centre,
        district=_district_of(parent),
        path="/",
    )
    area.full_clean(exclude=["path"])
    area.save()
    area.path = f"{parent.path if parent else '/'}{area.pk}/"
    area.save(update_fields=["path"])
    return area


def _check_parent(level: str, parent: AdminArea | None) -> None:
    if level == AdminArea.Level.DIVISION:
        if parent is not None:
            raise ValidationError({"parent": _("A division has no parent area.")})
        return
    allowed = PARENT_LEVELS[level]
    if parent is None or parent.level not in allowed:
        raise ValidationError(
            {
                "parent": _("A %(level)s must lie in a %(allowed)s.")
                % {"level": level, "allowed": " or ".join(sorted(allowed))}
            }
        )


def _district_of(parent: AdminArea | None) -> AdminArea | None:
    if parent is None or parent.level == AdminArea.Level.DIVISION:
        return None
    if parent.level == AdminArea.Level.DISTRICT:
        return parent
    return parent.district


@transaction.atomic
def village_create(
    *,
    union: AdminArea,
    name_en: str,
    name_bn: str,
    bbs_code: str = "",
    location: Point | None = None,
    mouzas: list[AdminArea] | None = None,
) -> Village:
    if union.level not in {AdminArea.Level.UNION, AdminArea.Level.PAURASHAVA, AdminArea.Level.WARD}:
        raise ValidationError({"union": _("A village lies in a union, paurashava or ward.")})
    village = Village(
        union=union, name_en=name_en, name_bn=name_bn, bbs_code=bbs_code, location=location
    )
    village.full_clean()
    village.save()
    if mouzas:
        _check_mouzas(mouzas)
        village.mouzas.set(mouzas)
    return village


def _check_mouzas(mouzas: Any) -> None:
    if any(m.level != AdminArea.Level.MOUZA for m in mouzas):
        raise ValidationError({"mouzas": _("Choose mouzas only.")})


# An area's place in the tree (level, parent, and so its path and district) is fixed once it
# is created: every area filter depends on it.
ADMIN_AREA_EDITABLE = ("name_en", "name_bn", "bbs_code", "hdx_pcode", "geom", "centre")
VILLAGE_EDITABLE = ("name_en", "name_bn", "bbs_code", "location", "mouzas")


@transaction.atomic
def admin_area_update(*, area: AdminArea, changes: Mapping[str, Any]) -> AdminArea:
    area = AdminArea.objects.select_for_update().get(pk=area.pk)
    return apply_changes(area, changes, editable=ADMIN_AREA_EDITABLE)


@transaction.atomic
def village_update(*, village: Village, changes: Mapping[str, Any]) -> Village:
    village = Village.objects.select_for_update().get(pk=village.pk)
    if "mouzas" in changes:
        _check_mouzas(changes["mouzas"])
    return apply_changes(village, changes, editable=VILLAGE_EDITABLE)


@transaction.atomic
def mouza_jl_no_add(*, mouza: AdminArea, survey: str, jl_no: str) -> MouzaJlNo:
    """Record a mouza's JL number in one survey series (one per series)."""
    if mouza.level != AdminArea.Level.MOUZA:
        raise ValidationError({"mouza": _("Only a mouza has JL numbers.")})
    record = MouzaJlNo(mouza=mouza, survey=survey, jl_no=ascii_digits(jl_no).strip())
    record.full_clean()
    record.save()
    return record


# Rows per INSERT of a bulk load: a mouza list of 180,000 in one statement would hold
# 1.6 million parameters in memory at once.
BULK_BATCH = 5000


@transaction.atomic
def admin_area_bulk_create(
    families: list[tuple[AdminArea | None, list[AdminArea]]],
) -> list[AdminArea]:
    """Create many areas at once (reference data loads), with their paths: each
    (parent, areas) pair gives areas of one parent (None for divisions). All the pairs go
    in a few statements rather than one per parent (the demo's 4,500 unions have mouzas)."""
    count = sum(len(areas) for _, areas in families)
    ids = iter(reserve_ids(AdminArea._meta.db_table, count))
    created = []
    for parent, areas in families:
        prefix = parent.path if parent else "/"
        district = _district_of(parent)
        for area in areas:
            _check_parent(area.level, parent)
            area.pk = next(ids)
            area.path = f"{prefix}{area.pk}/"
            area.parent, area.district = parent, district
            created.append(area)
    return AdminArea.objects.bulk_create(created, batch_size=BULK_BATCH)
