"""Writes for court cases: opening one, its parties, hearings, adjournments and orders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from landclaims.cases.models import CaseEvent, CaseParty, Hearing, InterimOrder, LegalCase
from landclaims.claims.models import Claim
from landclaims.core.models import Organisation
from landclaims.core.text import ascii_digits
from landclaims.core.validation import check_event_date
from landclaims.groups.models import Member
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea


@transaction.atomic
def case_create(
    *,
    organisation: Organisation,
    district: AdminArea,
    case_type: str,
    forum_level: str,
    court_name: str,
    number: str,
    year: int,
    our_role: str,
    by: Any,
    filed_on: date | None = None,
    bench: str = "",
    parent: LegalCase | None = None,
    claims: Sequence[Claim] = (),
    parcels: Sequence[Parcel] = (),
    summary: str = "",
) -> LegalCase:
    if district.level != AdminArea.Level.DISTRICT:
        raise ValidationError({"district": _("Choose a district.")})
    if parent is not None and parent.organisation_id != organisation.pk:
        raise ValidationError({"parent": _("The parent case belongs to another organisation.")})
    if filed_on is not None:
        check_event_date(filed_on, previous=None, field="filed_on")
        if filed_on.year != year:
            raise ValidationError({"year": _("The case year differs from the filing date's year.")})
    case = LegalCase(
        organisation=organisation,
        district=district,
        case_type=case_type,
        forum_level=forum_level,
        court_name=court_name.strip(),
        bench=bench,
        number=ascii_digits(number),
        year=year,
        our_role=our_role,
        filed_on=filed_on,
        parent=parent,
        summary=summary,
    )
    case.full_clean()
    case.save()
    case.claims.set(claims)
    case.parcels.set(parcels)
    if filed_on is not None:
        _event(case, CaseEvent.Kind.FILED, filed_on, by)
    return case


@transaction.atomic
def case_add_party(
    *, case: LegalCase, name: str, role: str, side: str, member: Member | None = None
) -> CaseParty:
    if member is not None and member.group.organisation_id != case.organisation_id:
        raise ValidationError({"member": _("The member belongs to another organisation.")})
    party = CaseParty(case=case, name=name.strip(), role=role, side=side, member=member)
    party.full_clean()
    party.save()
    return party


@transaction.atomic
def hearing_schedule(
    *, case: LegalCase, on: date, purpose: str, by: Any, fixed_on: date | None = None
) -> Hearing:
    """Fix the case's next date (on `fixed_on`, default today); one pending hearing at a time."""
    if case.hearings.filter(status=Hearing.Status.SCHEDULED).exists():
        raise ValidationError(
            {"on": _("This case already has a scheduled hearing; adjourn or record it first.")}
        )
    hearing = Hearing(case=case, scheduled_on=on, purpose=purpose)
    hearing.full_clean()
    hearing.save()
    fixed_on = fixed_on or timezone.localdate()
    check_event_date(fixed_on, previous=None, field="fixed_on")
    _event(case, CaseEvent.Kind.HEARING_FIXED, fixed_on, by, hearing=hearing, note=purpose)
    return hearing


@transaction.atomic
def hearing_adjourn(
    *, hearing: Hearing, next_on: date, purpose: str, by: Any, note: str = ""
) -> Hearing:
    """Close a hearing as adjourned and open the next one; both stay in the history."""
    hearing = _pending(hearing)
    if next_on <= hearing.scheduled_on:
        raise ValidationError(
            {"next_on": _("The next date must be after %(on)s.") % {"on": hearing.scheduled_on}}
        )
    hearing.status = Hearing.Status.ADJOURNED
    hearing.outcome_note = note
    hearing.save(update_fields=["status", "outcome_note", "updated_at"])
    _event(
        hearing.case, CaseEvent.Kind.ADJOURNED, hearing.scheduled_on, by, hearing=hearing, note=note
    )
    following = Hearing(case=hearing.case, scheduled_on=next_on, purpose=purpose, previous=hearing)
    following.full_clean()
    following.save()
    return following


@transaction.atomic
def hearing_record_held(*, hearing: Hearing, by: Any, note: str = "") -> Hearing:
    hearing = _pending(hearing)
    check_event_date(hearing.scheduled_on, previous=None, field="scheduled_on")
    hearing.status = Hearing.Status.HELD
    hearing.outcome_note = note
    hearing.save(update_fields=["status", "outcome_note", "updated_at"])
    _event(
        hearing.case,
        CaseEvent.Kind.HEARING_HELD,
        hearing.scheduled_on,
        by,
        hearing=hearing,
        note=note,
    )
    return hearing


def _pending(hearing: Hearing) -> Hearing:
    hearing = Hearing.objects.select_for_update().select_related("case").get(pk=hearing.pk)
    if hearing.status != Hearing.Status.SCHEDULED:
        raise ValidationError(
            {
                "status": _("This hearing is already %(status)s.")
                % {"status": hearing.get_status_display()}
            }
        )
    return hearing


@transaction.atomic
def interim_order_record(
    *,
    case: LegalCase,
    kind: str,
    made_on: date,
    by: Any,
    in_force_from: date | None = None,
    in_force_until: date | None = None,
    text: str = "",
) -> InterimOrder:
    check_event_date(made_on, previous=None, field="made_on")
    order = InterimOrder(
        case=case,
        kind=kind,
        made_on=made_on,
        in_force_from=in_force_from or made_on,
        in_force_until=in_force_until,
        text=text,
    )
    order.full_clean()
    order.save()
    _event(
        case, CaseEvent.Kind.INTERIM_ORDER, made_on, by, note=f"{order.get_kind_display()}: {text}"
    )
    return order


@transaction.atomic
def case_record_event(
    *, case: LegalCase, kind: str, on: date, by: Any, note: str = ""
) -> CaseEvent:
    """Record a step in the case (charge sheet, bail, judgment, ...), in date order."""
    last = case.events.order_by("-happened_on", "-id").first()
    check_event_date(on, previous=last.happened_on if last else None, field="on")
    return _event(case, kind, on, by, note=note)


def _event(
    case: LegalCase, kind: str, on: date, by: Any, *, hearing: Hearing | None = None, note: str = ""
) -> CaseEvent:
    event = CaseEvent(
        case=case, kind=kind, happened_on=on, hearing=hearing, note=note, recorded_by=by
    )
    event.full_clean()
    event.save()
    return event
