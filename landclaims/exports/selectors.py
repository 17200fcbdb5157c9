"""Reads behind exports: one SQL statement per layer, every part of it from what the user may
see, filtered exactly as the map filters (the parcels come through maps.selectors).

The statement returns the layer's columns and, last, the geometry: as hexadecimal WKB for
the service's COPY, or as a PostGIS geometry for the benchmark's `ogr2ogr` reference. It is
transformed to the asked CRS in PostgreSQL; no row passes through Python code on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from gis.crs import STORAGE_SRID, check_srid
from gis.vector_write import Field
from landclaims.allocations.models import Allocation
from landclaims.cases.models import Hearing, LegalCase
from landclaims.cases.selectors import interim_order_list_freezing, under_freezing_order
from landclaims.claims.models import Claim
from landclaims.cooperatives.models import CooperativeLand
from landclaims.core.models import Preference
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.core.scoping import scope_for
from landclaims.exports.layers import (
    COLUMNS,
    GEOMETRY_TYPES,
    PUBLIC_INCIDENT_GRID_DEGREES,
    Column,
    included,
)
from landclaims.exports.models import REVEALING, ExportLog, Layer, Profile
from landclaims.groups.models import LandlessGroup
from landclaims.incidents.models import Incident
from landclaims.maps.selectors import (
    MapFilters,
    SqlPart,
    _sql,
    map_parcels,
    parcels_with_claims_sql,
)
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea

# Roles and the profiles they may choose; the least revealing is each role's default.
PROFILES_BY_ROLE: dict[str, tuple[Profile, ...]] = {
    **dict.fromkeys(GROUP_NAME_READERS, REVEALING),
    "monitor": (Profile.PUBLIC, Profile.MONITOR),
    "viewer": (Profile.PUBLIC,),
}


@dataclass(frozen=True)
class ExportFilters(MapFilters):
    """The map's filters plus a date range (what the date is depends on the layer: see
    DATE_COLUMNS)."""

    date_from: date | None = None
    date_to: date | None = None

    def as_json(self) -> dict[str, Any]:
        records = {"group": self.group, "area": self.area, "claim": self.claim, "case": self.case}
        out: dict[str, Any] = {k: v.pk for k, v in records.items() if v is not None}
        if self.stages:
            out["stages"] = list(self.stages)
        if self.possessions:
            out["possessions"] = list(self.possessions)
        if self.date_from:
            out["date_from"] = self.date_from.isoformat()
        if self.date_to:
            out["date_to"] = self.date_to.isoformat()
        return out


# The date a layer's date range applies to.
DATE_COLUMNS: dict[Layer, str] = {
    Layer.PARCELS: "c.stage_since",  # the leading claim reached its stage
    Layer.CLAIMS: "c.stage_since",
    Layer.GROUPS: "g.formed_on",
    Layer.CASES: "k.filed_on",
    Layer.INCIDENTS: "i.occurred_on",
    Layer.ALLOCATIONS: "al.kabuliyat_on",
    Layer.COOPERATIVE_LAND: "cl.from_on",
}


class FilterRecordGone(LookupError):
    """A filter names a record the user may no longer see."""


def export_filters_from_json(*, user: Any, data: dict[str, Any]) -> ExportFilters:
    """Filters stored in an ExportLog, looked up again through what the user may see now."""
    querysets = {
        "group": LandlessGroup.objects.visible_to(user),
        "claim": Claim.objects.visible_to(user),
        "case": LegalCase.objects.visible_to(user),
        "area": AdminArea.objects.all(),
    }
    records: dict[str, Any] = {}
    for name, queryset in querysets.items():
        if data.get(name) is not None:
            records[name] = queryset.filter(pk=data[name]).first()
            if records[name] is None:
                raise FilterRecordGone(name)
    return ExportFilters(
        **records,
        stages=tuple(data.get("stages", ())),
        possessions=tuple(data.get("possessions", ())),
        date_from=date.fromisoformat(data["date_from"]) if data.get("date_from") else None,
        date_to=date.fromisoformat(data["date_to"]) if data.get("date_to") else None,
    )


# Profiles ---------------------------------------------------------------------------------


def allowed_profiles(*, user: Any) -> tuple[Profile, ...]:
    scope = scope_for(user)
    if scope is None:
        return ()
    return PROFILES_BY_ROLE.get(scope.role, (Profile.PUBLIC,))


def default_profile(*, user: Any) -> Profile | None:
    """The least revealing profile the user's role allows."""
    allowed = allowed_profiles(user=user)
    return min(allowed, key=REVEALING.index) if allowed else None


