"""What a dashboard figure counts: the records the user may count, narrowed by the filters.

A figure counts what the user may count (`countable_by`): what they may see and, for the
staff of a network (ALRD and its local partners), the partners' records too; counted, never
listed or named (core/scoping.py). The home page, whose counts open lists, counts only what
the user may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from landclaims.core.models import Organisation
from landclaims.core.scoping import ScopedQuerySet
from landclaims.places.models import AdminArea


@dataclass(frozen=True)
class DashboardFilters:
    organisation: Organisation | None = None
    area: AdminArea | None = None
    start: date | None = None
    end: date | None = None
    # Count a network's partners' records too (the dashboard); the home page counts only the
    # user's own, as the lists its counts open show.
    with_partners: bool = True


def scoped[S: ScopedQuerySet](records: S, *, user: Any, filters: DashboardFilters) -> S:
    """The records the user may count (`countable_by`: a network's partners' too), or only
    those they may see (`visible_to`) when the filters say so (the home page)."""
    if filters.with_partners:
        return records.countable_by(user)  # type: ignore[return-value]
    return records.visible_to(user)  # type: ignore[return-value]


def counted[S: ScopedQuerySet](records: S, *, user: Any, filters: DashboardFilters) -> S:
    """The records a figure counts: `scoped`, of the chosen organisation, in the chosen area
    by the model's own `in_area` rule."""
    records = scoped(records, user=user, filters=filters)
    if filters.organisation is not None and records.organisation_path is not None:
        organisation = f"{records.organisation_path}_id"
        records = records.filter(**{organisation: filters.organisation.pk})
    if filters.area is not None:
        records = records.in_area(filters.area)  # type: ignore[assignment]
    return records
