"""Reads of court cases, hearings and orders, every one starting from what the user may see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from gis.digits import TO_ASCII, TO_BENGALI
from landclaims.cases.models import (
    CaseEvent,
    CaseParty,
    Hearing,
    InterimOrder,
    Lawyer,
    LegalCase,
    order_in_force,
)
from landclaims.claims.models import Claim
from landclaims.core.permissions import CASE_WRITERS, GROUP_NAME_READERS, has_role
from landclaims.core.text import name_contains, normalise_name, normalise_search
from landclaims.groups.models import LandlessGroup, Member
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea

# An order lapsing within this many days is flagged: someone must seek its extension.
ORDER_LAPSE_WARNING_DAYS = 7


def case_list(
    *,
    user: Any,
    case_type: str = "",
    status: str = "",
    district: Any = None,
    court: str = "",
    number: str = "",
    our_role: str = "",
    next_from: date | None = None,
    next_to: date | None = None,
    members_accused: bool = False,
) -> QuerySet[LegalCase]:
    """Cases the user may see, with their next date (`next_on`, `next_purpose`), soonest first."""
    cases = _with_next_hearing(LegalCase.objects.visible_to(user), user).select_related("district")
    # Numbers are stored with ASCII digits; the API passes them as typed.
    number = normalise_search(number)
    exact = {"case_type": case_type, "status": status, "number": number, "our_role": our_role}
    cases = cases.filter(**{field: value for field, value in exact.items() if value})
    if district is not None:
        cases = cases.filter(district=district)
    if court:
        cases = cases.filter(name_contains(("court_name",), court))
    if next_from is not None:
        cases = cases.filter(next_on__gte=next_from)
    if next_to is not None:
        cases = cases.filter(next_on__lte=next_to)
    if members_accused:
        cases = cases.filter(Exists(_members_accused(user)))
    # Cases without a pending date go last; pk keeps pages stable between requests.
    return cases.order_by(F("next_on").asc(nulls_last=True), "-year", "number", "pk")


def _with_next_hearing(cases: QuerySet[LegalCase], user: Any) -> QuerySet[LegalCase]:
    # A case has at most one scheduled hearing (a database constraint), so [:1] is exact.
    pending = Hearing.objects.visible_to(user).filter(
        case=OuterRef("pk"), status=Hearing.Status.SCHEDULED
    )
    return cases.annotate(
        next_on=Subquery(pending.values("scheduled_on")[:1]),
        next_purpose=Subquery(pending.values("purpose")[:1]),
    )


def _members_accused(user: Any) -> QuerySet[CaseParty]:
    return CaseParty.objects.visible_to(user).filter(
        case=OuterRef("pk"),
        role=CaseParty.PartyRole.ACCUSED,
        side=CaseParty.Side.OURS,
        member__isnull=False,
    )


def case_district_list(*, user: Any) -> QuerySet[AdminArea]:
    """The districts of the cases the user may see, for the list's district filter."""
    districts = LegalCase.objects.visible_to(user).values("district")
    return AdminArea.objects.filter(pk__in=districts).order_by("name_en")


def case_get(*, user: Any, pk: int) -> LegalCase:
    return case_list(user=user).get(pk=pk)


class CaseAction(StrEnum):
    """A write that legal staff may make on a case (the API lists them as `next_actions`)."""

    HEARING_SCHEDULE = "hearing_schedule"
    HEARING_HELD = "hearing_held"
    HEARING_ADJOURN = "hearing_adjourn"
    HEARING_MOVE = "hearing_move"
    ORDER_RECORD = "order_record"
    JUDGMENT_RECORD = "judgment_record"


