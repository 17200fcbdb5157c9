"""Writes of the maps' derived data: recounting parcels by stage for the low-zoom tiles."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from landclaims.maps.colours import COLOUR_INPUTS, DEFERRED_SETTING
from landclaims.maps.layers import phase_sql

# Any fixed number: it names the lock that keeps two refreshes from counting twice.
_REFRESH_LOCK = 7_450_331

_RECOUNT = f"""
INSERT INTO maps_stagecount (organisation_id, district_id, upazila_id, union_id, union_path,
                             stage, phase, possession, parcels, area_m2)
SELECT p.organisation_id, m.district_id, un.parent_id, un.id, un.path,
       pc.stage, {phase_sql("pc.stage")}, pc.possession, count(*),
       coalesce(sum(p.area_m2), 0)::float8
FROM parcels_parcel p
JOIN places_adminarea m ON m.id = p.mouza_id
JOIN places_adminarea un ON un.id = m.parent_id
-- Each parcel's leading claim among all claims of its organisation, kept by maps.colours
-- (the counts are per organisation, not per user, so the stored values are exact here).
JOIN maps_parcelcolour pc ON pc.parcel_id = p.id
WHERE {{where}}
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
"""

# Keep maps_layerchange short: fold its committed rows into the version row. The sum of the
# two, the layers' version, stays the same for every reader before and after.
_FOLD_CHANGES = """
WITH folded AS (DELETE FROM maps_layerchange RETURNING 1)
INSERT INTO maps_layerversion (id, version) VALUES (1, (SELECT count(*) FROM folded))
ON CONFLICT (id) DO UPDATE SET version = maps_layerversion.version + EXCLUDED.version
"""

_STALE_UNIONS = "SELECT DISTINCT parent_id FROM places_adminarea WHERE id = ANY(%s)"

# Read before taking the lock: a tile request that finds nothing to do must not open a
# writing transaction (its commit flush costs more than the tile's own query).
_ANYTHING_PENDING = """
SELECT EXISTS (SELECT 1 FROM maps_stalemouza) OR EXISTS (SELECT 1 FROM maps_layerchange)
"""


def stage_counts_refresh() -> int:
    """Recount the unions whose parcels or claims changed since the last refresh.

    Returns how many unions were recounted (-1 for all). Cheap when nothing changed:
    one read, no transaction.
    """
    with connection.cursor() as cursor:
        cursor.execute(_ANYTHING_PENDING)
        if not cursor.fetchone()[0]:
            return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_REFRESH_LOCK])
        cursor.execute(_FOLD_CHANGES)
        cursor.execute("DELETE FROM maps_stalemouza RETURNING mouza_id")
        stale = [row[0] for row in cursor.fetchall()]
        if not stale:
            return 0
        if 0 in stale:
            cursor.execute("DELETE FROM maps_stagecount")
            cursor.execute(_RECOUNT.format(where="true"))
            return -1
        cursor.execute(_STALE_UNIONS, [stale])
        unions = [row[0] for row in cursor.fetchall() if row[0] is not None]
        cursor.execute("DELETE FROM maps_stagecount WHERE union_id = ANY(%s)", [unions])
        cursor.execute(_RECOUNT.format(where="un.id = ANY(%s)"), [unions])
        return len(unions)


@contextmanager
def parcel_colours_deferred() -> Iterator[None]:
    """For bulk loads: the colour triggers skip every statement inside, and every parcel is
    recoloured once, set-based, at the end. Must run inside a transaction (SET LOCAL), so a
    failure rolls the load back with it and nothing is left uncoloured."""
    if not connection.in_atomic_block:
        raise RuntimeError("parcel_colours_deferred() needs a transaction.")
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL {DEFERRED_SETTING} = 'on'")
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL {DEFERRED_SETTING} = 'off'")
        # Planner statistics first: tables filled in this transaction still look empty,
        # and the set-based recolouring planned for empty tables nests scans of all of them.
        cursor.execute(f"ANALYZE {', '.join(COLOUR_INPUTS)}")
        cursor.execute("SELECT maps_colour_all()")