# The statement ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportQuery:
    sql: str
    params: list[Any]
    fields: tuple[Field, ...]
    geometry_type: str
    columns: tuple[Column, ...] = field(default=(), repr=False)


def export_columns(*, user: Any, layer: Layer, profile: Profile) -> tuple[Column, ...]:
    reads_names = has_role(user, GROUP_NAME_READERS)
    return tuple(c for c in COLUMNS[layer] if included(c, profile=profile, reads_names=reads_names))


def export_query(
    *,
    user: Any,
    layer: Layer,
    profile: Profile,
    filters: ExportFilters,
    srid: int,
    today: date,
    geometry: str = "hex",
) -> ExportQuery:
    """The one statement an export runs: the layer's columns for `profile`, then `geom` in
    `srid`: hexadecimal WKB text (`geometry="hex"`, for COPY ... FORMAT csv) or a PostGIS
    geometry (`"native"`, for ogr2ogr)."""
    check_srid(srid)
    columns = export_columns(user=user, layer=layer, profile=profile)
    select = ", ".join(f'{c.expression(profile)} AS "{c.field.name}"' for c in columns)
    built = _BUILDERS[layer](user=user, filters=filters, profile=profile, today=today)
    source, geom = built.source, built.geometry
    geom_sql = geom if srid == STORAGE_SRID else f"ST_Transform({geom}, {int(srid)})"
    if geometry == "hex":
        geom_sql = f"encode(ST_AsBinary({geom_sql}), 'hex')"
    where, where_params = _date_range(layer, filters)
    sql = f"{source.sql.replace('{select}', f'{select}, {geom_sql} AS geom')}{where}"
    return ExportQuery(
        sql=sql,
        params=[*source.params, *where_params],
        fields=tuple(c.field for c in columns),
        geometry_type=GEOMETRY_TYPES[layer],
        columns=columns,
    )


def export_count_query(*, user: Any, layer: Layer, filters: ExportFilters, today: date) -> SqlPart:
    """How many rows the export will have, cheaply (no columns, no aggregates, no shapes)."""
    built = _BUILDERS[layer](user=user, filters=filters, profile=Profile.PUBLIC, today=today)
    where, where_params = _date_range(layer, filters)
    return SqlPart(built.count.sql + where, [*built.count.params, *where_params])


def _date_range(layer: Layer, filters: ExportFilters) -> tuple[str, list[Any]]:
    column = DATE_COLUMNS.get(layer)
    conditions, params = [], []
    if column and filters.date_from:
        conditions.append(f"{column} >= %s")
        params.append(filters.date_from)
    if column and filters.date_to:
        conditions.append(f"{column} <= %s")
        params.append(filters.date_to)
    # Every builder's statement ends in a WHERE clause, so the range is added with AND.
    return "".join(f" AND {c}" for c in conditions), params


# Shared parts ------------------------------------------------------------------------------


def _visible_claims(user: Any) -> QuerySet[Claim]:
    return Claim.objects.visible_to(user)


def _claims_in_stages(user: Any, filters: MapFilters) -> QuerySet[Claim]:
    claims = _visible_claims(user)
    if filters.stages:
        claims = claims.filter(stage__in=filters.stages)
    if filters.possessions:
        claims = claims.filter(possession__in=filters.possessions)
    return claims


