"""Reads of cooperatives, each starting from what the user may see (visible_to)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
)

from landclaims.cooperatives.models import (
    Cooperative,
    CooperativeLand,
    CooperativeShare,
    Production,
)
from landclaims.groups.models import LandlessGroup
from landclaims.groups.selectors import with_labels
from landclaims.places.models import AdminArea


@dataclass(frozen=True)
class CooperativeFilters:
    district: AdminArea | None = None
    tenure: str = ""


def cooperative_list(
    *, user: Any, filters: CooperativeFilters | None = None
) -> QuerySet[Cooperative]:
    """The cooperatives page: by name, with their member groups and land counted; narrowed
    to a district and to those farming land of one tenure."""
    filters = filters or CooperativeFilters()
    cooperatives = Cooperative.objects.visible_to(user)
    if filters.district is not None:
        cooperatives = cooperatives.in_area(filters.district)
    if filters.tenure:
        farming = CooperativeLand.objects.filter(tenure=filters.tenure, to_on__isnull=True)
        cooperatives = cooperatives.filter(pk__in=farming.values("cooperative"))
    # Subqueries, not joins: joining both shares and land would count each twice.
    groups = CooperativeShare.objects.filter(cooperative=OuterRef("pk")).order_by()
    farmed = CooperativeLand.objects.filter(cooperative=OuterRef("pk"), to_on__isnull=True)
    return cooperatives.select_related("district", "monitoring_partner").annotate(
        group_count=Subquery(
            groups.values("cooperative").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        land_area_m2=Subquery(
            farmed.order_by().values("cooperative").annotate(a=Sum("area_m2")).values("a"),
            output_field=DecimalField(max_digits=16, decimal_places=2),
        ),
    )


def cooperative_get(*, user: Any, pk: int) -> Cooperative:
    """Cooperative.DoesNotExist when the user may not see it."""
    return (
        Cooperative.objects.visible_to(user)
        .select_related("district", "organisation", "monitoring_partner")
        .get(pk=pk)
    )


def cooperative_share_list(*, user: Any, cooperative: Cooperative) -> QuerySet[CooperativeShare]:
    """Its member groups that the user may see, with what group_label needs."""
    groups = with_labels(LandlessGroup.objects.visible_to(user))
    return (
        CooperativeShare.objects.visible_to(user)
        .filter(cooperative=cooperative, group__in=groups.values("pk"))
        .prefetch_related(Prefetch("group", queryset=groups))
        .order_by("joined_on", "pk")
    )


def cooperative_land_list(*, user: Any, cooperative: Cooperative) -> QuerySet[CooperativeLand]:
    return (
        CooperativeLand.objects.visible_to(user)
        .filter(cooperative=cooperative)
        .select_related("mouza", "parcel")
        .order_by("to_on", "-from_on", "pk")
    )


def cooperative_land_get(*, user: Any, pk: int) -> CooperativeLand:
    return CooperativeLand.objects.visible_to(user).select_related("cooperative").get(pk=pk)


def production_list(*, user: Any, cooperative: Cooperative | None = None) -> QuerySet[Production]:
    """Newest year first; each season's rows together."""
    rows = Production.objects.visible_to(user).select_related("land", "cooperative")
    if cooperative is not None:
        rows = rows.filter(cooperative=cooperative)
    return rows.order_by("-year", "season", "activity", "pk")


@dataclass(frozen=True)
class SeasonTotal:
    year: int
    season: str
    season_label: str
    sales_poisha: int
    costs_poisha: int
    rows: list[Production]

    @property
    def surplus_poisha(self) -> int:
        return self.sales_poisha - self.costs_poisha


def production_by_season(*, user: Any, cooperative: Cooperative) -> list[SeasonTotal]:
    """The cooperative's production grouped by year and season, with sales and costs."""
    seasons: dict[tuple[int, str], list[Production]] = {}
    for row in production_list(user=user, cooperative=cooperative):
        seasons.setdefault((row.year, row.season), []).append(row)
    return [
        SeasonTotal(
            year=year,
            season=season,
            season_label=str(rows[0].get_season_display()),
            sales_poisha=sum(r.sales_poisha for r in rows),
            costs_poisha=sum(r.costs_poisha for r in rows),
            rows=rows,
        )
        for (year, season), rows in seasons.items()
    ]


def cooperative_share_list_for_group(
    *, user: Any, group: LandlessGroup
) -> QuerySet[CooperativeShare]:
    """The group page: the cooperatives the group belongs to (those the user may see), with
    its shares in each."""
    return (
        CooperativeShare.objects.visible_to(user)
        .filter(group=group)
        .select_related("cooperative__district")
        .order_by("cooperative__name_en", "cooperative__name_bn", "pk")
    )
