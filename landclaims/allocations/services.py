"""Writes for allocations: the settlement outcome of a claim, and who holds the land now.

Every write after the first locks the allocation's row and raises its `version`: a form or
an API call carries the version it was loaded at (`expected_version`), so a save from a
stale page is refused with what changed instead of overwriting someone else's work.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from landclaims.allocations.models import Allocation, Holder
from landclaims.claims.models import Claim
from landclaims.core.concurrency import bump_version, check_version
from landclaims.core.permissions import CLAIM_WRITERS, require_writer
from landclaims.core.scoping import scope_for
from landclaims.core.templatetags.lc_format import day
from landclaims.core.text import ascii_digits
from landclaims.core.updates import apply_changes
from landclaims.core.validation import check_event_date
from landclaims.groups.models import LandlessGroup, Member
from landclaims.parcels.models import Parcel
from landclaims.parcels.services import entered_area

# Paper numbers typed with Bengali digits are stored with ASCII ones.
NUMBER_FIELDS = ("kabuliyat_no", "dcr_no", "deed_registration_no", "mutation_case_no")


@transaction.atomic
def allocation_record(
    *,
    parcel: Parcel,
    area_value: Any,
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
    deed_registration_no: str = "",
    mutation_case_no: str = "",
    outside_policy: bool = False,
    held_by: str = Holder.RECIPIENTS,
    held_since: date | None = None,
    holding_note: str = "",
    by: Any = None,
) -> Allocation:
    """Record who got how much of a parcel. When the recipients are named, whether it was
    won outside the 1997 policy follows from their priority categories; otherwise it is as
    given."""
    require_writer(by, CLAIM_WRITERS)
    organisation = parcel.organisation
    _check_in_scope(by, parcel)
    _check_links(organisation.pk, parcel=parcel, claim=claim, group=group, members=members)
    area = entered_area(area_value, area_unit, organisation=organisation)
    if area is None:
        raise ValidationError({"area_value": _("Give the settled area as written.")})
    _check_area(parcel, area.m2)
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
        kabuliyat_no=ascii_digits(kabuliyat_no).strip(),
        kabuliyat_on=kabuliyat_on,
        dcr_no=ascii_digits(dcr_no).strip(),
        approved_on=approved_on,
        registered_on=registered_on,
        deed_registration_no=ascii_digits(deed_registration_no).strip(),
        mutation_case_no=ascii_digits(mutation_case_no).strip(),
        held_by=held_by,
        held_since=held_since,
        holding_note=holding_note,
        outside_policy=_outside_policy(members, outside_policy),
    )
    if held_since is not None:
        check_event_date(held_since, previous=None, field="held_since")
    allocation.full_clean()
    allocation.save()
    allocation.members.set(members)
    return allocation


def _check_in_scope(by: Any, parcel: Parcel) -> None:
    """A person records allocations only for their own organisation, in their districts."""
    scope = scope_for(by)
    if by is None or scope is None:
        return
    if scope.organisation_id not in (None, parcel.organisation_id):
        raise ValidationError({"parcel": _("The parcel belongs to another organisation.")})
    district_id = parcel.mouza.district_id
    if scope.district_ids is not None and district_id not in scope.district_ids:
        raise ValidationError({"parcel": _("The parcel lies outside your districts.")})


def _check_links(
    organisation_id: int,
    *,
    parcel: Parcel,
    claim: Claim | None,
    group: LandlessGroup | None,
    members: Sequence[Member],
) -> None:
    if claim is not None:
        if claim.organisation_id != organisation_id:
            raise ValidationError({"claim": _("The claim belongs to another organisation.")})
        if not claim.parcels.filter(pk=parcel.pk).exists():
            raise ValidationError({"parcel": _("The parcel is not part of this claim.")})
    if group is not None:
        if group.organisation_id != organisation_id:
            raise ValidationError({"group": _("The group belongs to another organisation.")})
        if claim is not None and not claim.groups.filter(pk=group.pk).exists():
            raise ValidationError({"group": _("The group is not part of this claim.")})
    _check_members(organisation_id, group, members)


def _check_members(
    organisation_id: int, group: LandlessGroup | None, members: Sequence[Member]
) -> None:
    if not members:
        return
    if any(m.group.organisation_id != organisation_id for m in members):
        raise ValidationError(
            {"members": _("Every member must belong to the parcel's organisation.")}
        )
    if group is None:
        raise ValidationError({"group": _("Name the group the recipients belong to.")})
    strangers = [m.code for m in members if m.group_id != group.pk]
    if strangers:
        raise ValidationError(
            {
                "members": _("Not members of this group: %(codes)s.")
                % {"codes": ", ".join(strangers)}
            }
        )


def _check_area(parcel: Parcel, m2: Any) -> None:
    if parcel.area_m2 is not None and m2 > parcel.area_m2:
        raise ValidationError(
            {"area_value": _("The settled area is larger than the parcel's recorded area.")}
        )


def _outside_policy(members: Sequence[Member], given: bool) -> bool:
    """From the recipients' priority categories when they are named; as given otherwise."""
    if members:
        return any(m.outside_policy for m in members)
    return given


