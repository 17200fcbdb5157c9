"""Reads of court cases, hearings and orders, every one starting from what the user may see."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from landclaims.cases.models import Hearing, InterimOrder, LegalCase


def case_list(
    *, user: Any, case_type: str = "", status: str = "", district: Any = None
) -> QuerySet[LegalCase]:
    cases = (
        LegalCase.objects.visible_to(user)
        .select_related("district")
        .annotate(
            next_on=Min(
                "hearings__scheduled_on", filter=Q(hearings__status=Hearing.Status.SCHEDULED)
            )
        )
    )
    if case_type:
        cases = cases.filter(case_type=case_type)
    if status:
        cases = cases.filter(status=status)
    if district is not None:
        cases = cases.filter(district=district)
    return cases


def case_get(*, user: Any, pk: int) -> LegalCase:
    return case_list(user=user).get(pk=pk)


def hearing_list_between(*, user: Any, start: date, end: date) -> QuerySet[Hearing]:
    return (
        Hearing.objects.visible_to(user)
        .filter(scheduled_on__range=(start, end))
        .select_related("case")
        .order_by("scheduled_on", "case__court_name")
    )


def interim_order_list_in_force(*, user: Any, on: date | None = None) -> QuerySet[InterimOrder]:
    day = on or timezone.localdate()
    return (
        InterimOrder.objects.visible_to(user)
        .filter(in_force_from__lte=day, vacated_on__isnull=True)
        .filter(Q(in_force_until__isnull=True) | Q(in_force_until__gte=day))
    )
