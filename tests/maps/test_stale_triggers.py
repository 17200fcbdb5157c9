"""What marks stage counts stale is a set of database triggers (maps migrations 0002-0003);
what the counts are made from is `maps.services._RECOUNT`. The two must cover the same
tables: a table the recount reads but no trigger watches would leave counts silently old."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from landclaims.maps import services

# Each table the recount reads, and the writes to it that can change a count. The leading
# claim's stage and possession come from maps_parcelcolour (kept by maps.colours from the
# claims and their links), so a write to it marks its parcels' mouzas.
WATCHED_EVENTS = {
    "parcels_parcel": {"INSERT", "UPDATE", "DELETE", "TRUNCATE"},
    "maps_parcelcolour": {"INSERT", "UPDATE", "DELETE", "TRUNCATE"},
    "places_adminarea": {"UPDATE", "TRUNCATE"},
}


def _tables_read_by_the_recount() -> set[str]:
    sql = services._RECOUNT
    named = set(re.findall(r"\b(?:FROM|JOIN)\s+([a-z_]+)\b", sql, flags=re.IGNORECASE))
    return {name for name in named if name.lower() != "lateral"}


def _stale_trigger_events() -> dict[str, set[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT event_object_table, event_manipulation FROM information_schema.triggers
               WHERE trigger_name LIKE 'maps_stale_%%'"""
        )
        rows = cursor.fetchall()
        cursor.execute(
            """SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
               WHERE t.tgname LIKE 'maps_stale_%%' AND (t.tgtype & 32) <> 0"""
        )
        truncated = {row[0] for row in cursor.fetchall()}
    events: dict[str, set[str]] = {}
    for table, event in rows:
        events.setdefault(table, set()).add(event)
    for table in truncated:
        events.setdefault(table, set()).add("TRUNCATE")
    return events


def test_the_recount_reads_exactly_the_watched_tables() -> None:
    assert _tables_read_by_the_recount() == set(WATCHED_EVENTS)


@pytest.mark.django_db
def test_every_table_the_recount_reads_marks_counts_stale_when_written() -> None:
    installed = _stale_trigger_events()
    for table, events in WATCHED_EVENTS.items():
        assert events <= installed.get(table, set()), table