def case_next_actions(
    *, case: LegalCase, next_hearing_on: date | None, today: date
) -> list[CaseAction]:
    """What may be recorded on a case now, given its status and its scheduled hearing (the
    case's one hearing with status scheduled, None when it has none).

    A disposed or withdrawn case takes no more writes. A case without a date gets one fixed;
    a date that has come is held or adjourned; one still ahead may be moved or adjourned.
    Orders and the judgment may come at any time while the case is pending.
    """
    if case.status != LegalCase.Status.PENDING:
        return []
    if next_hearing_on is None:
        on_the_date = [CaseAction.HEARING_SCHEDULE]
    elif next_hearing_on <= today:
        on_the_date = [CaseAction.HEARING_HELD, CaseAction.HEARING_ADJOURN]
    else:
        on_the_date = [CaseAction.HEARING_MOVE, CaseAction.HEARING_ADJOURN]
    return [*on_the_date, CaseAction.ORDER_RECORD, CaseAction.JUDGMENT_RECORD]


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case page shows, each part read within what the user may see."""

    case: LegalCase
    parties_ours: list[CaseParty]
    parties_theirs: list[CaseParty]
    events: list[CaseEvent]
    hearings: list[Hearing]
    scheduled: Hearing | None
    orders_in_force: list[InterimOrder]
    orders_other: list[InterimOrder]
    ancestors: list[LegalCase]  # the case it appeals, that one's parent, ... nearest first
    children: list[LegalCase]
    claims: list[Claim]
    parcels: list[Parcel]
    groups: list[LandlessGroup]
    lawyers: list[Lawyer]
    today: date


def case_detail(*, user: Any, pk: int) -> CaseDetail:
    """The case page's contents; LegalCase.DoesNotExist when the user may not see the case."""
    case = case_get(user=user, pk=pk)
    parties = case_party_list(user=user, case=case)
    hearings = list(hearing_list_for_case(user=user, case=case))
    orders = list(interim_order_list_for_case(user=user, case=case))
    return CaseDetail(
        case=case,
        parties_ours=[p for p in parties if p.side == CaseParty.Side.OURS],
        parties_theirs=[p for p in parties if p.side == CaseParty.Side.THEIRS],
        events=list(
            CaseEvent.objects.visible_to(user).filter(case=case).order_by("happened_on", "id")
        ),
        hearings=hearings,
        scheduled=next((h for h in hearings if h.status == Hearing.Status.SCHEDULED), None),
        orders_in_force=[o for o in orders if o.in_force],
        orders_other=[o for o in orders if not o.in_force],
        ancestors=case_ancestor_list(user=user, case=case),
        children=list(LegalCase.objects.visible_to(user).filter(parent=case)),
        claims=list(Claim.objects.visible_to(user).filter(cases=case).order_by("pk")),
        parcels=list(case_parcel_list(user=user, case=case)),
        groups=list(case_group_list(user=user, case=case)),
        lawyers=list(Lawyer.objects.visible_to(user).filter(cases=case)),
        today=timezone.localdate(),
    )


def case_party_list(*, user: Any, case: LegalCase) -> list[CaseParty]:
    """Parties with, for members, only their pseudonymous code: the member's row (name, NID,
    phone) is never loaded for this page."""
    parties = CaseParty.objects.visible_to(user).filter(case=case)
    return list(parties.annotate(member_code=F("member__code")))


def hearing_list_for_case(*, user: Any, case: LegalCase) -> QuerySet[Hearing]:
    """All of the case's hearings by date, each with the one it was adjourned from and to."""
    return (
        Hearing.objects.visible_to(user)
        .filter(case=case)
        .select_related("previous", "next_hearing")
        .order_by("scheduled_on", "id")
    )


def interim_order_list_flagged(*, user: Any, on: date | None = None) -> QuerySet[InterimOrder]:
    """Every order the user may see, flagged `in_force` on `on` (default today)."""
    day = on or timezone.localdate()
    flag = ExpressionWrapper(order_in_force(day), output_field=BooleanField())
    return InterimOrder.objects.visible_to(user).annotate(in_force=flag)