def _group_aggregates_sql(user: Any) -> SqlPart:
    """Per claim: its visible groups counted by kind, their members by sex, ids and names."""
    groups = _sql(
        LandlessGroup.objects.visible_to(user).values(
            "id", "sex", "members_women", "members_men", "name_bn"
        )
    )
    sql = f"""SELECT cg.claim_id,
        count(*) AS groups,
        count(*) FILTER (WHERE g.sex = 'women') AS groups_women,
        count(*) FILTER (WHERE g.sex = 'men') AS groups_men,
        sum(g.members_women) AS members_women,
        sum(g.members_men) AS members_men,
        string_agg(g.id::text, ', ' ORDER BY g.id) AS group_ids,
        string_agg(g.name_bn, '; ' ORDER BY g.id) AS group_names
      FROM claims_claim_groups cg JOIN ({groups.sql}) g ON g.id = cg.landlessgroup_id
      GROUP BY cg.claim_id"""  # noqa: S608
    return SqlPart(sql, groups.params)


def _visible_case_hearings_sql(user: Any) -> SqlPart:
    """Visible cases with their scheduled hearing date (a case has at most one)."""
    cases = _sql(LegalCase.objects.visible_to(user).values("id"))
    sql = f"""SELECT vc.id AS case_id, h.scheduled_on
      FROM ({cases.sql}) vc
      LEFT JOIN cases_hearing h ON h.case_id = vc.id AND h.status = '{Hearing.Status.SCHEDULED}'"""  # noqa: S608
    return SqlPart(sql, cases.params)


def _area_joins(mouza: str) -> str:
    """Names of the union, upazila and district above a mouza column."""
    return (
        f" JOIN places_adminarea m ON m.id = {mouza}"
        " LEFT JOIN places_adminarea un ON un.id = m.parent_id"
        " LEFT JOIN places_adminarea uz ON uz.id = un.parent_id"
        " LEFT JOIN places_adminarea d ON d.id = m.district_id"
    )


# Layers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LayerSql:
    """What a layer builder returns. `source.sql` is the statement, its select list the
    placeholder {select}; `geometry` the row's geometry in EPSG:4326; `count` a cheap
    statement counting the same rows (no aggregates, no shapes). Both statements end in a
    WHERE clause over the aliases the layer's date range uses (DATE_COLUMNS)."""

    source: SqlPart
    geometry: str
    count: SqlPart


def _count_of(table: str, alias: str, chosen: SqlPart) -> SqlPart:
    return SqlPart(
        f"SELECT count(*) FROM {table} {alias} WHERE {alias}.id IN ({chosen.sql})",  # noqa: S608
        chosen.params,
    )


