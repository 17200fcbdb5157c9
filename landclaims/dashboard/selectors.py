"""Every figure on the dashboard, each one query (or two) starting from `countable_by(user)`.

The definitions live here, in the docstrings and in `DEFINITIONS`, and the page's "How these
figures are counted" section prints them; the vocabulary is the claims app's own (stages,
phases, possession values in landclaims/claims/stages.py).

Figures count what the user may count (`countable_by`): what they may see and, for the staff
of a network (ALRD and its local partners), the partners' records too; counted, never listed
or named (core/scoping.py). The home page, whose counts open lists, counts the user's own.

The filters narrow what the user may count, never widen it:
- organisation: one of the organisations the user may count (a superuser counts them all);
- area: records with land in the area (claims, parcels, allocations, groups by their
  village); cases and incidents by their district, or for an area below a district by the
  claims and parcels they are linked to;
- date range: each record by its own date (see `DATE_FIELDS`); hearings and interim orders
  are about today and the next 30 days, and groups are counted as they are now.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.postgres.aggregates import BoolOr
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Sum, Window
from django.db.models.functions import Lead, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from landclaims.allocations.models import Allocation, Holder
from landclaims.cases.models import CaseType, Hearing, InterimOrder, LegalCase
from landclaims.cases.selectors import (
    Deadline,
    deadline_list_upcoming,
)
from landclaims.claims.models import Claim, ClaimEvent
from landclaims.claims.stages import MAIN_LINE, PHASE_OF_STAGE, Phase, Possession, Stage
from landclaims.core.models import Organisation
from landclaims.core.scoping import counted_organisation_ids
from landclaims.dashboard.counting import DashboardFilters, counted, scoped
from landclaims.dashboard.work import WorkFigures, work_figures
from landclaims.groups.models import LandlessGroup
from landclaims.groups.selectors import with_member_counts
from landclaims.incidents.models import Incident
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea

SEXES = ("women", "men")  # LandlessGroup.Sex values: women's and men's groups
HEARING_DAYS = 30
OPEN_CASE_STATUSES = (LegalCase.Status.PENDING, LegalCase.Status.ON_APPEAL)
# The levels the area filter offers, from the top.
AREA_LEVELS = (
    AdminArea.Level.DIVISION,
    AdminArea.Level.DISTRICT,
    AdminArea.Level.UPAZILA,
    AdminArea.Level.UNION,
)
# Which date of each record the date range applies to.
DATE_FIELDS = {
    "claims": "opened_on",
    "allocations": "approved_on",
    "cases": "filed_on",
    "incidents": "occurred_on",
}


def stages_in(*phases: Phase) -> list[str]:
    return [str(stage) for stage, phase in PHASE_OF_STAGE.items() if phase in phases]


@dataclass(frozen=True)
class LandMeasure:
    """One of the land figures: which claims put a parcel in it."""

    key: str
    label: Any
    definition: Any
    condition: Q  # on Claim


LAND_MEASURES: tuple[LandMeasure, ...] = (
    LandMeasure(
        "identified",
        _("Identified"),
        _("Parcels of every counted claim, whatever its stage."),
        Q(),
    ),
    LandMeasure(
        "in_possession",
        _("In possession"),
        _("Parcels of a claim whose possession is “Group in possession”."),
        Q(possession=Possession.GROUP_IN_POSSESSION),
    ),
    LandMeasure(
        "applied_for",
        _("Applied for"),
        _(
            "Parcels of a claim whose application is filed and awaits a decision: phases "
            "“Filed, inquiry and hearing” and “Upazila committee to DC approval”."
        ),
        Q(stage__in=stages_in(Phase.FILED, Phase.COMMITTEE)),
    ),
    LandMeasure(
        "settled",
        _("Settled"),
        _(
            "Parcels of a claim past DC approval: phases “Kabuliyat, mutation and DCR” and "
            "“Settled, possession handed over”."
        ),
        Q(stage__in=stages_in(Phase.TITLE, Phase.SETTLED)),
    ),
    LandMeasure(
        "lost",
        _("Lost"),
        _(
            "Parcels of a claim in the phase “Rejected, cancelled or lost”: rejected, settled "
            "to others, settlement cancelled, withdrawn or land eroded."
        ),
        Q(stage__in=stages_in(Phase.LOST)),
    ),
    LandMeasure(
        "possession_lost",
        _("Grabbed or evicted"),
        _("Parcels of a claim whose possession is “Grabbed” or “Evicted”, whatever its stage."),
        Q(possession__in=[Possession.GRABBED, Possession.EVICTED]),
    ),
)


# Choices for the filters ------------------------------------------------------------------


def organisation_choices(*, user: Any) -> QuerySet[Organisation]:
    """The organisations whose figures the user may see: their own and, for a network's
    staff, its partners; every one for a superuser."""
    counted = counted_organisation_ids(user)
    if counted is None:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=counted)


def area_choices() -> QuerySet[AdminArea]:
    """Divisions down to unions, in tree order (areas are public geography)."""
    return AdminArea.objects.filter(level__in=AREA_LEVELS).order_by("path")


# The records each figure counts ------------------------------------------------------------


def _dated[Q_: QuerySet[Any]](records: Q_, column: str, filters: DashboardFilters) -> Q_:
    if filters.start is not None:
        records = records.filter(**{f"{column}__gte": filters.start})
    if filters.end is not None:
        records = records.filter(**{f"{column}__lte": filters.end})
    return records


def _links_in_area(filters: DashboardFilters) -> QuerySet[Any]:
    links = Claim.parcels.through.objects.all()
    if filters.area is not None:
        links = links.filter(parcel__in=Parcel.objects.in_area(filters.area))
    return links


def counted_claims(*, user: Any, filters: DashboardFilters) -> QuerySet[Claim]:
    """Claims the user may count, of the organisation, with a parcel in the area, opened in
    the date range."""
    claims = counted(Claim.objects.all(), user=user, filters=filters)
    return _dated(claims, DATE_FIELDS["claims"], filters).order_by()


def counted_parcels(*, user: Any, filters: DashboardFilters) -> QuerySet[Parcel]:
    return counted(Parcel.objects.all(), user=user, filters=filters).order_by()


def _claims_of_sex(claims: QuerySet[Claim], sex: str) -> QuerySet[Claim]:
    with_group = Claim.groups.through.objects.filter(landlessgroup__sex=sex)
    return claims.filter(pk__in=with_group.values("claim_id"))


def counted_cases(
    *, user: Any, filters: DashboardFilters, dated: bool = True
) -> QuerySet[LegalCase]:
    """Cases the user may count, of the organisation, in the area (by district, or below a
    district by their linked claims and parcels), filed in the date range when `dated`."""
    cases = counted(LegalCase.objects.all(), user=user, filters=filters)
    if dated:
        cases = _dated(cases, DATE_FIELDS["cases"], filters)
    return cases.order_by()


def counted_incidents(*, user: Any, filters: DashboardFilters) -> QuerySet[Incident]:
    incidents = counted(Incident.objects.all(), user=user, filters=filters)
    return _dated(incidents, DATE_FIELDS["incidents"], filters).order_by()


def counted_allocations(*, user: Any, filters: DashboardFilters) -> QuerySet[Allocation]:
    allocations = counted(Allocation.objects.all(), user=user, filters=filters)
    return _dated(allocations, DATE_FIELDS["allocations"], filters).order_by()


def counted_groups(*, user: Any, filters: DashboardFilters) -> QuerySet[LandlessGroup]:
    return counted(LandlessGroup.objects.all(), user=user, filters=filters).order_by()


# Land -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LandFigure:
    key: str
    label: Any
    definition: Any
    m2: Decimal  # all counted parcels
    women_m2: Decimal  # parcels a women's group claims
    men_m2: Decimal  # parcels a men's group claims
    parcels: int
    parcels_without_area: int


def _sql(queryset: QuerySet[Any]) -> tuple[str, list[Any]] | None:
    """The queryset's SQL, to wrap in an aggregate; None when it can match nothing (a user
    who may see no records), where Django has no SQL to give."""
    try:
        sql, params = queryset.order_by().query.sql_with_params()
    except EmptyResultSet:
        return None
    return sql, list(params)


def land_figures(*, user: Any, filters: DashboardFilters) -> list[LandFigure]:
    """Area of the parcels in each land measure, in one query.

    A parcel counts once per measure even when several counted claims cover it; it counts
    in the women's column when a women's group's claim puts it there, in the men's column
    when a men's group's does (both, when both do), so the columns do not add up to the
    total when groups of both sexes claim the same parcel. Only parcels in the area count.
    """
    claims = counted_claims(user=user, filters=filters)
    links = _links_in_area(filters).filter(
        claim__in=claims, parcel__in=counted_parcels(user=user, filters=filters)
    )
    flags: dict[str, Any] = {}
    for measure in LAND_MEASURES:
        chosen = claims.filter(measure.condition)
        flags[measure.key] = BoolOr(Q(claim__in=chosen.values("pk")))
        for sex in SEXES:
            flags[f"{measure.key}_{sex}"] = BoolOr(
                Q(claim__in=_claims_of_sex(chosen, sex).values("pk"))
            )
    per_parcel = links.values("parcel_id").annotate(area=Max("parcel__area_m2"), **flags)
    compiled = _sql(per_parcel)
    if compiled is None:
        zero = Decimal(0)
        return [
            LandFigure(m.key, m.label, m.definition, zero, zero, zero, 0, 0) for m in LAND_MEASURES
        ]
    inner, params = compiled
    columns = []
    for measure in LAND_MEASURES:
        key = measure.key
        columns += [
            f"coalesce(sum(area) FILTER (WHERE {key}), 0)",
            f"coalesce(sum(area) FILTER (WHERE {key}_women), 0)",
            f"coalesce(sum(area) FILTER (WHERE {key}_men), 0)",
            f"count(*) FILTER (WHERE {key})",
            f"count(*) FILTER (WHERE {key} AND area IS NULL)",
        ]
    with connection.cursor() as cursor:
        # Only the fixed column list above and Django's own SQL; every value is a parameter.
        cursor.execute(f"SELECT {', '.join(columns)} FROM ({inner}) per_parcel", params)  # noqa: S608
        row = cursor.fetchone()
    return [
        LandFigure(measure.key, measure.label, measure.definition, *row[5 * i : 5 * i + 5])
        for i, measure in enumerate(LAND_MEASURES)
    ]


# Families and groups ----------------------------------------------------------------------

TITLE_ORDER = (
    Allocation.Title.JOINT,
    Allocation.Title.SINGLE_WOMAN,
    Allocation.Title.SINGLE_MAN,
    Allocation.Title.GROUP,
)


@dataclass(frozen=True)
class TitleFigure:
    title: str
    label: Any
    allocations: int
    m2: Decimal


def family_figures(*, user: Any, filters: DashboardFilters) -> list[TitleFigure]:
    """Allocations won (not settled to others), by title: joint husband-and-wife, single woman,
    single man, or to a group. Each allocation other than a group's is one family's
    kabuliyat; the date is the DC's approval (`approved_on`)."""
    rows = (
        counted_allocations(user=user, filters=filters)
        .filter(settled_to_others=False)
        .values("title")
        .annotate(n=Count("pk"), m2=Sum("area_m2"))
    )
    found = {row["title"]: row for row in rows}
    return [
        TitleFigure(
            str(title),
            title.label,
            found.get(title, {}).get("n", 0),
            found.get(title, {}).get("m2") or Decimal(0),
        )
        for title in TITLE_ORDER
    ]


