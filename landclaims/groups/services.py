"""Writes for landless groups and their members."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from landclaims.core.models import Organisation
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
) -> LandlessGroup:
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
) -> Member:
    if spouse is not None and spouse.group.organisation_id != group.organisation_id:
        raise ValidationError(
            {"spouse": _("The spouse must be recorded in the same organisation.")}
        )
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