def _parcels(*, user: Any, filters: ExportFilters, profile: Profile, today: date) -> LayerSql:
    frozen = ExpressionWrapper(
        under_freezing_order(user=user, today=today), output_field=BooleanField()
    )
    parcels = map_parcels(user=user, filters=filters).annotate(frozen=frozen)
    extra = (
        "survey", "jl_no", "sheet_no", "khatian_no", "register_viii_ref", "land_class",
        "area_value", "area_unit", "area_m2", "geom_source", "accuracy_m", "notes", "frozen",
    )  # fmt: skip
    rows = parcels_with_claims_sql(
        user=user,
        filters=filters,
        columns=(
            "p.*, lc.id AS claim_id, lc.stage AS claim_stage, lc.possession AS claim_possession"
        ),
        parcels=parcels,
        extra=extra,
    )
    groups = _group_aggregates_sql(user)
    hearings = _visible_case_hearings_sql(user)
    claims = _sql(_visible_claims(user).values("id"))
    sql = f"""WITH grp AS ({groups.sql}), hearing AS ({hearings.sql}),
    nxt AS (
      SELECT pc.parcel_id, count(DISTINCT pc.case_id) AS cases,
        min(hearing.scheduled_on) AS next_hearing
      FROM (
        SELECT lp.parcel_id, lp.legalcase_id AS case_id FROM cases_legalcase_parcels lp
        UNION
        SELECT cp.parcel_id, lcc.legalcase_id FROM cases_legalcase_claims lcc
        JOIN claims_claim_parcels cp ON cp.claim_id = lcc.claim_id
        WHERE lcc.claim_id IN ({claims.sql})
      ) pc JOIN hearing ON hearing.case_id = pc.case_id
      GROUP BY pc.parcel_id
    )
    SELECT {{select}} FROM ({rows.sql}) x {_area_joins("x.mouza_id")}
    LEFT JOIN claims_claim c ON c.id = x.claim_id
    LEFT JOIN grp ON grp.claim_id = x.claim_id
    LEFT JOIN nxt ON nxt.parcel_id = x.id
    LEFT JOIN LATERAL (
      SELECT string_agg(pd.dag_no, ', ' ORDER BY pd.id) AS dag_nos
      FROM parcels_parceldag pd WHERE pd.parcel_id = x.id
    ) dg ON true
    WHERE true"""  # noqa: S608
    params = [*groups.params, *hearings.params, *claims.params, *rows.params]
    counted = parcels_with_claims_sql(
        user=user,
        filters=filters,
        columns="p.id, lc.id AS claim_id",
        parcels=map_parcels(user=user, filters=filters),
    )
    count = SqlPart(
        f"SELECT count(*) FROM ({counted.sql}) x "  # noqa: S608
        "LEFT JOIN claims_claim c ON c.id = x.claim_id WHERE true",
        counted.params,
    )
    # GeoDjango selects geometry as EWKB bytea (PostGIS select format); cast it back.
    return LayerSql(SqlPart(sql, params), "x.geom::geometry", count)


def _claims(*, user: Any, filters: ExportFilters, profile: Profile, today: date) -> LayerSql:
    claims = _claims_in_stages(user, filters)
    if filters.area is not None:
        claims = claims.in_area(filters.area)
    if filters.group is not None:
        claims = claims.filter(groups=filters.group)
    if filters.claim is not None:
        claims = claims.filter(pk=filters.claim.pk)
    if filters.case is not None:
        claims = claims.filter(
            Q(cases=filters.case) | Q(parcels__in=filters.case.parcels.values("pk"))
        ).distinct()
    chosen = _sql(claims.values("id"))
    parcels = _sql(Parcel.objects.visible_to(user).values("id", "mouza_id", "area_m2", "geom"))
    groups = _group_aggregates_sql(user)
    hearings = _visible_case_hearings_sql(user)
    sql = f"""WITH grp AS ({groups.sql}), hearing AS ({hearings.sql})
    SELECT {{select}} FROM claims_claim c
    JOIN places_adminarea d ON d.id = c.district_id
    LEFT JOIN grp ON grp.claim_id = c.id
    LEFT JOIN LATERAL (
      SELECT count(*) AS parcels, sum(p.area_m2)::float8 AS area_m2,
        string_agg(DISTINCT m.name_en, ', ') AS mouzas,
        ST_Multi(ST_CollectionExtract(ST_Union(p.geom::geometry), 3)) AS geom
      FROM claims_claim_parcels cp JOIN ({parcels.sql}) p ON p.id = cp.parcel_id
      JOIN places_adminarea m ON m.id = p.mouza_id
      WHERE cp.claim_id = c.id
    ) pa ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS cases, min(hearing.scheduled_on) AS next_hearing
      FROM cases_legalcase_claims lcc JOIN hearing ON hearing.case_id = lcc.legalcase_id
      WHERE lcc.claim_id = c.id
    ) nxt ON true
    WHERE c.id IN ({chosen.sql})"""  # noqa: S608
    params = [*groups.params, *hearings.params, *parcels.params, *chosen.params]
    return LayerSql(SqlPart(sql, params), "pa.geom", _count_of("claims_claim", "c", chosen))