def interim_order_list_for_case(
    *, user: Any, case: LegalCase, on: date | None = None
) -> QuerySet[InterimOrder]:
    """The case's orders, flagged `in_force` on `on` (default today) and `lapses_soon`."""
    day = on or timezone.localdate()
    soon = day + timedelta(days=ORDER_LAPSE_WARNING_DAYS)
    lapsing = order_in_force(day) & Q(in_force_until__lte=soon)
    return (
        interim_order_list_flagged(user=user, on=day)
        .filter(case=case)
        .annotate(lapses_soon=ExpressionWrapper(lapsing, output_field=BooleanField()))
        .order_by(F("in_force_until").asc(nulls_last=True), "-made_on", "id")
    )


def case_ancestor_list(*, user: Any, case: LegalCase, limit: int = 10) -> list[LegalCase]:
    """The chain of cases this one appeals or revises, as far up as the user may see."""
    chain: list[LegalCase] = []
    parent_id = case.parent_id
    while parent_id is not None and len(chain) < limit:
        parent = LegalCase.objects.visible_to(user).filter(pk=parent_id).first()
        if parent is None:
            break
        chain.append(parent)
        parent_id = parent.parent_id
    return chain


def case_parcel_list(*, user: Any, case: LegalCase) -> QuerySet[Parcel]:
    """Parcels linked to the case directly or through its claims."""
    through_claims = Claim.objects.visible_to(user).filter(cases=case).values("parcels")
    return (
        Parcel.objects.visible_to(user)
        .filter(Q(cases=case) | Q(pk__in=through_claims))
        .distinct()
        .select_related("mouza")
        .prefetch_related("dags")
    )


def case_group_list(*, user: Any, case: LegalCase) -> QuerySet[LandlessGroup]:
    """The landless groups behind the case's claims."""
    through_claims = Claim.objects.visible_to(user).filter(cases=case).values("groups")
    return (
        LandlessGroup.objects.visible_to(user)
        .filter(pk__in=through_claims)
        .select_related("village")
    )


def hearing_get(*, user: Any, case: LegalCase, pk: int) -> Hearing:
    return Hearing.objects.visible_to(user).select_related("case").get(case=case, pk=pk)


def hearing_list_between(*, user: Any, start: date, end: date) -> QuerySet[Hearing]:
    return (
        Hearing.objects.visible_to(user)
        .filter(scheduled_on__range=(start, end))
        .select_related("case")
        .order_by("scheduled_on", "case__court_name")
    )


def interim_order_list_in_force(*, user: Any, on: date | None = None) -> QuerySet[InterimOrder]:
    day = on or timezone.localdate()
    return InterimOrder.objects.visible_to(user).in_force(day)


def interim_order_list_freezing(*, user: Any, today: date) -> QuerySet[InterimOrder]:
    """Stays, status quo orders and injunctions in force on `today`."""
    return InterimOrder.objects.visible_to(user).freezing().in_force(today)


def case_list_with_freezing_order(*, user: Any, today: date) -> QuerySet[LegalCase]:
    """Cases with a stay, status quo order or injunction in force on `today`."""
    orders = interim_order_list_freezing(user=user, today=today)
    return LegalCase.objects.visible_to(user).filter(pk__in=orders.values("case"))


def under_freezing_order(*, user: Any, today: date) -> Q:
    """A Parcel condition: a stay, status quo order or injunction in force covers the parcel,
    directly or through a claim the case concerns."""
    cases = case_list_with_freezing_order(user=user, today=today)
    through_claims = Claim.objects.visible_to(user).filter(cases__in=cases, parcels__isnull=False)
    # One IN over a UNION lets PostgreSQL start from the few parcels under an order. No NULL
    # may enter the list (a case with no parcel of its own): `id IN (..., NULL)` is NULL, not
    # false, and a parcel would be neither frozen nor free in exports and tiles.
    direct = cases.filter(parcels__isnull=False).values("parcels")
    return Q(pk__in=direct.union(through_claims.values("parcels")))