@dataclass(frozen=True)
class SettlementFigure:
    key: str  # "ours", "others", "lost"
    label: Any
    allocations: int
    m2: Decimal


SETTLEMENT_ROWS = (
    ("ours", _("Settled to our groups")),
    ("others", _("Settled to others")),
    ("lost", _("Settled to our groups, later lost")),
)


def settlement_figures(*, user: Any, filters: DashboardFilters) -> list[SettlementFigure]:
    """Allocations approved within the date range: settled to our groups' families or to
    others, and of ours, those whose land someone other than the recipients holds now
    (another family, an encroacher, the land office, or not known)."""
    ours, others = Q(settled_to_others=False), Q(settled_to_others=True)
    lost = ours & ~Q(held_by=Holder.RECIPIENTS)
    conditions = {"ours": ours, "others": others, "lost": lost}
    counts = {f"{key}_n": Count("pk", filter=c) for key, c in conditions.items()}
    areas = {f"{key}_m2": Sum("area_m2", filter=c, default=0) for key, c in conditions.items()}
    totals = counted_allocations(user=user, filters=filters).aggregate(**counts, **areas)
    return [
        SettlementFigure(key, label, totals[f"{key}_n"], totals[f"{key}_m2"])
        for key, label in SETTLEMENT_ROWS
    ]


