"""Writes for court cases: opening one, its parties, hearings, adjournments and orders.

Every write locks the case row and raises its `version`: a form carries the version it was
loaded at (`expected_version`) and the values it showed (`seen`), so a save from a stale page
is refused with what changed instead of overwriting someone else's work.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from landclaims.cases.models import (
    CaseEvent,
    CaseNote,
    CaseParty,
    CaseTask,
    CaseType,
    CourtClosure,
    ForumLevel,
    Hearing,
    InterimOrder,
    Lawyer,
    LegalCase,
    LimitationRule,
)
from landclaims.cases.selectors import order_not_ended
from landclaims.claims.models import Claim
from landclaims.core.concurrency import bump_version, check_version
from landclaims.core.models import Membership, Organisation, Role
from landclaims.core.permissions import CASE_WRITERS, require_writer
from landclaims.core.scoping import scope_for
from landclaims.core.templatetags.lc_format import day
from landclaims.core.text import ascii_digits
from landclaims.core.updates import apply_changes
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
    court_name_bn: str = "",
    parent: LegalCase | None = None,
    claims: Sequence[Claim] = (),
    parcels: Sequence[Parcel] = (),
    summary: str = "",
    police_station: str = "",
    police_case_no: str = "",
    parties: Sequence[PartyInput] = (),
    lawyers: Sequence[Lawyer] = (),
    responsible: Any = None,
) -> LegalCase:
    """Open a case with everything known at intake, in one transaction: its court and number,
    the claims and parcels it concerns, its parties (by member or by name), our lawyers and
    the person reminded. Any refusal saves nothing."""
    require_writer(by, CASE_WRITERS)
    if district.level != AdminArea.Level.DISTRICT:
        raise ValidationError({"district": _("Choose a district.")})
    _check_in_scope(by, organisation, district)
    if parent is not None and parent.organisation_id != organisation.pk:
        raise ValidationError({"parent": _("The parent case belongs to another organisation.")})
    if filed_on is not None:
        check_event_date(filed_on, previous=None, field="filed_on")
        if filed_on.year != year:
            raise ValidationError({"year": _("The case year differs from the filing date's year.")})
    links = {"claims": claims, "parcels": parcels, "lawyers": lawyers}
    _check_same_organisation(organisation.pk, links)
    _check_responsible(organisation.pk, responsible)
    case = LegalCase(
        organisation=organisation,
        district=district,
        case_type=case_type,
        forum_level=forum_level,
        court_name=court_name.strip(),
        court_name_bn=court_name_bn.strip(),
        bench=bench.strip(),
        number=_case_number(number),
        year=year,
        our_role=our_role,
        filed_on=filed_on,
        parent=parent,
        summary=summary,
        police_station=police_station.strip(),
        police_case_no=ascii_digits(police_case_no),
        responsible=responsible,
    )
    _check_type_fields(case)
    case.full_clean()
    case.save()
    case.claims.set(claims)
    case.parcels.set(parcels)
    case.lawyers.set(lawyers)
    for row, party in enumerate(parties, start=1):
        try:
            _new_party(case, party)
        except ValidationError as error:
            raise ValidationError(
                {
                    "parties": [
                        _("Party %(row)s: %(error)s") % {"row": row, "error": message}
                        for message in error.messages
                    ]
                }
            ) from error
    if filed_on is not None:
        _event(case, CaseEvent.Kind.FILED, filed_on, by)
    return case


def _check_in_scope(by: Any, organisation: Organisation, district: AdminArea) -> None:
    """A person opens cases only for their own organisation and in their own districts."""
    scope = scope_for(by)
    if by is None or scope is None:
        return
    if scope.organisation_id not in (None, organisation.pk):
        raise ValidationError({"organisation": _("You may open cases only for your organisation.")})
    if scope.district_ids is not None and district.pk not in scope.district_ids:
        raise ValidationError({"district": _("You work in other districts; choose one of yours.")})


@dataclass(frozen=True)
class PartyInput:
    """One party named at intake: a member of ours (by the member's record, never a copy of
    the name) or anyone else by name."""

    side: str
    role: str
    name: str = ""
    member: Member | None = None


# Fields only some kinds of case have: a police station and police case number for a GR
# case (it starts from a police case), a bench for the Supreme Court's two divisions.
POLICE_CASE_TYPES = frozenset({CaseType.CRIMINAL_GR})
BENCH_FORUMS = frozenset({ForumLevel.HIGH_COURT_DIVISION, ForumLevel.APPELLATE_DIVISION})


def _check_type_fields(case: LegalCase) -> None:
    # A GR case's police station may be unknown when older records are entered; the intake
    # form asks for it.
    if case.case_type not in POLICE_CASE_TYPES:
        for name in ("police_station", "police_case_no"):
            if getattr(case, name):
                raise ValidationError(
                    {name: _("Only a GR (police) case has a police station and case number.")}
                )
    if case.bench and case.forum_level not in BENCH_FORUMS:
        raise ValidationError({"bench": _("Only the Supreme Court's divisions sit in benches.")})


def _check_same_organisation(organisation_id: int, links: Mapping[str, Iterable[Any]]) -> None:
    for name, linked in links.items():
        if any(record.organisation_id != organisation_id for record in linked):
            raise ValidationError({name: _("It belongs to another organisation.")})


# Who may be reminded of a case's dates: the organisation's legal staff and administrators.
RESPONSIBLE_ROLES = CASE_WRITERS


def _check_responsible(organisation_id: int, user: Any) -> None:
    if user is None:
        return
    if not Membership.objects.filter(
        user=user, organisation_id=organisation_id, role__in=RESPONSIBLE_ROLES
    ).exists():
        raise ValidationError({"responsible": _("Choose one of the organisation's legal staff.")})


# Court numbers: "364", "682 (F)", "39(d)", "1994/22"; never the whole display form.
CASE_NUMBER = re.compile(r"\d+(?:\s?\([A-Za-z]{1,3}\)|[/-][0-9A-Za-z]+)*")


def _case_number(number: str) -> str:
    cleaned = ascii_digits(number)
    if not CASE_NUMBER.fullmatch(cleaned):
        raise ValidationError(
            {
                "number": _(
                    "“%(number)s” is not a case number: give the number only, such as 364 or "
                    "682 (F); the case type, court and year have fields of their own."
                )
                % {"number": number}
            }
        )
    return cleaned


# What a person may correct on a case directly; its court number, dates and district are
# fixed at filing, and hearings, orders and the judgment have services of their own.
CASE_EDITABLE = (
    "forum_level", "court_name", "bench", "our_role", "parent", "summary", "cost_bdt",
    "responsible", "claims", "parcels", "lawyers", "police_station", "police_case_no",
    "court_name_bn",
)  # fmt: skip


@transaction.atomic
def case_update(
    *,
    case: LegalCase,
    by: Any,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> LegalCase:
    """Correct a case's court, bench, summary and links (CASE_EDITABLE)."""
    require_writer(by, CASE_WRITERS)
    case = _locked(case.pk, expected_version, seen)
    parent = changes.get("parent")
    if parent is not None and parent.organisation_id != case.organisation_id:
        raise ValidationError({"parent": _("The parent case belongs to another organisation.")})
    links = {name: changes[name] for name in ("claims", "parcels", "lawyers") if name in changes}
    _check_same_organisation(case.organisation_id, links)
    _check_responsible(case.organisation_id, changes.get("responsible"))
    changes = {
        **changes,
        **{name: changes[name].strip() for name in _STRIPPED if name in changes},
    }
    if "police_case_no" in changes:
        changes["police_case_no"] = ascii_digits(changes["police_case_no"])
    probe = copy.copy(case)
    for name in ("forum_level", "bench", "police_station", "police_case_no"):
        if name in changes:
            setattr(probe, name, changes[name])
    _check_type_fields(probe)
    bump_version(case)
    return apply_changes(case, changes, editable=CASE_EDITABLE)