@dataclass(frozen=True)
class PartyConflict:
    """A party of another case of the organisation with the same name as one being added."""

    name: str  # as typed
    case: LegalCase
    side: str  # the party's side in that other case
    role_label: str

    @property
    def side_label(self) -> str:
        return str(CaseParty.Side(self.side).label)


CONFLICTS_SHOWN = 50


def case_party_conflicts(
    *, user: Any, names: Iterable[str], exclude_case: LegalCase | None = None
) -> list[PartyConflict]:
    """Other cases the user may see where a party has one of `names`, compared as the
    organisation writes them: any letter case, spacing or digit set (Bengali or ASCII).

    Shown before a party is saved: a name on our side here that is on the other side of
    another case (or the other way round) is the classic conflict."""
    wanted: dict[str, str] = {}
    for typed in names:
        name = normalise_name(typed)
        if name:
            for form in (name, name.translate(TO_ASCII), name.translate(TO_BENGALI)):
                wanted.setdefault(form.casefold(), typed.strip())
    if not wanted:
        return []
    match = Q()
    for form in wanted:
        match |= Q(name__iexact=form)
    parties = CaseParty.objects.visible_to(user).filter(match, member__isnull=True)
    if exclude_case is not None:
        parties = parties.exclude(case=exclude_case)
    rows = parties.select_related("case").order_by("case__year", "case__number", "id")
    return [
        PartyConflict(
            name=wanted.get(party.name.casefold(), party.name),
            case=party.case,
            side=party.side,
            role_label=str(party.get_role_display()),
        )
        for party in rows[:CONFLICTS_SHOWN]
    ]


def lawyer_list(*, user: Any) -> QuerySet[Lawyer]:
    """The organisation's lawyer directory."""
    return Lawyer.objects.visible_to(user).select_related("user").order_by("name", "pk")


def lawyer_get(*, user: Any, pk: int) -> Lawyer:
    return lawyer_list(user=user).get(pk=pk)


def case_party_get(*, user: Any, case: LegalCase, pk: int) -> CaseParty:
    return CaseParty.objects.visible_to(user).get(case=case, pk=pk)


def member_by_code(*, user: Any, code: str) -> Member:
    """The member with pseudonymous `code` among those the user may see (codes are unique
    within a group): Member.DoesNotExist when none, MultipleObjectsReturned when several.
    Only the code columns are loaded: nobody's name is decrypted."""
    if not has_role(user, GROUP_NAME_READERS):
        raise Member.DoesNotExist
    members = Member.objects.visible_to(user).filter(code__iexact=normalise_search(code))
    return members.select_related("group").only("pk", "code", "group__organisation_id").get()


def case_claim_candidates(
    *, user: Any, claim: int | None = None, parcel: int | None = None, group: int | None = None
) -> QuerySet[Claim]:
    """The claims offered when a case is opened from a claim's, parcel's or group's page."""
    claims = Claim.objects.visible_to(user)
    if claim is not None:
        return claims.filter(pk=claim)
    if parcel is not None:
        return claims.filter(parcels=parcel).order_by("pk")
    if group is not None:
        return claims.filter(groups=group).order_by("pk")
    return claims.none()


def case_responsible_choices(*, organisation_id: int | None) -> QuerySet[Any]:
    """The people a case's reminders may go to: the organisation's legal staff and
    administrators."""
    return (
        get_user_model()
        .objects.filter(
            membership__organisation_id=organisation_id,
            membership__role__in=CASE_WRITERS,
            is_active=True,
        )
        .order_by("username")
    )


def organisation_users(*, organisation_id: int | None) -> QuerySet[Any]:
    """Accounts of the organisation, for linking a lawyer to the person who signs in."""
    return (
        get_user_model()
        .objects.filter(membership__organisation_id=organisation_id, is_active=True)
        .order_by("username")
    )