@dataclass(frozen=True)
class GroupFigures:
    women_groups: int
    men_groups: int
    members_women: int
    members_men: int


def group_figures(*, user: Any, filters: DashboardFilters) -> GroupFigures:
    """Landless groups by sex and their members, as they are now: the members recorded where
    a group has them, else the counts typed on the group (groups.selectors.with_member_counts)."""
    totals = with_member_counts(counted_groups(user=user, filters=filters)).aggregate(
        women_groups=Count("pk", filter=Q(sex=LandlessGroup.Sex.WOMEN)),
        men_groups=Count("pk", filter=Q(sex=LandlessGroup.Sex.MEN)),
        members_women=Sum("counted_women", default=0),
        members_men=Sum("counted_men", default=0),
    )
    return GroupFigures(**totals)


# The settlement funnel ----------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    label: Any
    reached: int  # counted claims that ever entered the stage
    reached_women: int  # ... of which a women's group is a party
    reached_men: int
    now: int  # counted claims at the stage today
    median_days: float | None  # over stays that ended; None when none has
    stays: int  # how many ended stays the median is over


def funnel(*, user: Any, filters: DashboardFilters) -> list[FunnelStep]:
    """Claims per main-line stage: how many ever reached it (a stage event into it, skipped
    stages included since they are recorded with their dates) and the median days spent in
    it, from entering it to the claim's next stage change; stays still running are not in
    the median, and a claim that entered a stage twice (returned for correction) has two
    stays."""
    claims = counted_claims(user=user, filters=filters)
    events = (
        ClaimEvent.objects.filter(kind=ClaimEvent.Kind.STAGE, claim__in=claims)
        .annotate(
            left_on=Window(
                Lead("happened_on"),
                partition_by=[F("claim_id")],
                order_by=[F("happened_on").asc(), F("id").asc()],
            ),
            women=Exists(_claims_of_sex(claims, "women").filter(pk=OuterRef("claim_id"))),
            men=Exists(_claims_of_sex(claims, "men").filter(pk=OuterRef("claim_id"))),
        )
        .values("claim_id", "to_value", "happened_on", "left_on", "women", "men")
    )
    compiled = _sql(events)
    found = {} if compiled is None else _stays_by_stage(*compiled)
    now = dict(claims.values_list("stage").annotate(n=Count("pk")))
    steps = []
    for stage in MAIN_LINE:
        reached, women, men, median, stays = found.get(stage, (0, 0, 0, None, 0))
        steps.append(
            FunnelStep(stage, stage.label, reached, women, men, now.get(stage, 0), median, stays)
        )
    return steps