_STRIPPED = ("court_name", "court_name_bn", "bench", "police_station")


@transaction.atomic
def lawyer_create(
    *,
    organisation: Organisation,
    name: str,
    by: Any,
    phone: str = "",
    email: str = "",
    bar: str = "",
    user: Any = None,
) -> Lawyer:
    require_writer(by, CASE_WRITERS)
    _check_account(organisation.pk, user)
    lawyer = Lawyer(
        organisation=organisation, name=name.strip(), phone=phone, email=email, bar=bar, user=user
    )
    lawyer.full_clean()
    lawyer.save()
    return lawyer


LAWYER_EDITABLE = ("name", "phone", "email", "bar", "user")


@transaction.atomic
def lawyer_update(*, lawyer: Lawyer, by: Any, changes: Mapping[str, Any]) -> Lawyer:
    require_writer(by, CASE_WRITERS)
    lawyer = Lawyer.objects.select_for_update().get(pk=lawyer.pk)
    _check_account(lawyer.organisation_id, changes.get("user"))
    if "name" in changes:
        changes = {**changes, "name": changes["name"].strip()}
    return apply_changes(lawyer, changes, editable=LAWYER_EDITABLE)


def _check_account(organisation_id: int, user: Any) -> None:
    """A lawyer's account, when linked, is one of the organisation's."""
    if (
        user is not None
        and not Membership.objects.filter(user=user, organisation_id=organisation_id).exists()
    ):
        raise ValidationError({"user": _("That account belongs to another organisation.")})


