"""A cheaper end for transactional tests: empty only the tables the test wrote to.

After each transactional test (django_db(transaction=True), live_server, browser tests)
Django runs `flush`: one TRUNCATE of every table (about two seconds for this schema, most of
it PostgreSQL making new files for each one) and then post_migrate, which makes the content
types and permissions again under new ids. Here the tables that hold a row are found in one
query and only those are truncated; the content types and permissions are kept as
post_migrate left them (it runs afterwards as before and finds them present), so the database
ends exactly as flush leaves it, except that those ids do not change.
"""

from __future__ import annotations

from typing import Any

from django.core.management.sql import emit_post_migrate_signal
from django.db import OperationalError, connections
from psycopg2.errors import DeadlockDetected

# Made again by post_migrate after every flush; kept instead (see the docstring).
KEPT = frozenset({"django_content_type", "auth_permission"})


def tables_with_rows(connection: Any) -> list[str]:
    tables = sorted(
        set(connection.introspection.django_table_names(only_existing=True, include_views=False))
        - KEPT
    )
    if not tables:
        return []
    quote = connection.ops.quote_name
    probes = " UNION ALL ".join(
        f"SELECT {n} FROM (SELECT 1 FROM {quote(t)} LIMIT 1) AS t{n}"  # noqa: S608 - catalogue names
        for n, t in enumerate(tables)
    )
    with connection.cursor() as cursor:
        cursor.execute(probes)
        return [tables[n] for (n,) in cursor.fetchall()]


def fixture_teardown(self: Any) -> None:
    """TransactionTestCase._fixture_teardown with the cheaper flush (same arguments)."""
    for db_name in self._databases_names(include_mirrors=False):
        connection = connections[db_name]
        written = tables_with_rows(connection)
        if written:
            _truncate(connection, written)
        # When Django's own flush would send post_migrate, as it is then.
        inhibit = self.available_apps is not None or (
            self.serialized_rollback and hasattr(connection, "_test_serialized_contents")
        )
        if not inhibit:
            emit_post_migrate_signal(verbosity=0, interactive=False, db=db_name)


def empty_written_tables(connection: Any) -> None:
    """Empty what a module-scoped fixture committed, as the cheaper flush does."""
    written = tables_with_rows(connection)
    if written:
        _truncate(connection, written)


def _truncate(connection: Any, tables: list[str], attempts: int = 3) -> None:
    """TRUNCATE the tables; again if PostgreSQL breaks a deadlock by ending this statement.

    A browser test's page may still have a request in flight on the live server when the
    test ends: its reads and this TRUNCATE can lock the same tables in opposite orders, and
    PostgreSQL then cancels one of the two. The request's answer no longer matters; the
    emptying does, or the next test starts on this test's rows."""
    quote = connection.ops.quote_name
    # CASCADE reaches only tables that refer to these, which are Django's too.
    statement = f"TRUNCATE {', '.join(quote(t) for t in tables)} CASCADE"
    for attempt in range(attempts):
        try:
            with connection.cursor() as cursor:
                cursor.execute(statement)
            return
        except OperationalError as error:
            if not isinstance(error.__cause__, DeadlockDetected) or attempt == attempts - 1:
                raise
