"""Writes for landless groups and their members."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from landclaims.core.models import Organisation
from landclaims.core.permissions import CLAIM_WRITERS, require_writer
from landclaims.core.updates import apply_changes
from landclaims.groups.models import LandlessGroup, Member
from landclaims.places.models import Village


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
    by: Any = None,
) -> LandlessGroup:
    require_writer(by, CLAIM_WRITERS)
    group = LandlessGroup(
        organisation=organisation,
        name_bn=name_bn.strip(),
        name_en=name_en.strip(),
        sex=sex,
        village=village,
        formed_on=formed_on,
        members_women=members_women,
        members_men=members_men,
    )
    group.full_clean()
    group.save()
    return group


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
    by: Any = None,
) -> Member:
    require_writer(by, CLAIM_WRITERS)
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
    )
    member.full_clean()
    member.save()
    return member


def _check_spouse(group: LandlessGroup, spouse: Member | None) -> None:
    if spouse is not None and spouse.group.organisation_id != group.organisation_id:
        raise ValidationError(
            {"spouse": _("The spouse must be recorded in the same organisation.")}
        )


# The organisation a group or member belongs to is fixed; everything else may be corrected.
GROUP_EDITABLE = (
    "name_bn", "name_en", "sex", "village", "formed_on", "members_women", "members_men",
)  # fmt: skip
MEMBER_EDITABLE = (
    "code", "name_bn", "name_en", "nid", "phone", "sex", "is_household_head", "spouse",
    "priority_category", "joined_on",
)  # fmt: skip


@transaction.atomic
def group_update(*, group: LandlessGroup, by: Any, changes: Mapping[str, Any]) -> LandlessGroup:
    require_writer(by, CLAIM_WRITERS)
    group = LandlessGroup.objects.select_for_update().get(pk=group.pk)
    changes = {k: v.strip() if k in ("name_bn", "name_en") else v for k, v in changes.items()}
    return apply_changes(group, changes, editable=GROUP_EDITABLE)


@transaction.atomic
def member_update(*, member: Member, by: Any, changes: Mapping[str, Any]) -> Member:
    require_writer(by, CLAIM_WRITERS)
    member = Member.objects.select_for_update().select_related("group").get(pk=member.pk)
    if "spouse" in changes:
        _check_spouse(member.group, changes["spouse"])
    if "code" in changes:
        changes = {**changes, "code": changes["code"].strip()}
    return apply_changes(member, changes, editable=MEMBER_EDITABLE)