@transaction.atomic
def case_add_party(
    *,
    case: LegalCase,
    role: str,
    side: str,
    name: str = "",
    member: Member | None = None,
    by: Any = None,
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> CaseParty:
    require_writer(by, CASE_WRITERS)
    case = _locked(case.pk, expected_version, seen, appending=True)
    party = _new_party(case, PartyInput(side=side, role=role, name=name, member=member))
    _bump(case)
    return party


def _new_party(case: LegalCase, given: PartyInput) -> CaseParty:
    member = given.member
    if member is not None and member.group.organisation_id != case.organisation_id:
        raise ValidationError({"member": _("The member belongs to another organisation.")})
    if member is not None and given.side != CaseParty.Side.OURS:
        raise ValidationError(
            {"side": _("A member of ours is on our side; name the other side's people.")}
        )
    # A member's name is never copied here: the case shows the member's code.
    name = "" if member is not None else given.name.strip()
    if member is None and not name:
        raise ValidationError({"name": _("Give the party's name or a member's code.")})
    party = CaseParty(case=case, name=name, role=given.role, side=given.side, member=member)
    party.full_clean()
    party.save()
    return party


@transaction.atomic
def case_remove_party(
    *,
    case: LegalCase,
    party: CaseParty,
    by: Any,
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> None:
    """Take a party off the case (added by mistake); the audit trail keeps the row."""
    require_writer(by, CASE_WRITERS)
    case = _locked(case.pk, expected_version, seen, appending=True)
    deleted, _rows = CaseParty.objects.filter(pk=party.pk, case=case).delete()
    if not deleted:
        raise ValidationError({"party": _("This party is no longer on the case.")})
    _bump(case)


# The next steps from a decision of each kind of case: the type of the new case and the
# forums it may be filed in (the first is the usual one). A revision may also be filed
# against an interlocutory order while the case below goes on.
APPEAL_PATHS: dict[str, dict[str, tuple[str, ...]]] = {
    CaseType.CIVIL_SUIT: {
        CaseType.CIVIL_APPEAL: (ForumLevel.DISTRICT_JUDGE, ForumLevel.ADDITIONAL_DISTRICT_JUDGE),
        CaseType.MISC_APPEAL: (ForumLevel.DISTRICT_JUDGE, ForumLevel.ADDITIONAL_DISTRICT_JUDGE),
        CaseType.FIRST_APPEAL: (ForumLevel.HIGH_COURT_DIVISION,),
        CaseType.CIVIL_REVISION: (ForumLevel.DISTRICT_JUDGE, ForumLevel.HIGH_COURT_DIVISION),
    },
    CaseType.CIVIL_APPEAL: {CaseType.CIVIL_REVISION: (ForumLevel.HIGH_COURT_DIVISION,)},
    CaseType.MISC_APPEAL: {CaseType.CIVIL_REVISION: (ForumLevel.HIGH_COURT_DIVISION,)},
    CaseType.FIRST_APPEAL: {CaseType.CIVIL_LEAVE_PETITION: (ForumLevel.APPELLATE_DIVISION,)},
    CaseType.CIVIL_REVISION: {CaseType.CIVIL_LEAVE_PETITION: (ForumLevel.APPELLATE_DIVISION,)},
    CaseType.WRIT: {CaseType.CIVIL_LEAVE_PETITION: (ForumLevel.APPELLATE_DIVISION,)},
    CaseType.CIVIL_LEAVE_PETITION: {CaseType.APPELLATE_DIVISION: (ForumLevel.APPELLATE_DIVISION,)},
    **{
        criminal: {
            CaseType.CRIMINAL_APPEAL: (ForumLevel.SESSIONS_JUDGE, ForumLevel.HIGH_COURT_DIVISION),
            CaseType.CRIMINAL_REVISION: (
                ForumLevel.SESSIONS_JUDGE,
                ForumLevel.HIGH_COURT_DIVISION,
            ),
        }
        for criminal in (CaseType.CRIMINAL_GR, CaseType.CRIMINAL_CR, CaseType.LAND_CRIME_2023)
    },
    CaseType.CRPC_145: {
        CaseType.CRIMINAL_REVISION: (ForumLevel.SESSIONS_JUDGE, ForumLevel.HIGH_COURT_DIVISION)
    },
    CaseType.CRIMINAL_APPEAL: {
        CaseType.CRIMINAL_REVISION: (ForumLevel.HIGH_COURT_DIVISION,),
        CaseType.CRIMINAL_LEAVE_PETITION: (ForumLevel.APPELLATE_DIVISION,),
    },
    CaseType.CRIMINAL_REVISION: {
        CaseType.CRIMINAL_LEAVE_PETITION: (ForumLevel.APPELLATE_DIVISION,)
    },
    CaseType.CRIMINAL_LEAVE_PETITION: {
        CaseType.APPELLATE_DIVISION: (ForumLevel.APPELLATE_DIVISION,)
    },
}

# In the higher case, the roles of the side that moves it and of the side that answers.
_APPEAL_ROLES: dict[str, tuple[str, str]] = {
    CaseType.CIVIL_REVISION: (CaseParty.PartyRole.PETITIONER, CaseParty.PartyRole.OPPOSITE_PARTY),
    CaseType.CRIMINAL_REVISION: (
        CaseParty.PartyRole.PETITIONER,
        CaseParty.PartyRole.OPPOSITE_PARTY,
    ),
    CaseType.CIVIL_LEAVE_PETITION: (CaseParty.PartyRole.PETITIONER, CaseParty.PartyRole.RESPONDENT),
    CaseType.CRIMINAL_LEAVE_PETITION: (
        CaseParty.PartyRole.PETITIONER,
        CaseParty.PartyRole.RESPONDENT,
    ),
}
_APPELLANT_RESPONDENT = (CaseParty.PartyRole.APPELLANT, CaseParty.PartyRole.RESPONDENT)


def appeal_our_role(case: LegalCase) -> str:
    """Who usually moves the higher court: the side the decision went against."""
    if case.outcome == LegalCase.Outcome.IN_OUR_FAVOUR:
        return LegalCase.OurRole.RESPONDENT
    return LegalCase.OurRole.PETITIONER


@transaction.atomic
def case_file_appeal(
    *,
    case: LegalCase,
    case_type: str,
    forum_level: str,
    court_name: str,
    number: str,
    year: int,
    filed_on: date,
    by: Any,
    our_role: str | None = None,
    bench: str = "",
    court_name_bn: str = "",
    district: AdminArea | None = None,
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> LegalCase:
    """File an appeal, revision or leave petition against `case`: the new case in the higher
    forum, linked below to `case`, with its parties (sides kept, roles those of the higher
    court), claims, parcels, lawyers and the person reminded. A disposed case goes on appeal;
    a pending one (a revision against an interlocutory order) stays pending."""
    require_writer(by, CASE_WRITERS)
    lower = _locked(case.pk, expected_version, seen, appending=True)
    paths = APPEAL_PATHS.get(lower.case_type, {})
    if case_type not in paths:
        raise ValidationError(
            {"case_type": _("A %(type)s cannot be filed against this case.")
             % {"type": CaseType(case_type).label if case_type in CaseType.values else case_type}}
        )  # fmt: skip
    if forum_level not in paths[case_type]:
        raise ValidationError(
            {"forum_level": _("It is filed in: %(forums)s.")
             % {"forums": ", ".join(str(ForumLevel(f).label) for f in paths[case_type])}}
        )  # fmt: skip
    if lower.status == LegalCase.Status.WITHDRAWN:
        raise ValidationError(
            {"case_type": _("This case was withdrawn; nothing is left to appeal.")}
        )
    decided = lower.events.filter(kind=CaseEvent.Kind.JUDGMENT).order_by("-happened_on").first()
    earliest = decided.happened_on if decided else lower.filed_on
    if earliest is not None and filed_on < earliest:
        raise ValidationError(
            {"filed_on": _("It cannot be filed before %(on)s, the date of the decision below.")
             % {"on": day(earliest)}}
        )  # fmt: skip
    our_role = our_role or appeal_our_role(lower)
    higher = case_create(
        organisation=lower.organisation,
        district=district or lower.district,
        case_type=case_type,
        forum_level=forum_level,
        court_name=court_name,
        court_name_bn=court_name_bn,
        number=number,
        year=year,
        our_role=our_role,
        filed_on=filed_on,
        bench=bench,
        parent=lower,
        by=by,
        claims=list(lower.claims.all()),
        parcels=list(lower.parcels.all()),
        lawyers=list(lower.lawyers.all()),
        responsible=lower.responsible,
        parties=_parties_above(lower, case_type, our_role),
    )
    note = higher.display_no
    _event(lower, CaseEvent.Kind.APPEAL_FILED, filed_on, by, note=note)
    if lower.status == LegalCase.Status.DISPOSED:
        lower.status = LegalCase.Status.ON_APPEAL
        bump_version(lower)
        lower.save(update_fields=["status", "version", "updated_at"])
    else:
        _bump(lower)
    return higher


def _parties_above(lower: LegalCase, case_type: str, our_role: str) -> list[PartyInput]:
    moving, answering = _APPEAL_ROLES.get(case_type, _APPELLANT_RESPONDENT)
    moving_side = (
        CaseParty.Side.OURS if our_role == LegalCase.OurRole.PETITIONER else CaseParty.Side.THEIRS
    )
    return [
        PartyInput(
            side=party.side,
            role=(
                party.role
                if party.role == CaseParty.PartyRole.GOVERNMENT
                else moving
                if party.side == moving_side
                else answering
            ),
            name=party.name,
            member=party.member,
        )
        for party in lower.parties.select_related("member__group").order_by("side", "id")
    ]


@transaction.atomic
def hearing_schedule(
    *,
    case: LegalCase,
    on: date,
    purpose: str,
    by: Any,
    fixed_on: date | None = None,
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> Hearing:
    """Fix the case's next date (on `fixed_on`, default today); one pending hearing at a time."""
    require_writer(by, CASE_WRITERS)
    case = _locked(case.pk, expected_version, seen)
    if case.status != LegalCase.Status.PENDING:
        raise ValidationError(
            {"on": _("This case is %(status)s; it has no more hearings.") % _status(case)}
        )
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
    _bump(case)
    return hearing


@transaction.atomic
def hearing_adjourn(
    *,
    hearing: Hearing,
    next_on: date,
    purpose: str,
    by: Any,
    note: str = "",
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> Hearing:
    """Close a hearing as adjourned and open the next one; both stay in the history."""
    require_writer(by, CASE_WRITERS)
    case = _locked(hearing.case_id, expected_version, seen)
    hearing = _pending(hearing, case)
    if next_on <= hearing.scheduled_on:
        raise ValidationError(
            {
                "next_on": _("The next date must be after %(on)s.")
                % {"on": day(hearing.scheduled_on)}
            }
        )
    hearing.status = Hearing.Status.ADJOURNED
    hearing.outcome_note = note
    hearing.save(update_fields=["status", "outcome_note", "updated_at"])
    _event(case, CaseEvent.Kind.ADJOURNED, hearing.scheduled_on, by, hearing=hearing, note=note)
    following = Hearing(
        case=case,
        scheduled_on=next_on,
        purpose=purpose,
        previous=hearing,
        series=hearing.series,
        sequence=hearing.sequence + 1,
    )
    following.full_clean()
    following.save()
    _bump(case)
    return following


@transaction.atomic
def hearing_reschedule(
    *,
    hearing: Hearing,
    new_on: date,
    by: Any,
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> Hearing:
    """Move a still-scheduled hearing to another date on the court's notice.

    Not an adjournment: the hearing stays the same one (same `series`, next `sequence`, so a
    calendar moves its event), and the move is kept as a "hearing fixed" event.
    """
    require_writer(by, CASE_WRITERS)
    case = _locked(hearing.case_id, expected_version, seen)
    hearing = _pending(hearing, case)
    moved_from = hearing.scheduled_on
    _check_new_date(hearing, new_on)
    hearing.scheduled_on = new_on
    hearing.sequence += 1
    hearing.full_clean()
    hearing.save(update_fields=["scheduled_on", "sequence", "updated_at"])
    note = _("moved from %(on)s") % {"on": moved_from.isoformat()}
    _event(case, CaseEvent.Kind.HEARING_FIXED, timezone.localdate(), by, hearing=hearing, note=note)
    _bump(case)
    return hearing


def _check_new_date(hearing: Hearing, new_on: date) -> None:
    if new_on == hearing.scheduled_on:
        raise ValidationError(
            {"new_on": _("The hearing is already on %(on)s.") % {"on": day(new_on)}}
        )
    # An adjournment chain only moves forward in time, so a move may not overtake it.
    previous = hearing.previous
    if previous is not None and new_on <= previous.scheduled_on:
        raise ValidationError(
            {
                "new_on": _("The hearing was adjourned from %(on)s; the new date must be after it.")
                % {"on": day(previous.scheduled_on)}
            }
        )


@transaction.atomic
def hearing_record_held(
    *,
    hearing: Hearing,
    by: Any,
    note: str = "",
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> Hearing:
    require_writer(by, CASE_WRITERS)
    case = _locked(hearing.case_id, expected_version, seen)
    hearing = _pending(hearing, case)
    _hold(hearing, by, note)
    _bump(case)
    return hearing


def _hold(hearing: Hearing, by: Any, note: str) -> None:
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


def _pending(hearing: Hearing, case: LegalCase) -> Hearing:
    """The hearing's row, locked, if it is still scheduled; `case` is already locked."""
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk, case=case)
    hearing.case = case
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
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> InterimOrder:
    require_writer(by, CASE_WRITERS)
    case = _locked(case.pk, expected_version, seen, appending=True)
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
    note = ": ".join(part for part in (str(order.get_kind_display()), text) if part)
    _event(case, CaseEvent.Kind.INTERIM_ORDER, made_on, by, order=order, note=note)
    _bump(case)
    return order


@transaction.atomic
def case_record_event(
    *,
    case: LegalCase,
    kind: str,
    on: date,
    by: Any,
    note: str = "",
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> CaseEvent:
    """Record a step in the case (charge sheet, bail, ...), in date order."""
    require_writer(by, CASE_WRITERS)
    case = _locked(case.pk, expected_version, seen)
    _check_in_order(case, on)
    event = _event(case, kind, on, by, note=note)
    _bump(case)
    return event


@transaction.atomic
def case_record_judgment(
    *,
    case: LegalCase,
    on: date,
    outcome: str,
    by: Any,
    note: str = "",
    orders_kept: Sequence[InterimOrder] = (),
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> LegalCase:
    """Record the judgment that disposes of a pending case, with its outcome for our side.

    The judgment ends the case's interim orders in force on its date (or not yet in force
    then), unless the court kept them: those are `orders_kept`."""
    require_writer(by, CASE_WRITERS)
    case = _locked(case.pk, expected_version, seen)
    if case.status != LegalCase.Status.PENDING:
        raise ValidationError({"status": _("This case is already %(status)s.") % _status(case)})
    if outcome not in LegalCase.Outcome.values or outcome == LegalCase.Outcome.NONE:
        raise ValidationError({"outcome": _("Choose the outcome of the judgment.")})
    _check_in_order(case, on)
    _close_hearing_at_judgment(case, on, by)
    case.status, case.outcome = LegalCase.Status.DISPOSED, outcome
    bump_version(case)
    case.full_clean()
    case.save(update_fields=["status", "outcome", "version", "updated_at"])
    _event(case, CaseEvent.Kind.JUDGMENT, on, by, note=note)
    _end_orders_at_judgment(case, on, by, kept=orders_kept)
    return case


def _orders_ending_at(case: LegalCase, on: date) -> QuerySet[InterimOrder]:
    return case.interim_orders.filter(order_not_ended(on))


def _end_orders_at_judgment(
    case: LegalCase, on: date, by: Any, *, kept: Sequence[InterimOrder]
) -> None:
    ending = list(_orders_ending_at(case, on).select_for_update().order_by("id"))
    open_ids = {order.pk for order in ending}
    kept_ids = {order.pk for order in kept}
    if kept_ids - open_ids:
        raise ValidationError(
            {
                "orders_kept": _(
                    "Only an order of this case in force on the judgment's date can be kept."
                )
            }
        )
    for order in ending:
        if order.pk in kept_ids:
            continue
        order.case = case
        order.vacated_on, order.end_reason = on, InterimOrder.EndReason.JUDGMENT
        order.full_clean()
        order.save(update_fields=["vacated_on", "end_reason", "updated_at"])
        note = _("%(order)s ended by the judgment") % {"order": order.get_kind_display()}
        _event(case, CaseEvent.Kind.ORDER_VACATED, on, by, order=order, note=note)


# --- Orders' life: vacated, extended, modified, complied with -------------------------------


def _locked_order(
    order: InterimOrder, expected_version: int | None, seen: Mapping[str, str] | None
) -> tuple[LegalCase, InterimOrder]:
    """The case, then the order, both locked; a change to an existing order checks the
    case's version strictly (someone may have changed this very order meanwhile)."""
    case = _locked(order.case_id, expected_version, seen)
    locked = InterimOrder.objects.select_for_update().get(pk=order.pk, case=case)
    locked.case = case
    return case, locked


def _check_open(order: InterimOrder, on: date, field: str) -> None:
    """Refuse a change to an order that had ended by `on`: vacated, ended by the judgment,
    or run past its last day."""
    if order.vacated_on is not None:
        if order.end_reason == InterimOrder.EndReason.JUDGMENT:
            message = _("This order was ended by the judgment of %(on)s.")
        else:
            message = _("This order was already vacated on %(on)s.")
        raise ValidationError({field: message % {"on": day(order.vacated_on)}})
    if order.in_force_until is not None and order.in_force_until < on:
        raise ValidationError(
            {
                field: _("This order lapsed after %(until)s; record a new order instead.")
                % {"until": day(order.in_force_until)}
            }
        )


def _check_order_date(order: InterimOrder, on: date, field: str = "on") -> None:
    check_event_date(on, previous=None, field=field)
    if on < order.made_on:
        raise ValidationError(
            {
                field: _("%(on)s is before the order was made (%(made)s).")
                % {"on": day(on), "made": day(order.made_on)}
            }
        )


@transaction.atomic
def interim_order_vacate(
    *,
    order: InterimOrder,
    on: date,
    by: Any,
    note: str = "",
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> InterimOrder:
    """The court vacated the order on `on`: from that day it is no longer in force."""
    require_writer(by, CASE_WRITERS)
    case, order = _locked_order(order, expected_version, seen)
    _check_order_date(order, on)
    _check_open(order, on, "on")
    order.vacated_on, order.end_reason = on, InterimOrder.EndReason.VACATED
    order.full_clean()
    order.save(update_fields=["vacated_on", "end_reason", "updated_at"])
    _event(case, CaseEvent.Kind.ORDER_VACATED, on, by, order=order, note=note)
    _bump(case)
    return order


@transaction.atomic
def interim_order_extend(
    *,
    order: InterimOrder,
    until: date,
    on: date,
    by: Any,
    note: str = "",
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> InterimOrder:
    """The court extended the order on `on`, to a new last day `until`."""
    require_writer(by, CASE_WRITERS)
    case, order = _locked_order(order, expected_version, seen)
    _check_order_date(order, on)
    _check_open(order, on, "on")
    if order.in_force_until is None:
        raise ValidationError(
            {"until": _("This order is in force until further orders; it needs no extension.")}
        )
    if until <= order.in_force_until:
        raise ValidationError(
            {
                "until": _("The new last day must be after %(until)s, the current one.")
                % {"until": day(order.in_force_until)}
            }
        )
    previous = order.in_force_until
    order.in_force_until = until
    order.full_clean()
    order.save(update_fields=["in_force_until", "updated_at"])
    text = _("%(order)s extended from %(old)s to %(new)s") % {
        "order": order.get_kind_display(),
        "old": previous.isoformat(),
        "new": until.isoformat(),
    }
    _event(case, CaseEvent.Kind.ORDER_EXTENDED, on, by, order=order, note=_joined(text, note))
    _bump(case)
    return order


ORDER_MODIFIABLE = ("kind", "text", "in_force_until")


@transaction.atomic
def interim_order_modify(
    *,
    order: InterimOrder,
    on: date,
    by: Any,
    changes: Mapping[str, Any],
    note: str = "",
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> InterimOrder:
    """The court modified the order on `on`: its kind, its text or its last day
    (ORDER_MODIFIABLE). Ending it now is vacating, not a modification."""
    require_writer(by, CASE_WRITERS)
    case, order = _locked_order(order, expected_version, seen)
    _check_order_date(order, on)
    _check_open(order, on, "on")
    changed = {
        name: value for name, value in changes.items() if getattr(order, name, object()) != value
    }
    if not changed:
        raise ValidationError(_("Nothing was changed."))
    until = changed.get("in_force_until")
    if until is not None and until < on:
        raise ValidationError(
            {"in_force_until": _("The last day is before the modification; vacate it instead.")}
        )
    labels = [str(InterimOrder._meta.get_field(name).verbose_name) for name in changed]
    apply_changes(order, changed, editable=ORDER_MODIFIABLE)
    text = _("%(order)s modified: %(fields)s") % {
        "order": order.get_kind_display(),
        "fields": ", ".join(labels),
    }
    _event(case, CaseEvent.Kind.ORDER_MODIFIED, on, by, order=order, note=_joined(text, note))
    _bump(case)
    return order


@transaction.atomic
def interim_order_record_compliance(
    *,
    order: InterimOrder,
    on: date,
    note: str,
    by: Any,
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> InterimOrder:
    """The order was complied with (implemented) on `on`: the land handed back, the
    direction carried out. An order ended since may still have been complied with before."""
    require_writer(by, CASE_WRITERS)
    case, order = _locked_order(order, expected_version, seen)
    _check_order_date(order, on)
    if order.complied_on is not None:
        raise ValidationError(
            {"on": _("Compliance was already recorded on %(on)s.") % {"on": day(order.complied_on)}}
        )
    order.complied_on, order.compliance_note = on, note.strip()
    order.full_clean()
    order.save(update_fields=["complied_on", "compliance_note", "updated_at"])
    _event(case, CaseEvent.Kind.ORDER_IMPLEMENTED, on, by, order=order, note=note.strip())
    _bump(case)
    return order


def _joined(*parts: str) -> str:
    return ". ".join(part.strip() for part in parts if part.strip())


# --- Notes and tasks -------------------------------------------------------------------------


@transaction.atomic
def case_note_add(
    *,
    case: LegalCase,
    written_on: date,
    text: str,
    by: Any,
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> CaseNote:
    """A dated line in the case's note log; added beside others, so a page loaded before
    another note was added may still add one."""
    require_writer(by, CASE_WRITERS)
    case = _locked(case.pk, expected_version, seen, appending=True)
    check_event_date(written_on, previous=None, field="written_on")
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    note = CaseNote(case=case, written_on=written_on, text=text.strip(), written_by=by)
    note.full_clean()
    note.save()
    _bump(case)
    return note


@transaction.atomic
def case_task_add(
    *,
    case: LegalCase,
    title: str,
    assignee: Any,
    due_on: date,
    by: Any,
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> CaseTask:
    """Something `assignee` must do for the case by `due_on`; they must be able to see it."""
    require_writer(by, CASE_WRITERS)
    case = _locked(case.pk, expected_version, seen, appending=True)
    if not title.strip():
        raise ValidationError({"title": _("Say what is to be done.")})
    if assignee is None or not LegalCase.objects.visible_to(assignee).filter(pk=case.pk).exists():
        raise ValidationError({"assignee": _("Choose a person who can see this case.")})
    task = CaseTask(case=case, title=title.strip(), assignee=assignee, due_on=due_on, created_by=by)
    task.full_clean()
    task.save()
    _bump(case)
    return task


@transaction.atomic
def case_task_done(
    *,
    task: CaseTask,
    on: date,
    by: Any,
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> CaseTask:
    """Mark the task done on `on`; a done task stays in the case's record."""
    require_writer(by, CASE_WRITERS)
    case = _locked(task.case_id, expected_version, seen, appending=True)
    task = CaseTask.objects.select_for_update().get(pk=task.pk, case=case)
    if task.done_on is not None:
        raise ValidationError(
            {"on": _("This task was already done on %(on)s.") % {"on": day(task.done_on)}}
        )
    check_event_date(on, previous=None, field="on")
    task.done_on = on
    task.full_clean()
    task.save(update_fields=["done_on", "updated_at"])
    _bump(case)
    return task


def _close_hearing_at_judgment(case: LegalCase, on: date, by: Any) -> None:
    """A disposed case keeps no pending date: the hearing of the judgment day was held, and a
    later one will not take place. An earlier one nobody recorded must be recorded first."""
    hearing = case.hearings.select_for_update().filter(status=Hearing.Status.SCHEDULED).first()
    if hearing is None:
        return
    hearing.case = case
    if hearing.scheduled_on < on:
        raise ValidationError(
            {
                "on": _(
                    "The hearing of %(on)s is not recorded yet; record it as held or "
                    "adjourned first."
                )
                % {"on": day(hearing.scheduled_on)}
            }
        )
    if hearing.scheduled_on == on:
        _hold(hearing, by, _("Judgment delivered"))
        return
    hearing.status = Hearing.Status.CANCELLED
    hearing.outcome_note = _("Case disposed by the judgment of %(on)s") % {"on": on.isoformat()}
    hearing.save(update_fields=["status", "outcome_note", "updated_at"])


def _check_in_order(case: LegalCase, on: date) -> None:
    last = case.events.order_by("-happened_on", "-id").first()
    check_event_date(on, previous=last.happened_on if last else None, field="on")


def _locked(
    case_id: int,
    expected_version: int | None,
    seen: Mapping[str, str] | None,
    *,
    appending: bool = False,
) -> LegalCase:
    """The case's row, locked, after checking nobody saved it since the form was loaded
    (see core/concurrency.py for `appending`).

    Hearing writes lock the case first too, so two writes to one case never interleave.
    """
    case = LegalCase.objects.select_for_update().get(pk=case_id)
    check_version(case, expected=expected_version, seen=seen, appending=appending)
    return case


def _bump(case: LegalCase) -> None:
    bump_version(case)
    case.save(update_fields=["version", "updated_at"])


def _status(case: LegalCase) -> dict[str, str]:
    return {"status": str(case.get_status_display()).lower()}


def _event(
    case: LegalCase,
    kind: str,
    on: date,
    by: Any,
    *,
    hearing: Hearing | None = None,
    order: InterimOrder | None = None,
    note: str = "",
) -> CaseEvent:
    event = CaseEvent(
        case=case,
        kind=kind,
        happened_on=on,
        hearing=hearing,
        order=order,
        note=note,
        recorded_by=by,
    )
    event.full_clean()
    event.save()
    return event


# --- The limitation table and court closures (administrators only) -------------------------

LIMITATION_RULE_FIELDS = (
    "case_type", "forum_level", "decision", "remedy", "remedy_case_type",
    "remedy_forum_level", "days", "copy_time_excluded", "citation", "note", "active",
)  # fmt: skip


def _require_administrator(by: Any) -> None:
    """The limitation table and the court calendar serve every organisation: only superusers
    and administrators change them (`by=None`: the system, e.g. a data migration)."""
    require_writer(by, frozenset({Role.ADMIN}))


@transaction.atomic
def limitation_rule_create(*, by: Any, **fields: Any) -> LimitationRule:
    _require_administrator(by)
    unknown = set(fields) - set(LIMITATION_RULE_FIELDS)
    if unknown:
        raise TypeError(f"Not limitation rule fields: {sorted(unknown)}")
    rule = LimitationRule(**fields)
    rule.citation = rule.citation.strip()
    rule.full_clean()
    rule.save()
    return rule


@transaction.atomic
def limitation_rule_update(
    *, rule: LimitationRule, by: Any, changes: Mapping[str, Any]
) -> LimitationRule:
    _require_administrator(by)
    if "citation" in changes:
        changes = {**changes, "citation": str(changes["citation"]).strip()}
    rule = LimitationRule.objects.select_for_update().get(pk=rule.pk)
    return apply_changes(rule, changes, editable=LIMITATION_RULE_FIELDS)


@transaction.atomic
def court_closure_create(*, on: date, name: str, by: Any) -> CourtClosure:
    _require_administrator(by)
    closure = CourtClosure(on=on, name=name.strip())
    closure.full_clean()
    closure.save()
    return closure


@transaction.atomic
def court_closure_update(
    *, closure: CourtClosure, by: Any, changes: Mapping[str, Any]
) -> CourtClosure:
    _require_administrator(by)
    closure = CourtClosure.objects.select_for_update().get(pk=closure.pk)
    return apply_changes(closure, changes, editable=("on", "name"))


@transaction.atomic
def court_closure_delete(*, closure: CourtClosure, by: Any) -> None:
    _require_administrator(by)
    CourtClosure.objects.filter(pk=closure.pk).delete()
