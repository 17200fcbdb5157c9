"""connection.check_constraints(), as the demo seed uses it after its bulk loads: the
foreign-key checks queued so far run at once, and later ones are deferred to commit again."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

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