def _groups(*, user: Any, filters: ExportFilters, profile: Profile, today: date) -> LayerSql:
    groups = LandlessGroup.objects.visible_to(user)
    if filters.area is not None:
        groups = groups.in_area(filters.area)
    if filters.group is not None:
        groups = groups.filter(pk=filters.group.pk)
    if filters.claim is not None:
        groups = groups.filter(claims=filters.claim)
    if filters.case is not None:
        groups = groups.filter(
            pk__in=_visible_claims(user).filter(cases=filters.case).values("groups")
        )
    if filters.stages or filters.possessions:
        groups = groups.filter(pk__in=_claims_in_stages(user, filters).values("groups"))
    chosen = _sql(groups.values("id"))
    claims = _sql(_visible_claims(user).values("id"))
    sql = f"""SELECT {{select}} FROM groups_landlessgroup g
    JOIN places_village v ON v.id = g.village_id
    JOIN places_adminarea un ON un.id = v.union_id
    LEFT JOIN places_adminarea uz ON uz.id = un.parent_id
    LEFT JOIN places_adminarea d ON d.id = un.district_id
    LEFT JOIN LATERAL (
      SELECT count(*) AS claims FROM claims_claim_groups cg
      WHERE cg.landlessgroup_id = g.id AND cg.claim_id IN ({claims.sql})
    ) gc ON true
    WHERE g.id IN ({chosen.sql})"""  # noqa: S608
    count = _count_of("groups_landlessgroup", "g", chosen)
    return LayerSql(SqlPart(sql, [*claims.params, *chosen.params]), "v.location", count)


def _cases(*, user: Any, filters: ExportFilters, profile: Profile, today: date) -> LayerSql:
    visible = LegalCase.objects.visible_to(user)
    cases = visible
    if filters.area is not None:
        cases = cases.in_area(filters.area)
    if filters.group is not None:
        cases = cases.filter(pk__in=visible.filter(claims__groups=filters.group).values("pk"))
    if filters.claim is not None:
        cases = cases.filter(pk__in=visible.filter(claims=filters.claim).values("pk"))
    if filters.case is not None:
        cases = cases.filter(pk=filters.case.pk)
    if filters.stages or filters.possessions:
        cases = cases.filter(
            pk__in=visible.filter(claims__in=_claims_in_stages(user, filters)).values("pk")
        )
    chosen = _sql(cases.values("id"))
    # The rule "a freezing order in force" comes from cases, compiled by the ORM.
    frozen = _sql(interim_order_list_freezing(user=user, today=today).values("id", "case_id"))
    parcels = _sql(Parcel.objects.visible_to(user).values("id", "geom"))
    claims = _sql(_visible_claims(user).values("id"))
    claims_again = _sql(_visible_claims(user).values("id"))
    sql = f"""SELECT {{select}} FROM cases_legalcase k
    JOIN places_adminarea d ON d.id = k.district_id
    LEFT JOIN cases_hearing h ON h.case_id = k.id AND h.status = '{Hearing.Status.SCHEDULED}'
    LEFT JOIN LATERAL (
      SELECT o.id FROM ({frozen.sql}) o WHERE o.case_id = k.id LIMIT 1
    ) fo ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS parcels,
        ST_Multi(ST_CollectionExtract(ST_Union(p.geom::geometry), 3)) AS geom
      FROM ({parcels.sql}) p
      WHERE p.id IN (
        SELECT lp.parcel_id FROM cases_legalcase_parcels lp WHERE lp.legalcase_id = k.id
        UNION
        SELECT cp.parcel_id FROM cases_legalcase_claims lcc
        JOIN claims_claim_parcels cp ON cp.claim_id = lcc.claim_id
        WHERE lcc.legalcase_id = k.id AND lcc.claim_id IN ({claims.sql})
      )
    ) pa ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS claims FROM cases_legalcase_claims lcc
      WHERE lcc.legalcase_id = k.id AND lcc.claim_id IN ({claims_again.sql})
    ) kc ON true
    WHERE k.id IN ({chosen.sql})"""  # noqa: S608
    params = [
        *frozen.params,
        *parcels.params,
        *claims.params,
        *claims_again.params,
        *chosen.params,
    ]
    return LayerSql(SqlPart(sql, params), "pa.geom", _count_of("cases_legalcase", "k", chosen))