def _stays_by_stage(inner: str, params: list[Any]) -> dict[str, tuple[Any, ...]]:
    sql = f"""
        SELECT to_value, count(DISTINCT claim_id),
               count(DISTINCT claim_id) FILTER (WHERE women),
               count(DISTINCT claim_id) FILTER (WHERE men),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY left_on - happened_on)
                   FILTER (WHERE left_on IS NOT NULL),
               count(*) FILTER (WHERE left_on IS NOT NULL)
        FROM ({inner}) stays GROUP BY to_value"""  # noqa: S608 (Django's own SQL inside)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0]: row[1:] for row in cursor.fetchall()}


@dataclass(frozen=True)
class StageCount:
    stage: str
    label: Any
    claims: int


def side_stage_counts(*, user: Any, filters: DashboardFilters) -> list[StageCount]:
    """Counted claims now paused or closed, by stage (the stages off the main line)."""
    now = dict(
        counted_claims(user=user, filters=filters)
        .exclude(stage__in=MAIN_LINE)
        .values_list("stage")
        .annotate(n=Count("pk"))
    )
    return [StageCount(s, s.label, now.get(s, 0)) for s in Stage if s not in MAIN_LINE]


# Cases, hearings, orders -------------------------------------------------------------------


@dataclass(frozen=True)
class CaseTypeCount:
    case_type: str
    label: Any
    cases: int


