"""Reads of actions and safety-net checks, starting from what the user may see.

An action the user sees may be linked to a claim, case, incident or group they may not see
(another district's, linked by someone who works in both): every link is read through its
own `visible_to`, into `visible_groups`, `visible_claims`, `visible_cases` and
`visible_incidents`, never through the bare relation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum

from landclaims.actions.models import Action, SafetyNetCheck
from landclaims.cases.models import LegalCase
from landclaims.claims.models import Claim
from landclaims.groups.models import LandlessGroup
from landclaims.groups.selectors import with_labels
from landclaims.incidents.models import Incident
from landclaims.places.models import AdminArea


def _visible_links(user: Any) -> list[Prefetch[Any]]:
    groups = with_labels(LandlessGroup.objects.visible_to(user)).order_by("name_bn")
    return [
        Prefetch("groups", queryset=groups, to_attr="visible_groups"),
        Prefetch("claims", queryset=Claim.objects.visible_to(user), to_attr="visible_claims"),
        Prefetch("cases", queryset=LegalCase.objects.visible_to(user), to_attr="visible_cases"),
        Prefetch(
            "incidents",
            queryset=Incident.objects.visible_to(user).order_by("-occurred_on"),
            to_attr="visible_incidents",
        ),
    ]


def action_list(*, user: Any) -> QuerySet[Action]:
    return (
        Action.objects.visible_to(user)
        .select_related("district", "place")
        .prefetch_related(*_visible_links(user))
        .order_by("-took_place_on", "-pk")
    )


@dataclass(frozen=True)
class ActionFilters:
    kind: str = ""
    outcome: str = ""
    date_from: date | None = None
    date_to: date | None = None
    area: AdminArea | None = None
    group: LandlessGroup | None = None
    claim: Claim | None = None
    case: LegalCase | None = None


def action_list_filtered(*, user: Any, filters: ActionFilters) -> QuerySet[Action]:
    """The actions page: newest first, narrowed by kind, outcome, dates, area, group, claim
    and case."""
    actions = action_list(user=user)
    if filters.kind:
        actions = actions.filter(kind=filters.kind)
    if filters.outcome:
        actions = actions.filter(outcome=filters.outcome)
    if filters.date_from is not None:
        actions = actions.filter(took_place_on__gte=filters.date_from)
    if filters.date_to is not None:
        actions = actions.filter(took_place_on__lte=filters.date_to)
    if filters.area is not None:
        actions = actions.in_area(filters.area)  # type: ignore[attr-defined]
    for name in ("group", "claim", "case"):
        linked = getattr(filters, name)
        if linked is not None:
            actions = actions.filter(pk__in=Action.objects.filter(**{f"{name}s": linked}))
    return actions


def action_get(*, user: Any, pk: int) -> Action:
    """One action with its visible links; Action.DoesNotExist when the user may not see it."""
    return action_list(user=user).get(pk=pk)


def action_list_for_claim(*, user: Any, claim: Claim) -> QuerySet[Action]:
    """A claim's timeline: the actions about it."""
    return action_list(user=user).filter(pk__in=Action.objects.filter(claims=claim))


def action_list_for_case(*, user: Any, case: LegalCase) -> QuerySet[Action]:
    return action_list(user=user).filter(pk__in=Action.objects.filter(cases=case))


def action_list_for_incident(*, user: Any, incident: Incident) -> QuerySet[Action]:
    """What the groups did about an incident (a human chain after an eviction, say)."""
    return action_list(user=user).filter(pk__in=Action.objects.filter(incidents=incident))


def action_list_for_group(*, user: Any, group: LandlessGroup) -> QuerySet[Action]:
    """The actions the group took part in."""
    return action_list(user=user).filter(pk__in=Action.objects.filter(groups=group))


def watchdog_visit_choices(*, user: Any) -> QuerySet[Action]:
    """The visits a safety-net check may be linked to."""
    return Action.objects.visible_to(user).filter(kind=Action.Kind.WATCHDOG_VISIT)


# Safety-net checks -----------------------------------------------------------------------


def safety_net_check_list(
    *, user: Any, union: AdminArea | None = None, programme: str = ""
) -> QuerySet[SafetyNetCheck]:
    groups = with_labels(LandlessGroup.objects.visible_to(user)).order_by("name_bn")
    checks = (
        SafetyNetCheck.objects.visible_to(user)
        .select_related("union", "district")
        .prefetch_related(Prefetch("groups", queryset=groups, to_attr="visible_groups"))
        .order_by("-checked_on", "-pk")
    )
    if union is not None:
        checks = checks.in_area(union)  # type: ignore[assignment]
    if programme:
        checks = checks.filter(programme=programme)
    return checks


def safety_net_check_get(*, user: Any, pk: int) -> SafetyNetCheck:
    check = safety_net_check_list(user=user).get(pk=pk)
    visit = watchdog_visit_choices(user=user).filter(pk=check.action_id).first()
    check.visible_action = visit  # type: ignore[attr-defined]
    return check


def safety_net_check_list_for_group(*, user: Any, group: LandlessGroup) -> QuerySet[Any]:
    return safety_net_check_list(user=user).filter(
        pk__in=SafetyNetCheck.objects.filter(groups=group)
    )


@dataclass(frozen=True)
class SafetyNetTally:
    """The checks of one programme in one union."""

    union: AdminArea
    programme: str
    programme_label: str
    checks: int
    with_irregularities: int
    people_left_out: int
    last_checked_on: date


def safety_net_tally(
    *, user: Any, union: AdminArea | None = None, programme: str = ""
) -> list[SafetyNetTally]:
    """The safety-net page's summary: per union and programme, how many checks, how many
    found irregularities and how many eligible people were left out."""
    checks = safety_net_check_list(user=user, union=union, programme=programme)
    rows = (
        checks.order_by()
        .values("union", "programme")
        .annotate(
            n=Count("pk"),
            found=Count("pk", filter=Q(irregularities_found=True)),
            left_out=Sum("people_wrongly_left_out"),
            last=Max("checked_on"),
        )
        .order_by("union__name_en", "programme")
    )
    unions = AdminArea.objects.in_bulk([row["union"] for row in rows])
    labels = dict(SafetyNetCheck.Programme.choices)
    return [
        SafetyNetTally(
            union=unions[row["union"]],
            programme=row["programme"],
            programme_label=str(labels[row["programme"]]),
            checks=row["n"],
            with_irregularities=row["found"],
            people_left_out=row["left_out"] or 0,
            last_checked_on=row["last"],
        )
        for row in rows
    ]