def _incidents(*, user: Any, filters: ExportFilters, profile: Profile, today: date) -> LayerSql:
    incidents = Incident.objects.visible_to(user)
    if profile != Profile.STAFF:
        incidents = incidents.shareable()  # sexual violence leaves only in staff files
    if filters.area is not None:
        incidents = incidents.in_area(filters.area)
    if filters.group is not None:
        incidents = incidents.filter(
            pk__in=Incident.objects.filter(Q(group=filters.group) | Q(claim__groups=filters.group))
        )
    if filters.claim is not None:
        incidents = incidents.filter(claim=filters.claim)
    if filters.case is not None:
        incidents = incidents.filter(legal_case=filters.case)
    if filters.stages or filters.possessions:
        incidents = incidents.filter(claim__in=_claims_in_stages(user, filters))
    chosen = _sql(incidents.values("id"))
    sql = f"""SELECT {{select}} FROM incidents_incident i
    JOIN places_adminarea d ON d.id = i.district_id
    WHERE i.id IN ({chosen.sql})"""  # noqa: S608
    # Public files place an incident only roughly: an exact point can name the household.
    grid = PUBLIC_INCIDENT_GRID_DEGREES
    geom = f"ST_SnapToGrid(i.location, {grid})" if profile == Profile.PUBLIC else "i.location"
    count = _count_of("incidents_incident", "i", chosen)
    return LayerSql(SqlPart(sql, chosen.params), geom, count)


def _admin_areas(*, user: Any, filters: ExportFilters, profile: Profile, today: date) -> LayerSql:
    areas = AdminArea.objects.all()
    if filters.area is not None:
        areas = areas.filter(path__startswith=filters.area.path)
    chosen = _sql(areas.values("id"))
    rows = parcels_with_claims_sql(
        user=user,
        filters=filters,
        columns="p.mouza_id",
        parcels=map_parcels(user=user, filters=filters),
    )
    # Parcels per mouza, then added up to every area above it through the mouza's path.
    sql = f"""WITH per_mouza AS (
      SELECT x.mouza_id, count(*) AS parcels FROM ({rows.sql}) x GROUP BY x.mouza_id
    ), per_area AS (
      SELECT ancestor::bigint AS area_id, sum(pm.parcels) AS parcels
      FROM per_mouza pm JOIN places_adminarea mz ON mz.id = pm.mouza_id
      CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from mz.path), '/')) ancestor
      GROUP BY 1
    )
    SELECT {{select}} FROM places_adminarea a
    LEFT JOIN per_area n ON n.area_id = a.id
    WHERE a.id IN ({chosen.sql})"""  # noqa: S608
    count = _count_of("places_adminarea", "a", chosen)
    return LayerSql(SqlPart(sql, [*rows.params, *chosen.params]), "a.geom", count)


def _allocations(*, user: Any, filters: ExportFilters, profile: Profile, today: date) -> LayerSql:
    allocations = Allocation.objects.visible_to(user)
    if filters.area is not None:
        allocations = allocations.in_area(filters.area)
    if filters.group is not None:
        allocations = allocations.filter(group=filters.group)
    if filters.claim is not None:
        allocations = allocations.filter(claim=filters.claim)
    if filters.case is not None:
        allocations = allocations.filter(
            Q(claim__cases=filters.case) | Q(parcel__in=filters.case.parcels.values("pk"))
        )
    if filters.stages or filters.possessions:
        allocations = allocations.filter(claim__in=_claims_in_stages(user, filters))
    chosen = _sql(allocations.values("id"))
    sql = f"""SELECT {{select}} FROM allocations_allocation al
    JOIN parcels_parcel p ON p.id = al.parcel_id {_area_joins("p.mouza_id")}
    LEFT JOIN LATERAL (
      SELECT string_agg(gm.code, ', ' ORDER BY gm.code) AS codes
      FROM allocations_allocation_members am JOIN groups_member gm ON gm.id = am.member_id
      WHERE am.allocation_id = al.id
    ) rc ON true
    WHERE al.id IN ({chosen.sql})"""  # noqa: S608
    count = _count_of("allocations_allocation", "al", chosen)
    return LayerSql(SqlPart(sql, chosen.params), "p.geom", count)


