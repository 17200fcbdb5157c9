"""Database expressions shared by constraints and selectors."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import IO, Any

from django.db import connection
from django.db.models import BooleanField, FloatField, Func, Q
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual

from gis.crs import BANGLADESH_BOUNDS


class XMin(Func):
    template = "ST_XMin((%(expressions)s)::geometry)"
    output_field = FloatField()


class XMax(Func):
    template = "ST_XMax((%(expressions)s)::geometry)"
    output_field = FloatField()


class YMin(Func):
    template = "ST_YMin((%(expressions)s)::geometry)"
    output_field = FloatField()


class YMax(Func):
    template = "ST_YMax((%(expressions)s)::geometry)"
    output_field = FloatField()


class IsValidGeometry(Func):
    """ST_IsValid; unlike GeoDjango's IsValid it also takes the NULL that model validation
    substitutes for an empty field, so full_clean() can check the same constraint."""

    template = "ST_IsValid((%(expressions)s)::geometry)"
    output_field = BooleanField()


def code_literal(value: str) -> str:
    """A SQL string literal of one of the project's own codes (a stage, a phase): SQL that
    restates a rule for speed quotes them with this, never a value that came from outside."""
    if not value.replace("_", "").isalnum():
        raise ValueError(f"not a code: {value!r}")
    return f"'{value}'"


def valid_geometry(field: str) -> Q:
    """A condition true when the geometry in `field` is empty or valid (OGC rules)."""
    return Q(**{f"{field}__isnull": True}) | Q(IsValidGeometry(field))


def inside_bangladesh(field: str) -> Q:
    """A condition true when the geometry in `field` is empty or inside Bangladesh's envelope."""
    min_x, min_y, max_x, max_y = BANGLADESH_BOUNDS
    return Q(**{f"{field}__isnull": True}) | Q(
        GreaterThanOrEqual(XMin(field), min_x),
        LessThanOrEqual(XMax(field), max_x),
        GreaterThanOrEqual(YMin(field), min_y),
        LessThanOrEqual(YMax(field), max_y),
    )


class GeodesicArea(Func):
    """Area in m² on the spheroid: ST_Area(geometry::geography)."""

    template = "ST_Area((%(expressions)s)::geography)"
    output_field = FloatField()


def reserve_ids(table: str, count: int) -> range:
    """Take `count` ids from `table`'s identity sequence for rows written in bulk, so the
    rows can refer to each other (or carry their own id in a path) before they exist."""
    if count == 0:
        return range(0)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
            "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
            [table, table, count],
        )
        last = cursor.fetchone()[0]
    return range(last - count + 1, last + 1)


def copy_from(
    table: str,
    columns: Sequence[str] | None,
    data: IO[Any],
    *,
    csv: bool = True,
    size: int = 8192,
    cursor: Any = None,
) -> None:
    """The one COPY ... FROM STDIN helper: load `data` (CSV, or PostgreSQL's text format when
    `csv` is false) into `table`'s `columns` (all of them when None), within the current
    transaction; psycopg2's errors come out as Django's (IntegrityError, DataError...)."""
    target = f"{table} ({', '.join(columns)})" if columns else table
    sql = f"COPY {target} FROM STDIN" + (" WITH (FORMAT csv)" if csv else "")
    with connection.wrap_database_errors:
        if cursor is not None:
            cursor.cursor.copy_expert(sql, data, size=size)
            return
        with connection.cursor() as own:
            own.cursor.copy_expert(sql, data, size=size)


@contextlib.contextmanager
def foreign_keys_checked_after(*tables: str) -> Iterator[None]:
    """Load `tables` without their foreign keys, then add the keys back exactly as they
    were: PostgreSQL validates each added key in one set-based pass (an anti-join) instead
    of one trigger call per row, which for millions of rows is minutes against seconds.

    Only for loading a database nobody else uses (the demo seed, which refuses a database
    that has data): dropping and adding a key locks both its tables, and the referenced
    ones (users, organisations) are read by every request. Inside a transaction, a failed
    load or a failed validation rolls the dropped keys back with everything else."""
    # PostgreSQL alters no table with checks still queued on it: run those first.
    connection.check_constraints()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) "
            "ORDER BY conrelid::regclass::text, conname",
            [list(tables)],
        )
        keys = cursor.fetchall()
        for table, name, _definition in keys:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    yield
    with connection.cursor() as cursor:
        for table, name, definition in keys:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


@contextlib.contextmanager
def indexes_built_after(*tables: str) -> Iterator[None]:
    """Load `tables` without their plain indexes, then build each again exactly as it was:
    one sorted (or, for GiST, buffered) build per index instead of a million single-row
    insertions into it, and a tighter index for it.

    Indexes behind a constraint (primary keys, unique constraints) stay, so the load is
    still checked as it goes. The same warning as foreign_keys_checked_after: for loading a
    database nobody else uses, inside a transaction (a failure rolls the drops back)."""
    # As for foreign keys: no index is dropped or built on a table with checks queued on it.
    connection.check_constraints()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i WHERE i.indrelid = ANY(%s::regclass[]) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            "                WHERE c.conrelid = i.indrelid AND c.conindid = i.indexrelid) "
            "ORDER BY 1",
            [list(tables)],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    connection.check_constraints()
    with connection.cursor() as cursor:
        # Each build sorts in memory instead of spilling to disk (the default is 64 MB);
        # the setting is put back after, for the rest of the transaction.
        cursor.execute("SELECT current_setting('maintenance_work_mem')")
        (before,) = cursor.fetchone()
        cursor.execute("SELECT set_config('maintenance_work_mem', '1GB', true)")
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute("SELECT set_config('maintenance_work_mem', %s, true)", [before])
