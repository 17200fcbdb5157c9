"""Parcels, groups and claims in bulk through PostgreSQL COPY, fast enough for a million parcels.

Rows are generated to satisfy every rule the services apply (stages follow the process
graph, events are dated in order, dag numbers are unique per mouza); the database's
constraints check them again on the way in.
"""

from __future__ import annotations

import bisect
import functools
import io
import itertools
import math
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from gis.units import AREA_UNITS
from landclaims.claims import stages
from landclaims.claims.models import LearnedFrom
from landclaims.claims.stages import Possession, Stage
from landclaims.core.db import copy_from, reserve_ids
from landclaims.parcels.models import PARCEL_COPY_COLUMNS
from landclaims.places.models import AdminArea

DECIMAL_M2 = AREA_UNITS["decimal"]
METRES_PER_DEGREE = 111_320.0
CHUNK = 50_000
LAND_CLASSES = [
    ("agri_khas", 60),
    ("char", 15),
    ("jalmohal", 5),
    ("homestead", 8),
    ("vested", 4),
    ("non_agri_khas", 3),
    ("private_disputed", 5),
]
SURVEYS = [("RS", 55), ("BS", 20), ("SA", 15), ("CS", 5), ("DIARA", 5)]
GEOM_SOURCES = ["gps_walk", "digitised_mouza_map", "sketch_map"]


def weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    values, cumulative = _cumulative(tuple(pairs))
    return values[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


@functools.cache
def _cumulative(pairs: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    return [p[0] for p in pairs], list(itertools.accumulate(p[1] for p in pairs))


def between(rng: random.Random, low: int, high: int) -> int:
    """rng.randint without its overhead, which shows at a million rows."""
    return low + int(rng.random() * (high - low + 1))


@dataclass
class MouzaSlot:
    """A mouza with the organisation working there and the groups nearby."""

    mouza: AdminArea
    organisation_id: int
    group_ids: list[int]
    next_dag: int = 1
    parcel_ids: list[int] = field(default_factory=list)
    centre: tuple[float, float] = (0.0, 0.0)

    def __post_init__(self) -> None:
        # Read once: GEOS coordinate access is slow enough to matter a million times over.
        self.centre = (self.mouza.centre.x, self.mouza.centre.y)


def copy_rows(table: str, columns: list[str], rows: Iterable[tuple[object, ...]]) -> int:
    """Stream rows into `table` with COPY (core.db.copy_from), in chunks; returns the count."""
    total = 0
    batch: list[str] = []
    for row in rows:
        batch.append("\t".join(map(_copy_value, row)))
        if len(batch) >= CHUNK:
            total += _flush(table, columns, batch)
    total += _flush(table, columns, batch)
    return total


def _flush(table: str, columns: list[str], batch: list[str]) -> int:
    if not batch:
        return 0
    copy_from(table, columns, io.StringIO("\n".join(batch) + "\n"), csv=False)
    count = len(batch)
    batch.clear()
    return count


def _copy_value(value: object) -> str:
    if value is None:
        return r"\N"
    return str(value)


def analyze(*tables: str) -> None:
    """Refresh planner statistics: tables filled by COPY in this transaction still look
    empty to the planner, which then picks sequential scans over a million rows."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {table}")


# Demo mouzas and unions are invented, so they get invented outlines: the convex hull of
# their parcels (mouzas) or of their mouzas (unions), widened by ~100 m. Areas that already
# have a boundary (imported from BBS/HDX) keep it.
_OUTLINE_MOUZAS = """
UPDATE places_adminarea m SET geom = h.geom
FROM (
    SELECT mouza_id, ST_Multi(ST_Buffer(ST_ConvexHull(ST_Collect(geom)), 0.001, 2)) AS geom
    FROM parcels_parcel WHERE geom IS NOT NULL GROUP BY mouza_id
) h
WHERE m.id = h.mouza_id AND m.geom IS NULL
"""
_OUTLINE_UNIONS = """
UPDATE places_adminarea u SET geom = h.geom
FROM (
    SELECT parent_id, ST_Multi(ST_ConvexHull(ST_Collect(geom))) AS geom
    FROM places_adminarea WHERE level = 'mouza' AND geom IS NOT NULL GROUP BY parent_id
) h
WHERE u.id = h.parent_id AND u.geom IS NULL AND u.level = 'union'
"""


def outline_demo_areas() -> None:
    with connection.cursor() as cursor:
        cursor.execute(_OUTLINE_MOUZAS)
        cursor.execute(_OUTLINE_UNIONS)


def parcel_shape(rng: random.Random, centre: tuple[float, float], area_m2: float) -> str:
    """EWKT of a slightly irregular quadrilateral of about `area_m2`, near `centre`."""
    lon0 = centre[0] + rng.gauss(0, 0.006)
    lat0 = centre[1] + rng.gauss(0, 0.006)
    half = math.sqrt(area_m2) / 2
    angle = rng.uniform(0, math.pi / 2)
    corners = []
    for k in range(4):
        a = angle + k * math.pi / 2 + math.pi / 4
        r = half * math.sqrt(2) * rng.uniform(0.88, 1.12)
        dx, dy = r * math.cos(a), r * math.sin(a)
        lon = lon0 + dx / (METRES_PER_DEGREE * math.cos(math.radians(lat0)))
        corners.append(f"{lon:.7f} {lat0 + dy / METRES_PER_DEGREE:.7f}")
    corners.append(corners[0])
    return f"SRID=4326;MULTIPOLYGON((({','.join(corners)})))"


def write_parcels(slots: list[MouzaSlot], count: int, rng: random.Random) -> int:
    """Write `count` parcels spread over `slots`, each with one or two dag numbers."""
    ids = reserve_ids("parcels_parcel", count)
    now = timezone.now().isoformat()
    parcels, dags = [], []
    for parcel_id in ids:
        slot = rng.choice(slots)
        slot.parcel_ids.append(parcel_id)
        parcels.append(_parcel_row(parcel_id, slot, rng, now))
        survey = parcels[-1][SURVEY_AT]  # a dag is numbered within its survey series
        for _ in range(1 if rng.random() < 0.85 else 2):
            dags.append((parcel_id, slot.organisation_id, slot.mouza.pk, survey, slot.next_dag))
            slot.next_dag += between(rng, 1, 4)
        if len(parcels) >= CHUNK:
            _copy_parcels(parcels, dags)
    _copy_parcels(parcels, dags)
    return count


SURVEY_AT = PARCEL_COPY_COLUMNS.index("survey")  # where _parcel_row puts the survey series


def _parcel_row(pk: int, slot: MouzaSlot, rng: random.Random, now: str) -> tuple[object, ...]:
    decimals = Decimal(between(rng, 500, 30000)) / 100  # 5 to 300 decimals
    area_m2 = (decimals * DECIMAL_M2).quantize(Decimal("0.01"))
    mapped = rng.random() < 0.9  # many parcels are tracked from paper before anyone maps them
    geom = parcel_shape(rng, slot.centre, float(area_m2)) if mapped else None
    source = rng.choice(GEOM_SOURCES) if mapped else ""
    return (
        pk, now, now, slot.organisation_id, slot.mouza.pk, weighted(rng, SURVEYS),
        str(between(rng, 1, 180)), str(between(rng, 1, 6)), str(between(rng, 1, 900)),
        f"VIII/{between(rng, 1, 4)}/{between(rng, 1, 400)}", weighted(rng, LAND_CLASSES),
        decimals, "decimal", DECIMAL_M2, area_m2, geom, source,
        4326 if mapped else None, round(rng.uniform(2, 15), 1) if mapped else None, "", None, 1,
    )  # fmt: skip


def _copy_parcels(parcels: list[tuple[object, ...]], dags: list[tuple[object, ...]]) -> None:
    copy_rows("parcels_parcel", list(PARCEL_COPY_COLUMNS), parcels)
    copy_rows(
        "parcels_parceldag", ["parcel_id", "organisation_id", "mouza_id", "survey", "dag_no"], dags
    )
    parcels.clear()
    dags.clear()


# --- claims -------------------------------------------------------------------------

STAGE_WEIGHTS = [(s.value, 6) for s in stages.MAIN_LINE] + [
    (Stage.RETURNED_FOR_CORRECTION.value, 3),
    (Stage.ON_HOLD_LITIGATION.value, 4),
    (Stage.REJECTED.value, 2),
    (Stage.SETTLED_TO_OTHERS.value, 2),
    (Stage.SETTLEMENT_CANCELLED.value, 1),
    (Stage.WITHDRAWN.value, 1),
    (Stage.LAND_ERODED.value, 1),
]
POSSESSION_WEIGHTS = [
    (Possession.NOT_ENTERED.value, 20),
    (Possession.GROUP_IN_POSSESSION.value, 40),
    (Possession.CONTESTED.value, 20),
    (Possession.GRABBED.value, 12),
    (Possession.EVICTED.value, 8),
]


@dataclass
class ClaimPlan:
    """The path a demo claim took: main-line stages passed, then possibly a side state."""

    main: list[Stage]
    side: Stage | None


def plan_path(rng: random.Random, target: str) -> ClaimPlan:
    stage = Stage(target)
    if stages.is_main(stage):
        return ClaimPlan(main=list(stages.MAIN_LINE[: stages.position(stage) + 1]), side=None)
    reachable = sorted(stages.SIDE_FROM[stage], key=stages.position)
    last = rng.choice(reachable)
    return ClaimPlan(main=list(stages.MAIN_LINE[: stages.position(last) + 1]), side=stage)


def stage_number(stage: Stage, rng: random.Random, year: int) -> str:
    prefix = {
        Stage.APPLICATION_FILED: "R13",
        Stage.CASE_RECORD_SENT: "SC",
        Stage.KABULIYAT_EXECUTED: "KB",
        Stage.KABULIYAT_REGISTERED: "DR",
        Stage.MUTATED: "MC",
        Stage.DCR_ISSUED: "DCR",
    }.get(stage)
    return f"{prefix}-{between(rng, 1, 9999)}/{year}" if prefix else ""


def write_claims(
    slots: list[MouzaSlot], rng: random.Random, today: date, *, claimed_share: float = 0.85
) -> int:
    """One claim for every one to three parcels of a mouza, with its full event history."""
    claims, links_g, links_p, events = [], [], [], []
    plans = list(_claim_plans(slots, rng, claimed_share))
    ids = reserve_ids("claims_claim", len(plans))
    now = timezone.now().isoformat()
    for claim_id, (slot, parcel_ids, group_ids) in zip(ids, plans, strict=True):
        row, claim_events = _claim_rows(claim_id, slot, rng, today, now)
        claims.append(row)
        events.extend(claim_events)
        links_g.extend((claim_id, g) for g in group_ids)
        links_p.extend((claim_id, p) for p in parcel_ids)
        if len(claims) >= CHUNK:
            _copy_claims(claims, links_g, links_p, events)
    _copy_claims(claims, links_g, links_p, events)
    return len(plans)


def _claim_plans(
    slots: list[MouzaSlot], rng: random.Random, claimed_share: float
) -> Iterator[tuple[MouzaSlot, list[int], list[int]]]:
    for slot in slots:
        if not slot.group_ids:
            continue
        pending = [p for p in slot.parcel_ids if rng.random() < claimed_share]
        while pending:
            take = min(len(pending), rng.choice([1, 1, 1, 2, 3]))
            parcel_ids, pending = pending[:take], pending[take:]
            groups = rng.sample(slot.group_ids, min(len(slot.group_ids), rng.choice([1, 1, 1, 2])))
            yield slot, parcel_ids, groups


def _claim_rows(
    pk: int, slot: MouzaSlot, rng: random.Random, today: date, now: str
) -> tuple[tuple[object, ...], list[tuple[object, ...]]]:
    plan = plan_path(rng, weighted(rng, STAGE_WEIGHTS))
    steps = len(plan.main) + (1 if plan.side else 0)
    opened = today - timedelta(days=between(rng, 60 * steps, 420 * steps + 200))
    dates = sorted(
        opened + timedelta(days=between(rng, 0, (today - opened).days)) for _ in range(steps - 1)
    )
    dates = [opened, *dates]
    numbers: dict[str, str] = {}
    events = []
    previous = ""
    for stage, on in zip(plan.main, dates, strict=False):
        number = stage_number(stage, rng, on.year)
        if number:
            numbers[stages.STAGE_NUMBER_FIELD[stage]] = number
        events.append((pk, "stage", previous, stage.value, on, number, "", None, now))
        previous = stage.value
    current, resume = plan.main[-1].value, ""
    if plan.side is not None:
        events.append((pk, "stage", previous, plan.side.value, dates[-1], "", "", None, now))
        resume = current if plan.side in stages.PAUSES else ""
        current = plan.side.value
    possession = weighted(rng, POSSESSION_WEIGHTS)
    possession_on = opened + timedelta(days=between(rng, 0, (today - opened).days))
    if possession != Possession.NOT_ENTERED:
        events.append(
            (pk, "possession", "not_entered", possession, possession_on, "", "", None, now)
        )
    else:
        possession_on = opened
    kabuliyat_on = next(
        (on for s, on in zip(plan.main, dates, strict=False) if s == Stage.KABULIYAT_EXECUTED), None
    )
    row = (
        pk, now, now, slot.organisation_id, slot.mouza.district_id, "", opened, current,
        dates[-1], resume, possession, possession_on,
        numbers.get("register13_no", ""), numbers.get("settlement_case_no", ""),
        numbers.get("kabuliyat_no", ""), kabuliyat_on, numbers.get("deed_registration_no", ""),
        numbers.get("mutation_case_no", ""), "", "", numbers.get("dcr_no", ""), "", 1,
        # From the id, so that the seed's random draws (and its data) stay as they were.
        LEARNED_FROM[pk % len(LEARNED_FROM)],
    )  # fmt: skip
    return row, events


LEARNED_FROM = [choice.value for choice in LearnedFrom]
CLAIM_COLUMNS = [
    "id", "created_at", "updated_at", "organisation_id", "district_id", "title", "opened_on",
    "stage", "stage_since", "resume_stage", "possession", "possession_since", "register13_no",
    "settlement_case_no", "kabuliyat_no", "kabuliyat_on", "deed_registration_no",
    "mutation_case_no", "new_khatian_no", "holding_no", "dcr_no", "notes", "version",
    "learned_from",
]  # fmt: skip
EVENT_COLUMNS = [
    "claim_id", "kind", "from_value", "to_value", "happened_on", "number", "note",
    "recorded_by_id", "recorded_at",
]  # fmt: skip


def _copy_claims(
    claims: list[tuple[object, ...]],
    links_g: list[tuple[object, ...]],
    links_p: list[tuple[object, ...]],
    events: list[tuple[object, ...]],
) -> None:
    copy_rows("claims_claim", CLAIM_COLUMNS, claims)
    copy_rows("claims_claim_groups", ["claim_id", "landlessgroup_id"], links_g)
    copy_rows("claims_claim_parcels", ["claim_id", "parcel_id"], links_p)
    copy_rows("claims_claimevent", EVENT_COLUMNS, events)
    for rows in (claims, links_g, links_p, events):
        rows.clear()
