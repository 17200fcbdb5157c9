"""Writes for landless groups and their members.

Every write to an existing group or member locks its row and raises its `version`: a form
carries the version it was loaded at (`expected_version`) and the values it showed (`seen`),
so a save from a stale page is refused with what changed (core/concurrency.py).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from landclaims.core.concurrency import bump_version, check_version
from landclaims.core.models import Organisation
from landclaims.core.permissions import CLAIM_WRITERS, require_writer
from landclaims.core.scoping import scope_for
from landclaims.core.updates import apply_changes
from landclaims.core.validation import check_event_date
from landclaims.groups.models import LandlessGroup, Member
from landclaims.places.models import Village

# Who registers groups and records their members: organisers, legal staff and admins, the
# roles that also read members' names (core.permissions.GROUP_NAME_READERS).
GROUP_WRITERS = CLAIM_WRITERS


@transaction.atomic
def group_create(
    *,
    organisation: Organisation,
    name_bn: str,
    sex: str,
    village: Village,
    name_en: str = "",
    formed_on: date | None = None,
    members_women: int = 0,
    members_men: int = 0,
    meeting_day: str = "",
    by: Any = None,
) -> LandlessGroup:
    require_writer(by, GROUP_WRITERS)
    _check_in_scope(by, organisation, village)
    if formed_on is not None:
        check_event_date(formed_on, previous=None, field="formed_on")
    group = LandlessGroup(
        organisation=organisation,
        name_bn=name_bn.strip(),
        name_en=name_en.strip(),
        sex=sex,
        village=village,
        formed_on=formed_on,
        members_women=members_women,
        members_men=members_men,
        meeting_day=meeting_day,
    )
    group.full_clean()
    group.save()
    return group


def _check_in_scope(by: Any, organisation: Organisation | None, village: Village | None) -> None:
    """A person registers groups only for their own organisation and in their own districts
    (the district of the village's union)."""
    scope = scope_for(by)
    if by is None or scope is None:
        return
    if organisation is not None and scope.organisation_id not in (None, organisation.pk):
        raise ValidationError(
            {"organisation": _("You may register groups only for your organisation.")}
        )
    if village is None or scope.district_ids is None:
        return
    if village.union.district_id not in scope.district_ids:
        raise ValidationError(
            {"village": _("This village lies outside your districts; choose one of yours.")}
        )


@transaction.atomic
def member_create(
    *,
    group: LandlessGroup,
    code: str,
    sex: str,
    priority_category: str,
    name_bn: str = "",
    name_en: str = "",
    nid: str = "",
    phone: str = "",
    is_household_head: bool = False,
    spouse: Member | None = None,
    joined_on: date | None = None,
    role: str = Member.Role.MEMBER,
    landless_status: str = Member.Landless.NOT_CHECKED,
    landless_checked_on: date | None = None,
    by: Any = None,
) -> Member:
    require_writer(by, GROUP_WRITERS)
    _check_spouse(group, spouse)
    member = Member(
        group=group,
        code=code.strip(),
        sex=sex,
        priority_category=priority_category,
        name_bn=name_bn,
        name_en=name_en,
        nid=nid,
        phone=phone,
        is_household_head=is_household_head,
        spouse=spouse,
        joined_on=joined_on,
        role=role,
        landless_status=landless_status,
        landless_checked_on=landless_checked_on,
    )
    _check_member_dates(member)
    member.full_clean()
    member.save()
    return member


def _check_spouse(group: LandlessGroup, spouse: Member | None) -> None:
    if spouse is not None and spouse.group.organisation_id != group.organisation_id:
        raise ValidationError(
            {"spouse": _("The spouse must be recorded in the same organisation.")}
        )


def _check_member_dates(member: Member) -> None:
    """The messages for what the database also refuses (member_check_date_needs_result)."""
    for name in ("joined_on", "landless_checked_on"):
        on = getattr(member, name)
        if on is not None:
            check_event_date(on, previous=None, field=name)
    if member.landless_checked_on is not None and (
        member.landless_status == Member.Landless.NOT_CHECKED
    ):
        raise ValidationError(
            {"landless_status": _("Give the result of the check made on that day.")}
        )


# The organisation a group or member belongs to is fixed; everything else may be corrected.
# A member leaves through member_leave, which keeps the record.
GROUP_EDITABLE = (
    "name_bn", "name_en", "sex", "village", "formed_on", "members_women", "members_men",
    "meeting_day",
)  # fmt: skip
MEMBER_EDITABLE = (
    "code", "name_bn", "name_en", "nid", "phone", "sex", "is_household_head", "spouse",
    "priority_category", "joined_on", "role", "landless_status", "landless_checked_on",
)  # fmt: skip


@transaction.atomic
def group_update(
    *,
    group: LandlessGroup,
    by: Any,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    seen: Mapping[str, Any] | None = None,
) -> LandlessGroup:
    """Correct a group's names, kind, village, dates and typed counts (GROUP_EDITABLE)."""
    require_writer(by, GROUP_WRITERS)
    group = LandlessGroup.objects.select_for_update().get(pk=group.pk)
    check_version(group, expected=expected_version, seen=seen)
    if "village" in changes:
        _check_in_scope(by, None, changes["village"])
    if changes.get("formed_on") is not None:
        check_event_date(changes["formed_on"], previous=None, field="formed_on")
    changes = {k: v.strip() if k in ("name_bn", "name_en") else v for k, v in changes.items()}
    bump_version(group)
    return apply_changes(group, changes, editable=GROUP_EDITABLE)


@transaction.atomic
def member_update(
    *,
    member: Member,
    by: Any,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    seen: Mapping[str, Any] | None = None,
) -> Member:
    """Correct a member's record (MEMBER_EDITABLE); leaving is member_leave."""
    require_writer(by, GROUP_WRITERS)
    member = _locked_member(member, expected_version, seen)
    if "spouse" in changes:
        _check_spouse(member.group, changes["spouse"])
    if "code" in changes:
        changes = {**changes, "code": changes["code"].strip()}
    probe = copy.copy(member)
    for name in ("joined_on", "landless_status", "landless_checked_on"):
        if name in changes:
            setattr(probe, name, changes[name])
    _check_member_dates(probe)
    if (
        probe.left_on is not None
        and probe.joined_on is not None
        and probe.left_on < probe.joined_on
    ):
        raise ValidationError(
            {"joined_on": _("The member left on %(on)s, before this date.") % {"on": probe.left_on}}
        )
    bump_version(member)
    return apply_changes(member, changes, editable=MEMBER_EDITABLE)


@transaction.atomic
def member_leave(
    *,
    member: Member,
    on: date,
    reason: str = "",
    by: Any,
    expected_version: int | None = None,
) -> Member:
    """The member left the group on `on`: the record stays (claims, allocations and cases
    name it), no longer counted among the group's members."""
    require_writer(by, GROUP_WRITERS)
    member = _locked_member(member, expected_version, None)
    if member.left_on is not None:
        raise ValidationError(
            {"left_on": _("This member already left on %(on)s.") % {"on": member.left_on}}
        )
    check_event_date(on, previous=None, field="left_on")
    if member.joined_on is not None and on < member.joined_on:
        raise ValidationError(
            {
                "left_on": _("The member joined on %(joined)s; they cannot leave before that.")
                % {"joined": member.joined_on}
            }
        )
    member.left_on = on
    member.left_reason = reason.strip()
    bump_version(member)
    member.full_clean()
    member.save()
    return member


def _locked_member(
    member: Member, expected_version: int | None, seen: Mapping[str, Any] | None
) -> Member:
    locked = Member.objects.select_for_update().select_related("group").get(pk=member.pk)
    check_version(locked, expected=expected_version, seen=seen)
    return locked
