"""Writes for seats on public bodies: a member takes a seat, it is corrected, it ends.

Every change locks the seat and raises its `version` (see core/concurrency.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from landclaims.core.concurrency import bump_version, check_version
from landclaims.core.permissions import GROUP_WORK_WRITERS, require_writer
from landclaims.core.updates import apply_changes
from landclaims.groups.models import Member
from landclaims.places.models import AdminArea
from landclaims.representation.models import Seat


@transaction.atomic
def seat_add(
    *,
    member: Member,
    body: str,
    how: str,
    from_on: date,
    to_on: date | None = None,
    position: str = Seat.Position.MEMBER,
    body_name: str = "",
    area: AdminArea | None = None,
    by: Any,
) -> Seat:
    """A member's seat on a body, elected or nominated, from a date (to a date if it ended)."""
    require_writer(by, GROUP_WORK_WRITERS)
    _check_member(by, member)
    seat = Seat(
        member=member,
        body=body,
        body_name=body_name.strip(),
        area=area,
        position=position,
        how=how,
        from_on=from_on,
        to_on=to_on,
    )
    _check_seat(seat)
    seat.full_clean()
    seat.save()
    return seat


# The member a seat belongs to is fixed: a seat of someone else is another seat.
SEAT_EDITABLE = ("body", "body_name", "area", "position", "how", "from_on", "to_on")


@transaction.atomic
def seat_update(
    *,
    seat: Seat,
    by: Any,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    seen: Mapping[str, Any] | None = None,
) -> Seat:
    """Correct a seat (SEAT_EDITABLE); refused when someone else saved it since the form or
    the API read it at `expected_version`."""
    require_writer(by, GROUP_WORK_WRITERS)
    seat = _locked(seat, by)
    check_version(seat, expected=expected_version, seen=seen)
    changes = dict(changes)
    if "body_name" in changes:
        changes["body_name"] = (changes["body_name"] or "").strip()
    refused = sorted(set(changes) - set(SEAT_EDITABLE))
    if refused:
        raise ValidationError(
            _("These fields cannot be changed here: %(names)s.") % {"names": ", ".join(refused)}
        )
    for name, value in changes.items():
        setattr(seat, name, value)
    _check_seat(seat)
    bump_version(seat)
    return apply_changes(seat, changes, editable=SEAT_EDITABLE)


@transaction.atomic
def seat_end(*, seat: Seat, to_on: date, by: Any, expected_version: int | None = None) -> Seat:
    """The member left the body on `to_on` (the end of a term, a resignation)."""
    return seat_update(
        seat=seat, by=by, changes={"to_on": to_on}, expected_version=expected_version
    )


def _locked(seat: Seat, by: Any) -> Seat:
    seats = Seat.objects.select_for_update()
    if by is not None:
        seats = seats.filter(pk__in=Seat.objects.visible_to(by).values("pk"))
    try:
        return seats.get(pk=seat.pk)
    except Seat.DoesNotExist:
        raise ValidationError(_("You may not change this seat.")) from None


def _check_member(by: Any, member: Member) -> None:
    if by is not None and not Member.objects.visible_to(by).filter(pk=member.pk).exists():
        raise ValidationError({"member": _("The member lies in districts you do not work in.")})


def _check_seat(seat: Seat) -> None:
    if seat.to_on is not None and seat.to_on < seat.from_on:
        raise ValidationError({"to_on": _("The seat cannot end before it starts.")})
    if seat.body == Seat.Body.OTHER and not seat.body_name:
        raise ValidationError({"body_name": _("Name the body the member sits on.")})
