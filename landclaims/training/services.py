"""Writes for trainings: the event itself, then who attended it.

Attendance is set as a whole (every group's counts and every named member at once) and
replaces what was there: the attendance form shows it all and saves it all, or nothing.
Every change locks the event and raises its `version` (see core/concurrency.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from landclaims.core.concurrency import bump_version, check_version
from landclaims.core.models import Organisation
from landclaims.core.permissions import GROUP_WORK_WRITERS, require_writer
from landclaims.core.services import district_record_check
from landclaims.core.updates import apply_changes
from landclaims.groups.models import LandlessGroup, Member
from landclaims.places.models import AdminArea
from landclaims.training.models import GroupAttendance, MemberAttendance, TrainingEvent


@transaction.atomic
def training_event_create(
    *,
    organisation: Organisation,
    district: AdminArea,
    title: str,
    tier: str,
    started_on: date,
    ended_on: date | None = None,
    title_bn: str = "",
    topics: Iterable[str] = (),
    place: AdminArea | None = None,
    venue: str = "",
    facilitator: str = "",
    by: Any,
) -> TrainingEvent:
    """A training held (or planned) in `district`; a one-day training ends the day it starts."""
    require_writer(by, GROUP_WORK_WRITERS)
    _check_district(by, organisation, district)
    event = TrainingEvent(
        organisation=organisation,
        district=district,
        title=title.strip(),
        title_bn=title_bn.strip(),
        tier=tier,
        topics=_topics(topics),
        started_on=started_on,
        ended_on=ended_on or started_on,
        place=place,
        venue=venue.strip(),
        facilitator=facilitator.strip(),
    )
    _check_event(event)
    event.full_clean()
    event.save()
    return event


# The organisation and district a training is filed under are fixed.
TRAINING_EDITABLE = ("title", "title_bn", "tier", "topics", "started_on", "ended_on", "place",
                     "venue", "facilitator")  # fmt: skip


@transaction.atomic
def training_event_update(
    *,
    event: TrainingEvent,
    by: Any,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    seen: Mapping[str, Any] | None = None,
) -> TrainingEvent:
    """Correct a training (TRAINING_EDITABLE); refused when someone else saved it since the
    form or the API read it at `expected_version`."""
    require_writer(by, GROUP_WORK_WRITERS)
    event = _locked(event, by)
    check_version(event, expected=expected_version, seen=seen)
    changes = dict(changes)
    for name in ("title", "title_bn", "venue", "facilitator"):
        if name in changes:
            changes[name] = (changes[name] or "").strip()
    if "topics" in changes:
        changes["topics"] = _topics(changes["topics"])
    refused = sorted(set(changes) - set(TRAINING_EDITABLE))
    if refused:
        raise ValidationError(
            _("These fields cannot be changed here: %(names)s.") % {"names": ", ".join(refused)}
        )
    for name, value in changes.items():
        setattr(event, name, value)
    _check_event(event)
    bump_version(event)
    return apply_changes(event, changes, editable=TRAINING_EDITABLE)


@dataclass(frozen=True)
class GroupCount:
    """How many of one group's people came (of one community, where it is recorded)."""

    group: LandlessGroup
    women: int = 0
    men: int = 0
    others: int = 0
    community: str = ""

    @property
    def total(self) -> int:
        return self.women + self.men + self.others


@transaction.atomic
def training_attendance_set(
    *,
    event: TrainingEvent,
    groups: Sequence[GroupCount],
    members: Sequence[Member] = (),
    by: Any,
    expected_version: int | None = None,
) -> TrainingEvent:
    """Replace the training's attendance: each group's counts by sex (and community) and the
    members named. The groups are the organisation's and visible to the person recording;
    each member named belongs to one of the groups that attended. All or nothing."""
    require_writer(by, GROUP_WORK_WRITERS)
    event = _locked(event, by)
    check_version(event, expected=expected_version)
    rows = [row for row in groups if row.total > 0]
    _check_group_rows(by, event, rows)
    _check_members(by, members, {row.group.pk for row in rows})
    event.group_attendance.all().delete()
    event.member_attendance.all().delete()
    for row in rows:
        attendance = GroupAttendance(
            event=event,
            group=row.group,
            community=row.community,
            women=row.women,
            men=row.men,
            others=row.others,
        )
        attendance.full_clean()
        attendance.save()
    MemberAttendance.objects.bulk_create(
        [MemberAttendance(event=event, member=member) for member in members]
    )
    bump_version(event)
    event.save(update_fields=["version", "updated_at"])
    return event


def _locked(event: TrainingEvent, by: Any) -> TrainingEvent:
    """The event, row-locked; refused as missing when the person may not see it."""
    events = TrainingEvent.objects.select_for_update()
    if by is not None:
        events = events.filter(pk__in=TrainingEvent.objects.visible_to(by).values("pk"))
    try:
        return events.get(pk=event.pk)
    except TrainingEvent.DoesNotExist:
        raise ValidationError(_("You may not change this training.")) from None


def _topics(topics: Iterable[str]) -> list[str]:
    # Each topic once, in the order given.
    return list(dict.fromkeys(topics))


def _check_event(event: TrainingEvent) -> None:
    if event.ended_on < event.started_on:
        raise ValidationError({"ended_on": _("The training cannot end before it starts.")})
    place = event.place
    if place is not None and not place.path.startswith(event.district.path):
        raise ValidationError(
            {"place": _("The place is not in the district the training is filed under.")}
        )


def _check_district(by: Any, organisation: Organisation, district: AdminArea | None) -> None:
    district_record_check(
        by=by,
        organisation=organisation,
        district=district,
        wrong_organisation=_("You may record trainings only for your organisation."),
        missing=_("Choose a district."),
    )


def _check_group_rows(by: Any, event: TrainingEvent, rows: Sequence[GroupCount]) -> None:
    seen: set[tuple[int, str]] = set()
    visible = LandlessGroup.objects.visible_to(by) if by is not None else None
    for row in rows:
        if min(row.women, row.men, row.others) < 0:
            raise ValidationError({"groups": _("A count of people cannot be negative.")})
        if row.group.organisation_id != event.organisation_id:
            raise ValidationError({"groups": _("A group belongs to another organisation.")})
        if visible is not None and not visible.filter(pk=row.group.pk).exists():
            raise ValidationError({"groups": _("A group lies in districts you do not work in.")})
        key = (row.group.pk, row.community)
        if key in seen:
            raise ValidationError({"groups": _("A group is counted twice for the same community.")})
        seen.add(key)


def _check_members(by: Any, members: Sequence[Member], group_ids: set[int]) -> None:
    if len({member.pk for member in members}) != len(members):
        raise ValidationError({"members": _("A member is named twice.")})
    visible = Member.objects.visible_to(by) if by is not None else None
    for member in members:
        if visible is not None and not visible.filter(pk=member.pk).exists():
            raise ValidationError({"members": _("A member lies in districts you do not work in.")})
        if member.group_id not in group_ids:
            raise ValidationError(
                {
                    "members": _("Member %(code)s is not of a group that attended.")
                    % {"code": member.code}
                }
            )
