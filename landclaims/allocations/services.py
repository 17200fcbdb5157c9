"""Writes for allocations: the settlement outcome of a claim."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from landclaims.allocations.models import Allocation
from landclaims.claims.models import Claim
from landclaims.core.permissions import CLAIM_WRITERS, require_writer
from landclaims.core.updates import apply_changes
from landclaims.groups.models import LandlessGroup, Member
from landclaims.parcels.models import Parcel
from landclaims.parcels.services import entered_area


@transaction.atomic
def allocation_record(
    *,
    parcel: Parcel,
    area_value: str,
    area_unit: str,
    claim: Claim | None = None,
    group: LandlessGroup | None = None,
    members: Sequence[Member] = (),
    title: str = "",
    settled_to_others: bool = False,
    others_note: str = "",
    names_on_kabuliyat: str = "",
    kabuliyat_no: str = "",
    kabuliyat_on: date | None = None,
    dcr_no: str = "",
    approved_on: date | None = None,
    registered_on: date | None = None,
    by: Any = None,
) -> Allocation:
    """Record who got how much of a parcel; flags members the 1997 policy leaves out."""
    require_writer(by, CLAIM_WRITERS)
    organisation = parcel.organisation
    area = entered_area(area_value, area_unit, organisation=organisation)
    assert area is not None  # area_value is required here
    if claim is not None and not claim.parcels.filter(pk=parcel.pk).exists():
        raise ValidationError({"parcel": _("The parcel is not part of this claim.")})
    if parcel.area_m2 is not None and area.m2 > parcel.area_m2:
        raise ValidationError(
            {"area_value": _("The settled area is larger than the parcel's recorded area.")}
        )
    if any(m.group.organisation_id != organisation.pk for m in members):
        raise ValidationError(
            {"members": _("Every member must belong to the parcel's organisation.")}
        )
    allocation = Allocation(
        organisation=organisation,
        parcel=parcel,
        claim=claim,
        group=group,
        settled_to_others=settled_to_others,
        others_note=others_note,
        area_value=area.value,
        area_unit=area.unit,
        area_unit_m2=area.unit_m2,
        area_m2=area.m2,
        title=title,
        names_on_kabuliyat=names_on_kabuliyat,
        kabuliyat_no=kabuliyat_no,
        kabuliyat_on=kabuliyat_on,
        dcr_no=dcr_no,
        approved_on=approved_on,
        registered_on=registered_on,
        outside_policy=any(m.outside_policy for m in members),
    )
    allocation.full_clean()
    allocation.save()
    allocation.members.set(members)
    return allocation


# The paper details of an allocation may be corrected; the parcel, the area and the members
# (which decide whether it is outside the policy) are recorded once, by allocation_record.
ALLOCATION_EDITABLE = (
    "title", "settled_to_others", "others_note", "names_on_kabuliyat", "kabuliyat_no",
    "kabuliyat_on", "dcr_no", "approved_on", "registered_on",
)  # fmt: skip


@transaction.atomic
def allocation_update(*, allocation: Allocation, by: Any, changes: Mapping[str, Any]) -> Allocation:
    require_writer(by, CLAIM_WRITERS)
    allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
    return apply_changes(allocation, changes, editable=ALLOCATION_EDITABLE)
