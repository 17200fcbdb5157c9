"""seed_demo's data for the tests that need it: seeded once per test database, copied back
for every later test that asks.

Seeding costs seconds (every real district and upazila, then parcels, claims, cases and their
audit events); copying the tables back costs a fraction of one. The first test of a worker to
ask runs the real `seed_demo` on its empty database and keeps a copy of every table in a schema
of its own, which Django's `flush` does not touch. Later tests get those rows back, with the
same ids and sequences, in place of their own (emptied) tables: the database exactly as the
command left it.

The rows go back with triggers off (`session_replication_role = replica`, as pg_restore's
--disable-triggers does): they are copies, so the audit and map-change triggers must not fire
a second time. That needs a superuser, as creating the PostGIS extension in a test database
does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from io import StringIO
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

# The demo most tests share; a test that needs a bigger one (tests/maps/test_tile_size.py)
# seeds its own.
PARCELS = 400
SEED = 7


@dataclass(frozen=True)
class Copy:
    schema: str
    tables: list[str]  # the tables seed_demo filled, copied into `schema`
    sequences: list[tuple[str, int, bool]]  # name, last_value, is_called
    report: dict[str, Any]  # seed_demo's summary, its last line of output


# Per process, so per xdist worker and its test database. Keyed by the day too: the demo's
# dates count back from today.
_copies: dict[tuple[int, int, date], Copy] = {}


def seed_demo(*, parcels: int = PARCELS, seed: int = SEED) -> dict[str, Any]:
    """Fill the empty test database as `seed_demo --parcels P --seed S` does and return the
    command's summary (parcels, claims, groups, seconds of the original run).

    The data is committed: call it from a transactional test
    (`django_db(transaction=True)`, whose flush removes it afterwards) or from a fixture
    under `django_db_blocker.unblock()` that flushes afterwards."""
    if connection.in_atomic_block:
        raise RuntimeError(
            "seed_demo commits its rows: use it in a django_db(transaction=True) test or "
            "a fixture under django_db_blocker.unblock(), not inside a test's transaction"
        )
    key = (parcels, seed, timezone.localdate())
    copy = _copies.get(key)
    if copy is None:
        _copies[key] = copy = _seed_and_copy(parcels=parcels, seed=seed)
    else:
        _restore(copy)
    return copy.report


def _seed_and_copy(*, parcels: int, seed: int) -> Copy:
    out = StringIO()
    call_command("seed_demo", "--parcels", str(parcels), "--seed", str(seed), stdout=out)
    report = json.loads(out.getvalue().strip().splitlines()[-1])
    schema = f"demo_copy_{parcels}_{seed}"
    tables = []
    with transaction.atomic(), connection.cursor() as cursor:
        # Left by an earlier run on a reused database, or by another day: never trusted.
        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        cursor.execute(f'CREATE SCHEMA "{schema}"')
        for table in _django_tables():
            cursor.execute(f'CREATE TABLE "{schema}"."{table}" AS TABLE "{table}"')
            if cursor.rowcount:
                tables.append(table)
        sequences = []
        for sequence in connection.introspection.sequence_list():
            name = connection.ops.quote_name(sequence["name"])
            cursor.execute(f"SELECT last_value, is_called FROM {name}")  # noqa: S608 - a catalogue name
            last_value, is_called = cursor.fetchone()
            sequences.append((sequence["name"], last_value, is_called))
    return Copy(schema=schema, tables=tables, sequences=sequences, report=report)


def _restore(copy: Copy) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        # Every table emptied, even those flush refilled (its post_migrate signal makes the
        # content types and permissions again, under new ids): they come back with the ids
        # the copied rows refer to. DELETE, not TRUNCATE: a second faster on the nearly
        # empty tables a flush leaves, and with the triggers off it checks no foreign key.
        for table in _django_tables():
            cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608 - a catalogue name
        for table in copy.tables:
            cursor.execute(f'INSERT INTO "{table}" TABLE "{copy.schema}"."{table}"')
        for name, last_value, is_called in copy.sequences:
            cursor.execute("SELECT setval(%s, %s, %s)", [f'"{name}"', last_value, is_called])
        # Fresh statistics, as seed_demo leaves them, so queries get the plans they would.
        cursor.execute("ANALYZE " + ", ".join(f'"{table}"' for table in copy.tables))
    ContentType.objects.clear_cache()  # its ids are the copy's now


def _django_tables() -> list[str]:
    """The tables Django's flush empties."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    return sorted(tables)
