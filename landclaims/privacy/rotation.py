"""Rewriting encrypted columns in place: encrypting old plaintext, rotating keys.

Both run with the table's user triggers disabled: the audit tables refuse UPDATE (they are
append-only), and on the member table a re-encryption changes no value anyone reads, so it
must not add an audit event per member. ALTER TABLE … DISABLE TRIGGER is transactional:
the triggers are back on at commit or rollback, and the table is locked against writers
until then (which keeps a concurrent save from writing under the old key mid-rotation).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.apps import apps
from django.db import connection, transaction

from landclaims.privacy import crypto
from landclaims.privacy.fields import EncryptedTextField

BATCH_SIZE = 1000


def rewrite_columns(
    cursor: Any,
    *,
    table: str,
    pk: str,
    columns: Sequence[str],
    transform: Callable[[str], str],
    batch_size: int = BATCH_SIZE,
) -> int:
    """Apply `transform` to every non-empty value of `columns`; the number of rows changed.

    Table and column names come from the models (never from input) and are quoted.

    Reads in primary-key order, `batch_size` rows at a time, within the caller's
    transaction."""
    qn = connection.ops.quote_name
    names = ", ".join(qn(c) for c in columns)
    assignments = ", ".join(f"{qn(c)} = %s" for c in columns)
    # ALTER TABLE refuses a table with pending deferred (foreign key) checks in this
    # transaction: run them now, and defer them again after (Django's FKs are deferred).
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute(f"ALTER TABLE {qn(table)} DISABLE TRIGGER USER")
    changed, last = 0, None
    while True:
        where = f"WHERE {qn(pk)} > %s" if last is not None else ""
        cursor.execute(
            f"SELECT {qn(pk)}, {names} FROM {qn(table)} {where} ORDER BY {qn(pk)} LIMIT %s",  # noqa: S608
            [last, batch_size] if last is not None else [batch_size],
        )
        rows = cursor.fetchall()
        if not rows:
            break
        last = rows[-1][0]
        updates = [
            [transform(v) if v else v for v in values] + [key]
            for key, *values in rows
            if any(values)
        ]
        if updates:
            cursor.executemany(f"UPDATE {qn(table)} SET {assignments} WHERE {qn(pk)} = %s", updates)  # noqa: S608
            changed += len(updates)
    cursor.execute(f"ALTER TABLE {qn(table)} ENABLE TRIGGER USER")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return changed


def encrypted_tables() -> list[tuple[str, str, list[str]]]:
    """(table, primary key column, encrypted columns) of every model with encrypted fields,
    audit event tables included."""
    found = []
    for model in apps.get_models():
        columns = [
            f.column for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)
        ]
        if columns and not model._meta.proxy:
            found.append((model._meta.db_table, model._meta.pk.column, columns))
    return sorted(found)


@transaction.atomic
def rotate_field_keys() -> dict[str, int]:
    """Re-encrypt every encrypted value with the newest key; all or nothing.

    One transaction: a value that no configured key opens stops the rotation with nothing
    changed, so the old key is never dropped while something still needs it."""
    counts = {}
    with connection.cursor() as cursor:
        for table, pk, columns in encrypted_tables():
            counts[table] = rewrite_columns(
                cursor, table=table, pk=pk, columns=columns, transform=crypto.reencrypt
            )
    return counts