def open_cases_by_type(*, user: Any, filters: DashboardFilters) -> list[CaseTypeCount]:
    """Cases pending or on appeal, by type, filed in the date range."""
    found = dict(
        counted_cases(user=user, filters=filters)
        .filter(status__in=OPEN_CASE_STATUSES)
        .values_list("case_type")
        .annotate(n=Count("pk"))
    )
    return [CaseTypeCount(t, t.label, found[t]) for t in CaseType if found.get(t)]


@dataclass(frozen=True)
class HearingFigures:
    hearings: int
    cases: int
    start: date
    end: date


def hearings_ahead(
    *, user: Any, filters: DashboardFilters, today: date, days: int = HEARING_DAYS
) -> HearingFigures:
    """Hearings still scheduled from today to `days` (30) days ahead, in the counted cases
    (the date range does not apply: this figure is about the coming month)."""
    end = today + timedelta(days=days)
    totals = (
        scoped(Hearing.objects.all(), user=user, filters=filters)
        .filter(
            status=Hearing.Status.SCHEDULED,
            scheduled_on__range=(today, end),
            case__in=counted_cases(user=user, filters=filters, dated=False),
        )
        .aggregate(hearings=Count("pk"), cases=Count("case_id", distinct=True))
    )
    return HearingFigures(totals["hearings"], totals["cases"], today, end)


@dataclass(frozen=True)
class OrderKindCount:
    kind: str
    label: Any
    orders: int


