"""Reads behind the maps: vector tiles, popups and search, all from what the user may see.

Tiles are Mapbox Vector Tiles made by PostGIS. From zoom 12 they carry each parcel's
shape; below that, one point per union (zoom 9 to 11) or upazila (below 9) with its parcel
count and the phase most of them are in, read from the `StageCount` table, so a tile of
the whole country costs as little as a tile of one union.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.gis.db.models import Extent
from django.contrib.gis.geos import Polygon
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import QueryDict
from django.utils.translation import gettext as _

from gis.tiles import BUFFER, EXTENT, Tile
from landclaims.cases.models import InterimOrder, LegalCase
from landclaims.cases.selectors import (
    case_list,
    interim_order_list_freezing,
    under_freezing_order,
)
from landclaims.claims.leading import leading_claim_join
from landclaims.claims.models import Claim
from landclaims.claims.stages import Stage
from landclaims.core.display import place_name
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.core.scoping import scope_for
from landclaims.core.text import name_contains, normalise_search
from landclaims.groups.models import LandlessGroup
from landclaims.groups.selectors import with_labels
from landclaims.incidents.models import Incident
from landclaims.maps.layers import phase_sql
from landclaims.maps.models import LayerChange, LayerVersion, StageCount
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea

DETAIL_ZOOM = 12  # parcels as shapes from here on
UNION_ZOOM = 9  # counts per union from here, per upazila below
# Raised whenever a tile's content or encoding changes, so browsers drop cached tiles.
TILE_FORMAT = "4"


@dataclass(frozen=True)
class MapFilters:
    group: LandlessGroup | None = None
    area: AdminArea | None = None
    claim: Claim | None = None
    case: LegalCase | None = None
    stages: tuple[str, ...] = ()
    possessions: tuple[str, ...] = ()

    def query(self) -> QueryDict:
        """The filters as a query string, for tile URLs and links."""
        query = QueryDict(mutable=True)
        if self.group is not None:
            query["group"] = str(self.group.pk)
        if self.area is not None:
            query["area"] = str(self.area.pk)
        if self.claim is not None:
            query["claim"] = str(self.claim.pk)
        if self.case is not None:
            query["case"] = str(self.case.pk)
        query.setlist("stage", list(self.stages))
        query.setlist("possession", list(self.possessions))
        return query

    @property
    def needs_parcels(self) -> bool:
        """True when low-zoom counts must come from the parcels, not the stage counts
        (which know unions, not mouzas, groups, claims or cases)."""
        narrowed = (self.group, self.claim, self.case)
        return any(record is not None for record in narrowed) or (
            self.area is not None and self.area.level == AdminArea.Level.MOUZA
        )


@dataclass(frozen=True)
class SqlPart:
    sql: str
    params: list[Any] = field(default_factory=list)


def _sql(queryset: QuerySet[Any]) -> SqlPart:
    # Without order_by() the model's default ordering would make PostgreSQL sort every
    # subquery and keep it from folding the subquery into the tile query.
    sql, params = queryset.order_by().query.sql_with_params()
    return SqlPart(sql, list(params))


def _bbox(tile: Tile) -> Polygon:
    polygon = Polygon.from_bbox(tile.lonlat_bounds())
    polygon.srid = 4326
    return polygon


def _mvt_geom(column: str) -> str:
    return (
        f"ST_AsMVTGeom(ST_Transform({column}, 3857), ST_TileEnvelope(%s, %s, %s), "
        f"{EXTENT}, {BUFFER}, true)"
    )


def _tile_params(tile: Tile) -> list[int]:
    return [tile.z, tile.x, tile.y]


# Parcels ---------------------------------------------------------------------------------


def map_parcels(*, user: Any, filters: MapFilters) -> QuerySet[Parcel]:
    """Parcels the user may see, narrowed by group and area (stage and possession belong
    to the leading claim and are applied after it is chosen)."""
    parcels = Parcel.objects.visible_to(user)
    if filters.area is not None:
        parcels = parcels.in_area(filters.area)
    if filters.group is not None:
        claims = Claim.objects.visible_to(user).filter(groups=filters.group)
        parcels = parcels.filter(pk__in=claims.values("parcels"))
    if filters.claim is not None:
        parcels = parcels.filter(claims=filters.claim)
    if filters.case is not None:
        through_claims = Claim.objects.visible_to(user).filter(cases=filters.case)
        parcels = parcels.filter(
            pk__in=filters.case.parcels.values("pk").union(through_claims.values("parcels"))
        )
    return parcels


def _claims_sql(user: Any) -> SqlPart:
    claims = Claim.objects.visible_to(user).values(
        "id", "organisation_id", "stage", "possession", "stage_since"
    )
    return _sql(claims)


def _claim_conditions(filters: MapFilters) -> SqlPart:
    conditions, params = ["true"], []
    if filters.stages:
        conditions.append("coalesce(lc.stage, '') = ANY(%s)")
        params.append(list(filters.stages))
    if filters.possessions:
        conditions.append("coalesce(lc.possession, '') = ANY(%s)")
        params.append(list(filters.possessions))
    return SqlPart(" AND ".join(conditions), params)


def _sees_whole_organisation(user: Any) -> bool:
    """Whether the user sees every claim and case of each parcel they see.

    A parcel is visible when it is the user's organisation's (any, for a superuser) and lies
    in one of the user's districts; a claim or case when it is the organisation's and filed
    under one of those districts. With no district limit the user therefore sees every
    record of the parcel's organisation, which is what `ParcelColour` was computed from.
    A user limited to some districts may miss a claim or case filed under another district:
    for the few parcels flagged `claims_elsewhere`/`frozen_elsewhere` the per-user rule runs.
    """
    scope = scope_for(user)
    return scope is not None and scope.district_ids is None


def _colour_joins(user: Any) -> SqlPart:
    """FROM-clause joins giving `lc.id`, `lc.stage`, `lc.possession` (NULL without a claim)
    for parcel `p`, from its stored colour `pc` (maps.colours), running the per-user rule
    only where the stored value may differ for this user."""
    joins = "JOIN maps_parcelcolour pc ON pc.parcel_id = p.id"
    stored = ("pc.claim_id", "nullif(pc.stage, '')", "nullif(pc.possession, '')")
    if _sees_whole_organisation(user):
        id_, stage, possession = stored
        return SqlPart(
            f"{joins} CROSS JOIN LATERAL (SELECT {id_} AS id, {stage} AS stage, "
            f"{possession} AS possession) lc"
        )
    claims = _claims_sql(user)
    fallback = leading_claim_join(claims.sql, alias="ulc", only_if="pc.claims_elsewhere")
    picked = [
        f"CASE WHEN pc.claims_elsewhere THEN ulc.{name} ELSE {value} END AS {name}"
        for name, value in zip(("id", "stage", "possession"), stored, strict=True)
    ]
    return SqlPart(
        f"{joins} {fallback} CROSS JOIN LATERAL (SELECT {', '.join(picked)}) lc", claims.params
    )


# frozen_sql's SQL by scope and day. Compiling the per-user rule costs a few milliseconds,
# as much as the SQL of a dense z14 tile; every tile of a map view asks for the same text.
# The scope decides what a user sees (core.scoping), so equal scopes get equal SQL.
_FROZEN_SQL: dict[tuple[Any, date], SqlPart] = {}
_FROZEN_SQL_KEPT = 256


def frozen_sql(*, user: Any, today: date) -> SqlPart:
    """Whether parcel `p` (joined to its colour `pc`) is under a freezing order in force on
    `today` for this user: the stored spans (cases.models.order_in_force), and the per-user
    rule (cases.selectors.under_freezing_order) only where a record elsewhere reaches it."""
    key = (scope_for(user), today)
    part = _FROZEN_SQL.get(key)
    if part is None:
        if len(_FROZEN_SQL) >= _FROZEN_SQL_KEPT:
            _FROZEN_SQL.clear()
        part = _FROZEN_SQL[key] = _frozen_sql(user=user, today=today)
    return SqlPart(part.sql, list(part.params))


def _frozen_sql(*, user: Any, today: date) -> SqlPart:
    stored = "coalesce(pc.frozen_on @> %s::date, false)"
    frozen = Parcel.objects.filter(under_freezing_order(user=user, today=today)).values("pk")
    per_user = _sql(frozen)
    return SqlPart(
        f"({stored} OR (pc.frozen_elsewhere AND p.id IN ({per_user.sql})))",
        [today, *per_user.params],
    )


def parcels_with_claims_sql(
    *,
    user: Any,
    filters: MapFilters,
    columns: str,
    parcels: QuerySet[Parcel],
    extra: tuple[str, ...] = (),
) -> SqlPart:
    """SELECT `columns` FROM the parcels joined to their leading claim (`p`, `lc`) and their
    stored colour (`pc`), with the stage and possession filters applied."""
    source = _sql(parcels.values("id", "organisation_id", "mouza_id", "geom", *extra))
    joins = _colour_joins(user)
    where = _claim_conditions(filters)
    sql = f"SELECT {columns} FROM ({source.sql}) p {joins.sql} WHERE {where.sql}"
    return SqlPart(sql, [*source.params, *joins.params, *where.params])


def parcel_tile_sql(*, user: Any, tile: Tile, filters: MapFilters, today: date) -> SqlPart:
    """The SQL the parcel tile endpoint runs, exposed so the benchmark can time it alone."""
    if tile.z >= DETAIL_ZOOM:
        return _parcel_shapes_sql(user=user, tile=tile, filters=filters, today=today)
    areas = _areas_in_tile(tile)
    if not areas:  # the sea, or beyond the border: what ST_AsMVT gives for no rows
        return SqlPart("SELECT ''::bytea")
    if filters.needs_parcels:
        counts = _counts_from_parcels_sql(user=user, tile=tile, filters=filters)
    else:
        counts = _counts_from_stage_counts_sql(user=user, tile=tile, filters=filters, areas=areas)
    return _area_points_sql(tile, counts, areas)


def parcel_tile_reads_stage_counts(*, tile: Tile, filters: MapFilters) -> bool:
    """Whether the parcels tile is drawn from `StageCount` (zoomed out, no parcel filter):
    the caller then brings the counts up to date first (`maps.services.stage_counts_refresh`)."""
    return tile.z < DETAIL_ZOOM and not filters.needs_parcels


def parcel_tile(*, user: Any, tile: Tile, filters: MapFilters, today: date) -> bytes:
    return _run_tile(parcel_tile_sql(user=user, tile=tile, filters=filters, today=today))


# The group that colours a parcel (maps.colours.group_colour): the leading claim's first group,
# stored in `pc`; read afresh only where the per-user rule chose another leading claim. 0 for
# none (an MVT property cannot be NULL).
GROUP_OF_LEADING_CLAIM = (
    "coalesce(CASE WHEN lc.id IS NOT DISTINCT FROM pc.claim_id THEN pc.group_id ELSE "
    "(SELECT min(g.landlessgroup_id) FROM claims_claim_groups g WHERE g.claim_id = lc.id) "
    "END, 0)"
)


def _parcel_shapes_sql(*, user: Any, tile: Tile, filters: MapFilters, today: date) -> SqlPart:
    parcels = map_parcels(user=user, filters=filters).filter(geom__bboverlaps=_bbox(tile))
    frozen = frozen_sql(user=user, today=today)
    # ST_AsMVT drops the column it takes the feature id from out of the properties, and
    # landmap.js reads `id` from the properties (popups, getFeatureId): hence a copy, `fid`.
    # No `WHERE geom IS NOT NULL` around it: ST_AsMVT skips empty geometries itself, and the
    # filter made PostGIS build every tile geometry twice.
    columns = (
        "p.id, p.id AS fid, coalesce(lc.id, 0) AS claim, coalesce(lc.stage, '') AS stage, "
        f"{phase_sql("coalesce(lc.stage, '')")} AS phase, "
        "coalesce(lc.possession, '') AS possession, "
        f'{GROUP_OF_LEADING_CLAIM} AS "group", '
        f"{frozen.sql} AS frozen, "
        f"{_mvt_geom('p.geom')} AS geom"
    )
    rows = parcels_with_claims_sql(user=user, filters=filters, columns=columns, parcels=parcels)
    return SqlPart(
        f"SELECT ST_AsMVT(t, 'parcels', {EXTENT}, 'geom', 'fid') FROM ({rows.sql}) t",
        [*frozen.params, *_tile_params(tile), *rows.params],
    )


def _area_column(tile: Tile) -> str:
    return "union_id" if tile.z >= UNION_ZOOM else "upazila_id"


def _areas_in_tile(tile: Tile) -> list[int]:
    """The unions (upazilas below UNION_ZOOM) whose centre lies in the tile.

    Read first, as a list: given the subquery instead, PostgreSQL guessed 200 areas, read
    every stage count of the organisation and looked each one's area up (45 ms at z10 on a
    million parcels, against 4 ms starting from the ~50 unions)."""
    level = AdminArea.Level.UNION if tile.z >= UNION_ZOOM else AdminArea.Level.UPAZILA
    areas = AdminArea.objects.filter(level=level, centre__bboverlaps=_bbox(tile))
    return list(areas.values_list("pk", flat=True))


def _counts_from_stage_counts_sql(
    *, user: Any, tile: Tile, filters: MapFilters, areas: list[int]
) -> SqlPart:
    column = _area_column(tile)
    counts = StageCount.objects.visible_to(user).filter(**{f"{column}__in": areas})
    if filters.area is not None:
        counts = counts.filter(union_path__startswith=filters.area.path)
    if filters.stages:
        counts = counts.filter(stage__in=filters.stages)
    if filters.possessions:
        counts = counts.filter(possession__in=filters.possessions)
    grouped = counts.values(area_id=F(column), group_phase=F("phase")).annotate(n=Sum("parcels"))
    return _sql(grouped)


def _counts_from_parcels_sql(*, user: Any, tile: Tile, filters: MapFilters) -> SqlPart:
    area = "un.id" if tile.z >= UNION_ZOOM else "un.parent_id"
    phase = phase_sql("coalesce(lc.stage, '')")
    rows = parcels_with_claims_sql(
        user=user,
        filters=filters,
        columns=f"p.mouza_id, {phase} AS group_phase",
        parcels=map_parcels(user=user, filters=filters),
    )
    return SqlPart(
        f"SELECT {area} AS area_id, x.group_phase, count(*) AS n FROM ({rows.sql}) x "
        "JOIN places_adminarea m ON m.id = x.mouza_id "
        "JOIN places_adminarea un ON un.id = m.parent_id GROUP BY 1, 2",
        rows.params,
    )


def _area_points_sql(tile: Tile, counts: SqlPart, areas: list[int]) -> SqlPart:
    """One point per area of `areas`: its parcel count and the phase most of its parcels are
    in. No `WHERE geom IS NOT NULL` around it: ST_AsMVT skips the empty ones itself."""
    sql = f"""
    SELECT ST_AsMVT(t, 'areas', {EXTENT}, 'geom', 'fid') FROM (
        SELECT a.id, a.id AS fid, a.level, s.total AS n, s.group_phase AS phase,
               {_mvt_geom("a.centre")} AS geom
        FROM (
            SELECT DISTINCT ON (area_id) area_id, group_phase,
                   (sum(n) OVER (PARTITION BY area_id))::int AS total
            FROM ({counts.sql}) g
            ORDER BY area_id, n DESC, group_phase
        ) s
        JOIN places_adminarea a ON a.id = s.area_id
        WHERE a.id = ANY(%s)
    ) t"""
    return SqlPart(sql, [*_tile_params(tile), *counts.params, areas])


# Orders and boundaries -------------------------------------------------------------------


def order_tile_sql(*, user: Any, tile: Tile, filters: MapFilters, today: date) -> SqlPart:
    parcels = map_parcels(user=user, filters=filters).filter(geom__bboverlaps=_bbox(tile))
    # Below the detail zoom a frozen parcel is a dot: its shape would be a speck.
    shape = "p.geom" if tile.z >= DETAIL_ZOOM else "ST_PointOnSurface(p.geom)"
    source = _sql(parcels.values("id", "geom"))
    frozen = frozen_sql(user=user, today=today)
    return SqlPart(
        f"SELECT ST_AsMVT(t, 'orders', {EXTENT}, 'geom', 'id') FROM ("
        f"SELECT p.id, {_mvt_geom(shape)} AS geom FROM ({source.sql}) p "
        f"JOIN maps_parcelcolour pc ON pc.parcel_id = p.id WHERE {frozen.sql}"
        ") t",
        [*_tile_params(tile), *source.params, *frozen.params],
    )


def order_tile(*, user: Any, tile: Tile, filters: MapFilters, today: date) -> bytes:
    return _run_tile(order_tile_sql(user=user, tile=tile, filters=filters, today=today))


def boundary_level(zoom: int) -> str:
    if zoom < 8:
        return AdminArea.Level.DISTRICT
    if zoom < UNION_ZOOM + 1:
        return AdminArea.Level.UPAZILA
    if zoom < DETAIL_ZOOM:
        return AdminArea.Level.UNION
    return AdminArea.Level.MOUZA


def boundary_tile_sql(*, tile: Tile) -> SqlPart:
    """Admin boundaries at the level that suits the zoom; public geography, not scoped."""
    areas = AdminArea.objects.filter(
        level=boundary_level(tile.z), geom__bboverlaps=_bbox(tile)
    ).values("id", "level", "geom")
    source = _sql(areas)
    return SqlPart(
        f"SELECT ST_AsMVT(t, 'boundaries', {EXTENT}, 'geom', 'id') FROM ("
        f"SELECT a.id, a.level, {_mvt_geom('ST_Boundary(a.geom)')} AS geom "
        f"FROM ({source.sql}) a) t WHERE t.geom IS NOT NULL",
        [*_tile_params(tile), *source.params],
    )


def boundary_tile(*, tile: Tile) -> bytes:
    return _run_tile(boundary_tile_sql(tile=tile))


def _run_tile(part: SqlPart) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(part.sql, part.params)
        row = cursor.fetchone()
    return bytes(row[0]) if row and row[0] is not None else b""


# Caching ---------------------------------------------------------------------------------


def layer_version() -> int:
    """How many committed transactions have written to the tables the tiles read."""
    # One statement, so one snapshot: read apart, a fold committing in between (rows moved
    # from maps_layerchange into the version row) would give too low a number, an older
    # version's ETag, and a 304 for a tile that has changed.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT coalesce((SELECT version FROM {LayerVersion._meta.db_table} WHERE id = 1), 0)"
            f" + (SELECT count(*) FROM {LayerChange._meta.db_table})"
        )
        return int(cursor.fetchone()[0])


def tile_etag(*, user: Any, layer: str, tile: Tile, filters: MapFilters, today: date) -> str:
    """Changes when the data, the day (orders lapse), the user's scope or the filters do."""
    scope = scope_for(user)
    parts = [
        TILE_FORMAT,
        str(layer_version()),
        today.isoformat(),
        repr(scope),
        layer,
        f"{tile.z}/{tile.x}/{tile.y}",
        filters.query().urlencode(),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


# Search and popups -----------------------------------------------------------------------

SEARCH_LIMIT = 8  # per kind of result
# Half the side of the box a map fits around a point-only result, in degrees (~1 km).
POINT_MARGIN = 0.01


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "group", "area", "parcel" or "case"
    label: str
    where: str  # the area it lies in ("upazila, district"), to tell like names apart
    bounds: tuple[float, float, float, float] | None  # west, south, east, north
    query: dict[str, str]  # the filter that shows just this on the map

    @property
    def mapped(self) -> bool:
        return self.bounds is not None


def map_search(*, user: Any, text: str) -> list[SearchHit]:
    """Groups, areas, parcels (by dag no.) and cases matching `text`, each with the area it
    lies in and the extent of its parcels so the map can zoom to it: one line each, those
    on the map first."""
    term = normalise_search(text)
    if not term:
        return []
    hits: list[SearchHit] = []
    if has_role(user, GROUP_NAME_READERS):
        hits += _group_hits(user, term)
    hits += _area_hits(user, term)
    hits += _parcel_hits(user, term)
    hits += _case_hits(user, term)
    return ranked_hits(hits)


def ranked_hits(hits: list[SearchHit]) -> list[SearchHit]:
    """Mapped results first (a stable sort: each kind keeps its place and order), and one line
    for results that read the same (the mapped one kept)."""
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for hit in sorted(hits, key=lambda hit: not hit.mapped):
        key = (hit.kind, hit.label, hit.where)
        if key not in seen:
            seen.add(key)
            unique.append(hit)
    return unique


def local_name(place: Any) -> str:
    """A place's name in the reader's language (the other one when it has only that)."""
    return place_name(place)


def _places_above(areas: list[AdminArea]) -> dict[int, str]:
    """For each area, the upazila and district it lies in (a district: its division)."""
    wanted = {
        AdminArea.Level.UPAZILA,
        AdminArea.Level.CITY_CORPORATION,
        AdminArea.Level.DISTRICT,
    }
    ids = {int(part) for a in areas for part in a.path.strip("/").split("/") if part}
    above = {
        a.pk: a
        for a in AdminArea.objects.filter(pk__in=ids).only("path", "level", "name_en", "name_bn")
    }
    found: dict[int, str] = {}
    for area in areas:
        chain = [
            above[int(part)]
            for part in area.path.strip("/").split("/")
            if part and int(part) in above
        ]
        chain = [a for a in chain if a.pk != area.pk]
        if area.level in (AdminArea.Level.DISTRICT, AdminArea.Level.DIVISION):
            names = [local_name(a) for a in chain[-1:]]
        else:
            names = [local_name(a) for a in reversed(chain) if a.level in wanted]
        found[area.pk] = ", ".join(names)
    return found


def _mapped_parcels_of(user: Any, claims: QuerySet[Claim]) -> Exists:
    return Exists(
        Parcel.objects.visible_to(user).filter(geom__isnull=False, pk__in=claims.values("parcels"))
    )


def _group_hits(user: Any, term: str) -> list[SearchHit]:
    of_group = Claim.objects.visible_to(user).filter(groups=OuterRef(OuterRef("pk")))
    groups = (
        LandlessGroup.objects.visible_to(user)
        .filter(name_contains(("name_bn", "name_en"), term))
        .annotate(mapped=_mapped_parcels_of(user, of_group))
        .select_related("village__union")
        .order_by("-mapped", "name_bn", "pk")[:SEARCH_LIMIT]
    )
    groups = list(groups)
    where = _places_above([g.village.union for g in groups])
    return [
        SearchHit(
            "group",
            f"{group.name_bn} ({group.name_en})" if group.name_en else group.name_bn,
            ", ".join(filter(None, [local_name(group.village), where[group.village.union_id]])),
            _extent(map_parcels(user=user, filters=MapFilters(group=group)))
            if group.mapped
            else None,
            {"group": str(group.pk)},
        )
        for group in groups
    ]


def _area_hits(user: Any, term: str) -> list[SearchHit]:
    areas = AdminArea.objects.filter(name_contains(("name_bn", "name_en"), term))
    areas = list(areas.order_by("level", "name_en", "pk")[:SEARCH_LIMIT])
    where = _places_above(areas)
    return [
        SearchHit(
            "area",
            f"{area.name_en} / {area.name_bn} ({area.get_level_display()})",
            where[area.pk],
            _area_bounds(user, area),
            {"area": str(area.pk)},
        )
        for area in areas
    ]


def _parcel_hits(user: Any, term: str) -> list[SearchHit]:
    parcels = list(
        Parcel.objects.visible_to(user)
        .filter(dags__dag_no=term)
        .select_related("mouza")
        .prefetch_related("dags")
        .distinct()
        .order_by("pk")[:SEARCH_LIMIT]
    )
    where = _places_above([parcel.mouza for parcel in parcels])
    return [
        SearchHit(
            "parcel",
            f"{parcel.mouza.name_en} / {parcel.mouza.name_bn}: {parcel.dag_display}",
            where[parcel.mouza_id],
            _bounds_of(parcel.geom.extent if parcel.geom else None),
            {"area": str(parcel.mouza_id)},
        )
        for parcel in parcels
    ]


def _case_hits(user: Any, term: str) -> list[SearchHit]:
    number = term.split(" of ")[0].split("/")[0].strip()
    cases = LegalCase.objects.visible_to(user).filter(number=number).select_related("district")
    return [
        SearchHit(
            "case",
            case.display_no,
            local_name(case.district) if case.district_id else "",
            _extent(map_parcels(user=user, filters=MapFilters(case=case))),
            {"case": str(case.pk)},
        )
        for case in cases.order_by("pk")[:SEARCH_LIMIT]
    ]


def _extent(parcels: QuerySet[Parcel]) -> tuple[float, float, float, float] | None:
    return _bounds_of(parcels.aggregate(extent=Extent("geom"))["extent"])


def _bounds_of(extent: Any) -> tuple[float, float, float, float] | None:
    return tuple(extent) if extent else None


def _area_bounds(user: Any, area: AdminArea) -> tuple[float, float, float, float] | None:
    if area.geom is not None:
        return _bounds_of(area.geom.extent)
    parcels = _extent(map_parcels(user=user, filters=MapFilters(area=area)))
    if parcels is not None:
        return parcels
    if area.centre is not None:
        x, y = area.centre.x, area.centre.y
        return (x - POINT_MARGIN, y - POINT_MARGIN, x + POINT_MARGIN, y + POINT_MARGIN)
    return None


def map_bounds(*, user: Any, filters: MapFilters) -> tuple[float, float, float, float] | None:
    """Where the map should open: the extent of the filtered parcels, or of the area."""
    narrowed = filters.needs_parcels or filters.area is not None
    if not narrowed:
        return None
    found = _extent(map_parcels(user=user, filters=filters))
    if found is None and filters.area is not None:
        return _area_bounds(user, filters.area)
    return found


# The side list ----------------------------------------------------------------------------

IN_VIEW_LIMIT = 200
# The widest box (degrees, either side) the side list reads parcel by parcel, unless a group,
# claim, case or mouza narrows the map: about a 2,500 px wide window at the detail zoom.
# Wider, the map shows counts per area, and the list asks the reader to zoom in.
IN_VIEW_WIDEST = 1.0


@dataclass(frozen=True)
class ParcelInView:
    """A parcel in the map's view, as its side list shows it: its leading claim (the one that
    colours it), that claim's groups, and the next hearing of a case on it or on the claim."""

    parcel: Parcel
    claim: Claim | None
    groups: list[LandlessGroup]
    next_hearing: date | None


@dataclass(frozen=True)
class InView:
    rows: list[ParcelInView]
    total: int  # all that match; `rows` holds the first IN_VIEW_LIMIT
    too_wide: bool = False  # nothing read: the box is too wide to list parcel by parcel

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def parcel_list_in_view(
    *,
    user: Any,
    filters: MapFilters,
    bbox: tuple[float, float, float, float] | None,
    limit: int = IN_VIEW_LIMIT,
) -> InView:
    """The mapped parcels the user may see inside `bbox` (west, south, east, north; None for
    anywhere) under the map's filters, with the leading claim that colours each on the map:
    the first `limit`, claimed ones first, then by mouza and dag."""
    if not filters.needs_parcels and (
        bbox is None or max(bbox[2] - bbox[0], bbox[3] - bbox[1]) > IN_VIEW_WIDEST
    ):
        return InView([], 0, too_wide=True)
    parcels = map_parcels(user=user, filters=filters).filter(geom__isnull=False)
    if bbox is not None:
        box = Polygon.from_bbox(bbox)
        box.srid = 4326
        parcels = parcels.filter(geom__bboverlaps=box, geom__intersects=box)
    rows = parcels_with_claims_sql(
        user=user, filters=filters, columns="p.id, lc.id AS claim_id", parcels=parcels
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT x.id, x.claim_id, count(*) OVER () FROM ({rows.sql}) x "
            "ORDER BY x.claim_id IS NULL, x.id LIMIT %s",
            [*rows.params, limit],
        )
        found = cursor.fetchall()
    if not found:
        return InView([], 0)
    by_pk = (
        Parcel.objects.filter(pk__in=[row[0] for row in found])
        .select_related("mouza")
        .prefetch_related("dags")
        .in_bulk()
    )
    claim_ids = [row[1] for row in found if row[1] is not None]
    claims = (
        Claim.objects.visible_to(user)
        .filter(pk__in=claim_ids)
        .prefetch_related(Prefetch("groups", with_labels(LandlessGroup.objects.all())))
        .in_bulk()
    )
    hearings = _next_hearings(user, [row[0] for row in found], claim_ids)
    listed = []
    for parcel_id, claim_id, _total in found:
        claim = claims.get(claim_id) if claim_id is not None else None
        dates = [hearings.get(("parcel", parcel_id)), hearings.get(("claim", claim_id))]
        listed.append(
            ParcelInView(
                parcel=by_pk[parcel_id],
                claim=claim,
                groups=sorted(claim.groups.all(), key=lambda g: g.pk) if claim else [],
                next_hearing=min((d for d in dates if d is not None), default=None),
            )
        )
    listed.sort(
        key=lambda row: (row.claim is None, local_name(row.parcel.mouza), row.parcel.dag_display)
    )
    return InView(listed, int(found[0][2]))


def _next_hearings(
    user: Any, parcel_ids: list[int], claim_ids: list[int]
) -> dict[tuple[str, int], date]:
    """The soonest scheduled hearing of the cases on each parcel and on each claim."""
    soonest: dict[tuple[str, int], date] = {}
    cases = case_list(user=user).filter(next_on__isnull=False)
    links = [
        ("parcel", cases.filter(parcels__in=parcel_ids).values_list("parcels", "next_on")),
        ("claim", cases.filter(claims__in=claim_ids).values_list("claims", "next_on")),
    ]
    for kind, pairs in links:
        for pk, on in pairs:
            key = (kind, pk)
            if key not in soonest or on < soonest[key]:
                soonest[key] = on
    return soonest


@dataclass(frozen=True)
class ClaimOnParcel:
    claim: Claim
    group_names: list[str]
    group_count: int


@dataclass(frozen=True)
class ParcelPopup:
    parcel: Parcel
    claims: list[ClaimOnParcel]
    cases: list[LegalCase]  # with next_on, next_purpose
    frozen_by: list[InterimOrder]


def parcel_popup(*, user: Any, pk: int, today: date) -> ParcelPopup:
    """What a click on a parcel shows; raises Parcel.DoesNotExist when it is not visible."""
    parcel = (
        Parcel.objects.visible_to(user).select_related("mouza").prefetch_related("dags").get(pk=pk)
    )
    claims = (
        Claim.objects.visible_to(user)
        .filter(parcels=parcel)
        .prefetch_related("groups")
        .order_by("-stage_since", "-pk")
    )
    names = has_role(user, GROUP_NAME_READERS)
    on_parcel = [
        ClaimOnParcel(
            claim=claim,
            group_names=[g.name_bn for g in claim.groups.all()] if names else [],
            group_count=len(claim.groups.all()),
        )
        for claim in claims
    ]
    cases = case_list(user=user).filter(Q(parcels=parcel) | Q(claims__parcels=parcel)).distinct()
    orders = (
        interim_order_list_freezing(user=user, today=today)
        .filter(case__in=cases.values("pk"))
        .select_related("case")
    )
    return ParcelPopup(parcel, on_parcel, list(cases), list(orders))


@dataclass(frozen=True)
class AreaPopup:
    area: AdminArea
    by_stage: list[tuple[str, int]]  # stage label, parcels
    total: int


def area_popup(*, user: Any, pk: int, filters: MapFilters) -> AreaPopup:
    """Parcels by stage in one union or upazila, under the map's filters, from `StageCount`
    (the caller refreshes it first)."""
    area = AdminArea.objects.get(pk=pk)
    counts = StageCount.objects.visible_to(user).filter(union_path__startswith=area.path)
    if filters.stages:
        counts = counts.filter(stage__in=filters.stages)
    if filters.possessions:
        counts = counts.filter(possession__in=filters.possessions)
    rows = counts.values("stage").annotate(n=Sum("parcels")).order_by("-n")
    labels = dict(Stage.choices)
    by_stage = [(str(labels.get(row["stage"], _("No claim yet"))), row["n"]) for row in rows]
    return AreaPopup(area, by_stage, sum(n for _label, n in by_stage))


# Incidents -------------------------------------------------------------------------------


def map_incidents(*, user: Any, filters: MapFilters) -> QuerySet[Incident]:
    """The incidents the user may see (sexual violence only for the roles that read names:
    IncidentQuerySet.visible_to), narrowed by the map's area, group, claim and case."""
    incidents = Incident.objects.visible_to(user)
    if filters.area is not None:
        incidents = incidents.in_area(filters.area)
    if filters.group is not None:
        of_group = Q(group=filters.group) | Q(claim__groups=filters.group)
        incidents = incidents.filter(pk__in=Incident.objects.filter(of_group).values("pk"))
    if filters.claim is not None:
        incidents = incidents.filter(claim=filters.claim)
    if filters.case is not None:
        incidents = incidents.filter(legal_case=filters.case)
    return incidents  # type: ignore[return-value]


# An incident with no point of its own is drawn on its parcel.
INCIDENT_POINT = "coalesce(i.location, ST_PointOnSurface(p.geom))"


def incident_tile_sql(*, user: Any, tile: Tile, filters: MapFilters) -> SqlPart:
    """Points with their kind and date only: no names, counts, perpetrators or notes."""
    source = _sql(map_incidents(user=user, filters=filters).values("id"))
    return SqlPart(
        f"SELECT ST_AsMVT(t, 'incidents', {EXTENT}, 'geom', 'id') FROM ("
        f"SELECT i.id, i.kind, to_char(i.occurred_on, 'YYYY-MM-DD') AS occurred_on, "
        f"{_mvt_geom(INCIDENT_POINT)} AS geom "
        "FROM incidents_incident i LEFT JOIN parcels_parcel p ON p.id = i.parcel_id "
        f"WHERE i.id IN ({source.sql}) "
        f"AND {INCIDENT_POINT} && ST_Transform(ST_TileEnvelope(%s, %s, %s), 4326)"
        ") t WHERE t.geom IS NOT NULL",
        [*_tile_params(tile), *source.params, *_tile_params(tile)],
    )


def incident_tile(*, user: Any, tile: Tile, filters: MapFilters) -> bytes:
    return _run_tile(incident_tile_sql(user=user, tile=tile, filters=filters))


def incident_popup(*, user: Any, pk: int) -> Incident:
    """What a click on an incident shows: its kind and date; raises Incident.DoesNotExist
    when it is not visible."""
    return Incident.objects.visible_to(user).only("pk", "kind", "occurred_on").get(pk=pk)
