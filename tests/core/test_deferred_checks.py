"""The demo seed's bulk-load helpers: connection.check_constraints() runs the foreign-key
checks queued so far at once (later ones are deferred to commit again); foreign keys and plain
indexes are dropped for a load and come back exactly as they were."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from landclaims.core.db import foreign_keys_checked_after, indexes_built_after

pytestmark = pytest.mark.django_db

# A mouza that does not exist: the foreign key is deferred, so the insert itself passes.
DANGLING = (
    "INSERT INTO places_adminarea (level, name_en, name_bn, bbs_code, hdx_pcode, parent_id, "
    "path, created_at, updated_at) VALUES ('union', 'X', 'X', '', '', 987654321, '/', now(), "
    "now())"
)


def insert_dangling_then_check() -> None:
    """The insert passes (its check is queued); the check raises."""
    savepoint = transaction.savepoint_create()
    with connection.cursor() as cursor:
        cursor.execute(DANGLING)
    with pytest.raises(IntegrityError):
        connection.check_constraints()
    transaction.savepoint_rollback(savepoint)


def test_queued_checks_run_when_asked(places) -> None:
    insert_dangling_then_check()


def test_later_checks_are_queued_again(places) -> None:
    connection.check_constraints()
    insert_dangling_then_check()  # the insert would raise were checks left immediate


FOREIGN_KEYS = (
    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
    "WHERE contype = 'f' AND conrelid = 'places_adminarea'::regclass ORDER BY conname"
)


def foreign_keys() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(FOREIGN_KEYS)
        return cursor.fetchall()


def test_keys_dropped_for_a_bulk_load_come_back_as_they_were(places) -> None:
    before = foreign_keys()
    with foreign_keys_checked_after("places_adminarea"):
        assert foreign_keys() == []
    assert foreign_keys() == before
    assert all("DEFERRABLE INITIALLY DEFERRED" in definition for _, definition in before)


def test_a_row_loaded_without_its_keys_is_checked_when_they_come_back(places) -> None:
    savepoint = transaction.savepoint_create()
    with (
        pytest.raises(IntegrityError),
        foreign_keys_checked_after("places_adminarea"),
        connection.cursor() as cursor,
    ):
        cursor.execute(DANGLING)
    transaction.savepoint_rollback(savepoint)


INDEXES = (
    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'places_adminarea' "
    "ORDER BY indexname"
)


def indexes() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(INDEXES)
        return cursor.fetchall()


def test_plain_indexes_dropped_for_a_bulk_load_come_back_as_they_were(places) -> None:
    before = indexes()
    with indexes_built_after("places_adminarea"):
        during = indexes()
    assert indexes() == before
    # Only the primary key's index stays through the load; the GiST and b-tree ones go.
    assert [name for name, _ in during] == ["places_adminarea_pkey"]
    assert any("USING gist" in definition for _, definition in before)