def orders_in_force(*, user: Any, filters: DashboardFilters, today: date) -> list[OrderKindCount]:
    """Interim orders in force today (from their first day, not vacated, not past their last
    day), by kind, in the counted cases whatever their filing date."""
    found = dict(
        scoped(InterimOrder.objects.all(), user=user, filters=filters)
        .in_force(today)
        .filter(case__in=counted_cases(user=user, filters=filters, dated=False))
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    return [OrderKindCount(k, k.label, found.get(k, 0)) for k in InterimOrder.Kind]


# Incidents -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentMonth:
    month: date  # first day of the month
    by_kind: dict[str, int]
    total: int
    women_affected: int
    men_affected: int


@dataclass(frozen=True)
class IncidentFigures:
    months: list[IncidentMonth]
    kinds: list[tuple[str, Any]]  # the kinds that occur, in the model's order
    totals: dict[str, int] = field(default_factory=dict)
    total: int = 0
    women_affected: int = 0
    men_affected: int = 0


def incidents_by_month(*, user: Any, filters: DashboardFilters) -> IncidentFigures:
    """Incidents by month of occurrence and kind, with the women and men affected."""
    rows = (
        counted_incidents(user=user, filters=filters)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month", "kind")
        .annotate(n=Count("pk"), women=Sum("women_affected", default=0), men=Sum("men_affected"))
        .order_by("month", "kind")
    )
    months: dict[date, dict[str, Any]] = defaultdict(
        lambda: {"by_kind": defaultdict(int), "women": 0, "men": 0}
    )
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        month = months[row["month"]]
        month["by_kind"][row["kind"]] += row["n"]
        month["women"] += row["women"] or 0
        month["men"] += row["men"] or 0
        totals[row["kind"]] += row["n"]
    result = [
        IncidentMonth(day, dict(m["by_kind"]), sum(m["by_kind"].values()), m["women"], m["men"])
        for day, m in sorted(months.items())
    ]
    kinds = [(k.value, k.label) for k in Incident.Kind if totals.get(k)]
    return IncidentFigures(
        months=result,
        kinds=kinds,
        totals=dict(totals),
        total=sum(totals.values()),
        women_affected=sum(m.women_affected for m in result),
        men_affected=sum(m.men_affected for m in result),
    )


# Claims by upazila, for the choropleth -------------------------------------------------------


@dataclass(frozen=True)
class UpazilaClaims:
    area_id: int
    name_en: str
    name_bn: str
    claims: int
    geojson: str | None  # simplified outline


_UPAZILA_SQL = """
SELECT u.id, u.name_en, u.name_bn, n.claims,
       ST_AsGeoJSON(ST_SimplifyPreserveTopology(coalesce(u.geom, (
           SELECT ST_Union(c.geom) FROM places_adminarea c
           WHERE c.level = 'union' AND c.path LIKE u.path || '%%' AND c.geom IS NOT NULL
       )), 0.002), 5)
FROM (
    SELECT split_part(m.path, '/', 4)::int AS upazila_id, count(DISTINCT link.claim_id) AS claims
    FROM ({links}) link
    JOIN parcels_parcel p ON p.id = link.parcel_id
    JOIN places_adminarea m ON m.id = p.mouza_id
    GROUP BY 1
) n JOIN places_adminarea u ON u.id = n.upazila_id
ORDER BY u.path
"""


def claims_by_upazila(*, user: Any, filters: DashboardFilters) -> list[UpazilaClaims]:
    """Counted claims per upazila (or city corporation) their parcels in the area lie in; a
    claim with parcels in two upazilas counts in both. An upazila without an outline of its
    own is drawn as the union of its unions' outlines."""
    links = (
        _links_in_area(filters)
        .filter(claim__in=counted_claims(user=user, filters=filters))
        .values("claim_id", "parcel_id")
    )
    compiled = _sql(links)
    if compiled is None:
        return []
    inner, params = compiled
    with connection.cursor() as cursor:
        cursor.execute(_UPAZILA_SQL.format(links=inner), params)  # Django's SQL; values are params
        return [UpazilaClaims(*row) for row in cursor.fetchall()]


# Everything ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    filters: DashboardFilters
    today: date
    land: list[LandFigure]
    families: list[TitleFigure]
    groups: GroupFigures
    funnel: list[FunnelStep]
    side_stages: list[StageCount]
    open_cases: list[CaseTypeCount]
    hearings: HearingFigures
    orders: list[OrderKindCount]
    incidents: IncidentFigures
    upazilas: list[UpazilaClaims]
    claims: int
    settlements: list[SettlementFigure] = field(default_factory=list)
    work: WorkFigures | None = None  # "Groups and their work" (dashboard/work.py)

    @property
    def open_case_total(self) -> int:
        return sum(row.cases for row in self.open_cases)

    @property
    def orders_total(self) -> int:
        return sum(row.orders for row in self.orders)


def dashboard(*, user: Any, filters: DashboardFilters, today: date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    common = {"user": user, "filters": filters}
    return Dashboard(
        filters=filters,
        today=today,
        land=land_figures(**common),
        families=family_figures(**common),
        groups=group_figures(**common),
        funnel=funnel(**common),
        side_stages=side_stage_counts(**common),
        open_cases=open_cases_by_type(**common),
        hearings=hearings_ahead(**common, today=today),
        orders=orders_in_force(**common, today=today),
        incidents=incidents_by_month(**common),
        upazilas=claims_by_upazila(**common),
        claims=counted_claims(**common).count(),
        settlements=settlement_figures(**common),
        work=work_figures(**common, today=today),
    )


DEFINITIONS: tuple[tuple[Any, Any], ...] = (
    (
        _("Counted claims"),
        _(
            "Claims you may see, of the chosen organisation, with a parcel in the chosen area, "
            "opened within the date range."
        ),
    ),
    *((m.label, m.definition) for m in LAND_MEASURES),
    (
        _("Women's and men's groups"),
        _(
            "A claim is a women's (men's) claim when a women's (men's) group is one of its "
            "parties; a parcel claimed by both counts in both columns but once in the total."
        ),
    ),
    (
        _("Families settled"),
        _(
            "Allocations won (not settled to others) approved by the DC within the date "
            "range, by title: joint husband-and-wife, single woman, single man, or to a group."
        ),
    ),
    (
        _("Settled to our groups or to others"),
        _(
            "Allocations approved by the DC within the date range, settled to our groups' "
            "families or to others; “later lost”: ours whose land someone other than the "
            "recipients holds now (another family, an encroacher, the land office, or not "
            "known)."
        ),
    ),
    (
        _("Funnel"),
        _(
            "Counted claims that ever entered each stage of the main line; median days from "
            "entering a stage to the claim's next stage change, over stays that have ended."
        ),
    ),
    (
        _("Open cases"),
        _(
            "Cases pending or on appeal, filed within the date range, in the area by their "
            "district or, below a district, by the claims and parcels they concern."
        ),
    ),
    (
        _("Hearings"),
        _("Hearings still scheduled from today to 30 days ahead in those cases."),
    ),
    (
        _("Interim orders in force"),
        _("Orders in force today: begun, not vacated and not past their last day."),
    ),
    (
        _("Incidents"),
        _(
            "Incidents that occurred within the date range, by month and kind, with the "
            "women and men affected."
        ),
    ),
)


# The home page ---------------------------------------------------------------------------

HOME_HEARING_DAYS = 7
HOME_INCIDENT_DAYS = 90


@dataclass(frozen=True)
class HomeCounts:
    parcels: int
    groups: int
    claims: int
    claims_by_stage: list[tuple[str, str, int]]  # (code, label, count), in process order
    cases_open: int
    hearings_next_7_days: int
    incidents_last_90_days: int


def home_counts(*, user: Any, today: date | None = None) -> HomeCounts:
    """The home page's figures: the dashboard's own selectors, unfiltered (and for incidents
    the last 90 days), so that a figure both pages show is the same number."""
    today = today or timezone.localdate()
    unfiltered = DashboardFilters(with_partners=False)
    claims = counted_claims(user=user, filters=unfiltered)
    by_stage = dict(claims.values_list("stage").annotate(n=Count("pk")))
    recent = DashboardFilters(start=today - timedelta(days=HOME_INCIDENT_DAYS), with_partners=False)
    hearings = hearings_ahead(user=user, filters=unfiltered, today=today, days=HOME_HEARING_DAYS)
    return HomeCounts(
        parcels=counted_parcels(user=user, filters=unfiltered).count(),
        groups=counted_groups(user=user, filters=unfiltered).count(),
        claims=sum(by_stage.values()),
        claims_by_stage=[
            (s.value, s.label, by_stage[s.value]) for s in Stage if s.value in by_stage
        ],
        cases_open=sum(row.cases for row in open_cases_by_type(user=user, filters=unfiltered)),
        hearings_next_7_days=hearings.hearings,
        incidents_last_90_days=counted_incidents(user=user, filters=recent).count(),
    )


# The home page's deadline box: missed ones stay for this many days, open ones show this far
# ahead, and at most this many are listed.
HOME_DEADLINE_MISSED_DAYS = 30
HOME_DEADLINE_AHEAD_DAYS = 180
HOME_DEADLINE_ROWS = 10


def home_deadlines(*, user: Any, today: date | None = None) -> list[Deadline]:
    """Open and recently missed deadlines to appeal or revise, the user's own cases (those
    they are responsible for) first, then by last day."""
    today = today or timezone.localdate()
    found = deadline_list_upcoming(
        user=user,
        start=today - timedelta(days=HOME_DEADLINE_MISSED_DAYS),
        end=today + timedelta(days=HOME_DEADLINE_AHEAD_DAYS),
        today=today,
    )
    pending = [d for d in found if not d.met]
    pending.sort(key=lambda d: (d.case.responsible_id != user.pk, d.last_day, d.case.pk))
    return pending[:HOME_DEADLINE_ROWS]