def _cooperative_land(
    *, user: Any, filters: ExportFilters, profile: Profile, today: date
) -> LayerSql:
    land = CooperativeLand.objects.visible_to(user)
    if filters.area is not None:
        land = land.filter(pk__in=_land_in_area(user, filters.area))
    if filters.group is not None:
        land = land.filter(cooperative__shares__group=filters.group)
    if filters.claim is not None:
        land = land.filter(parcel__in=filters.claim.parcels.values("pk"))
    if filters.case is not None:
        land = land.filter(parcel__in=filters.case.parcels.values("pk"))
    if filters.stages or filters.possessions:
        land = land.filter(parcel__claims__in=_claims_in_stages(user, filters))
    chosen = _sql(land.values("id"))
    groups = _sql(LandlessGroup.objects.visible_to(user).values("id", "name_bn"))
    sql = f"""SELECT {{select}} FROM cooperatives_cooperativeland cl
    JOIN cooperatives_cooperative co ON co.id = cl.cooperative_id
    JOIN places_adminarea d ON d.id = co.district_id
    LEFT JOIN places_adminarea m ON m.id = cl.mouza_id
    LEFT JOIN LATERAL (
      SELECT count(*) AS groups, string_agg(vg.name_bn, '; ' ORDER BY vg.name_bn) AS group_names
      FROM cooperatives_cooperativeshare cs JOIN ({groups.sql}) vg ON vg.id = cs.group_id
      WHERE cs.cooperative_id = co.id
    ) cg ON true
    WHERE cl.id IN ({chosen.sql})"""  # noqa: S608
    count = _count_of("cooperatives_cooperativeland", "cl", chosen)
    return LayerSql(SqlPart(sql, [*groups.params, *chosen.params]), "cl.geom", count)


def _land_in_area(user: Any, area: AdminArea) -> QuerySet[CooperativeLand]:
    """Land in `area`: by its mouza where known, else by its cooperative's district."""
    land = CooperativeLand.objects.visible_to(user)
    by_mouza = land.filter(mouza__path__startswith=area.path)
    by_district = land.filter(mouza__isnull=True).in_area(area)
    return CooperativeLand.objects.filter(
        Q(pk__in=by_mouza.values("pk")) | Q(pk__in=by_district.values("pk"))
    ).values("pk")


_BUILDERS = {
    Layer.PARCELS: _parcels,
    Layer.CLAIMS: _claims,
    Layer.GROUPS: _groups,
    Layer.CASES: _cases,
    Layer.INCIDENTS: _incidents,
    Layer.ADMIN_AREAS: _admin_areas,
    Layer.ALLOCATIONS: _allocations,
    Layer.COOPERATIVE_LAND: _cooperative_land,
}


# The log ----------------------------------------------------------------------------------

RECENT_EXPORTS = 20


def export_choices_remembered(*, user: Any) -> dict[str, Any]:
    """The user's last choices on the export form ({} before the first export)."""
    preference = Preference.objects.filter(user=user).only("export_choices").first()
    choices = preference.export_choices if preference is not None else {}
    return dict(choices) if isinstance(choices, dict) else {}


def export_list_recent(*, user: Any) -> QuerySet[ExportLog]:
    """The user's own latest exports, for the page."""
    return ExportLog.objects.visible_to(user).filter(user=user)[:RECENT_EXPORTS]


def export_get_for_download(*, user: Any, pk: int) -> ExportLog:
    """A finished export of this user whose profile their role still allows; raises
    ExportLog.DoesNotExist otherwise (someone else's export is as if it did not exist)."""
    log = ExportLog.objects.visible_to(user).get(pk=pk, user=user, status=ExportLog.Status.DONE)
    if log.profile not in allowed_profiles(user=user):
        raise ExportLog.DoesNotExist
    return log