# What may be corrected after recording; the parcel, claim and group stay as recorded, and
# who holds the land changes through allocation_change_holder (its own dated record).
ALLOCATION_EDITABLE = (
    "title", "settled_to_others", "others_note", "names_on_kabuliyat", "kabuliyat_no",
    "kabuliyat_on", "dcr_no", "approved_on", "registered_on", "deed_registration_no",
    "mutation_case_no", "outside_policy", "members", "area_value", "area_unit",
)  # fmt: skip


@transaction.atomic
def allocation_update(
    *,
    allocation: Allocation,
    by: Any,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> Allocation:
    """Correct an allocation's papers, recipients and settled area (ALLOCATION_EDITABLE)."""
    require_writer(by, CLAIM_WRITERS)
    allocation = _locked(allocation.pk, expected_version, seen)
    _check_in_scope(by, allocation.parcel)
    changes = dict(changes)
    refused = sorted(set(changes) - set(ALLOCATION_EDITABLE))
    if refused:
        raise ValidationError(
            _("These fields cannot be changed here: %(names)s.") % {"names": ", ".join(refused)}
        )
    for name in NUMBER_FIELDS:
        if name in changes:
            changes[name] = ascii_digits(changes[name] or "").strip()
    if "area_value" in changes or "area_unit" in changes:
        area = entered_area(
            changes.pop("area_value", allocation.area_value),
            changes.pop("area_unit", allocation.area_unit),
            organisation=allocation.organisation,
        )
        if area is None:
            raise ValidationError({"area_value": _("Give the settled area as written.")})
        _check_area(allocation.parcel, area.m2)
        changes.update(
            area_value=area.value, area_unit=area.unit, area_unit_m2=area.unit_m2, area_m2=area.m2
        )
    members = list(changes["members"]) if "members" in changes else list(allocation.members.all())
    if "members" in changes:
        _check_members(allocation.organisation_id, allocation.group, members)
    changes["outside_policy"] = _outside_policy(
        members, changes.get("outside_policy", allocation.outside_policy)
    )
    bump_version(allocation)
    editable = (*ALLOCATION_EDITABLE, "area_unit_m2", "area_m2")
    return apply_changes(allocation, changes, editable=editable)


@transaction.atomic
def allocation_change_holder(
    *,
    allocation: Allocation,
    held_by: str,
    since: date,
    note: str = "",
    by: Any,
    expected_version: int | None = None,
) -> Allocation:
    """Record who holds the settled land now, and since when: paper title and possession
    part ways. The audit trail keeps every earlier holder."""
    require_writer(by, CLAIM_WRITERS)
    allocation = _locked(allocation.pk, expected_version, None)
    _check_in_scope(by, allocation.parcel)
    if held_by not in Holder.values:
        raise ValidationError({"held_by": _("Choose who holds the land.")})
    check_event_date(since, previous=allocation.held_since, field="since")
    if allocation.kabuliyat_on is not None and since < allocation.kabuliyat_on:
        raise ValidationError(
            {
                "since": _("%(on)s is before the kabuliyat, dated %(kabuliyat)s.")
                % {"on": day(since), "kabuliyat": day(allocation.kabuliyat_on)}
            }
        )
    allocation.held_by = held_by
    allocation.held_since = since
    allocation.holding_note = note.strip()
    bump_version(allocation)
    allocation.full_clean()
    allocation.save()
    return allocation


def _locked(
    allocation_id: int, expected_version: int | None, seen: Mapping[str, str] | None
) -> Allocation:
    allocation = (
        Allocation.objects.select_for_update(of=("self",))
        .select_related("parcel__mouza", "organisation", "group")
        .get(pk=allocation_id)
    )
    check_version(allocation, expected=expected_version, seen=seen)
    return allocation
