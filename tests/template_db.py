"""One migrated database, copied for every test database instead of migrating each.

Applying every migration to an empty database takes most of a minute, and each pytest-xdist
worker has a test database of its own. The first worker to start migrates a template
database (its name carries a hash of the migration files and of the installed packages, so a
changed migration gets a new template); every worker's test database is then made by
PostgreSQL as a file-level copy of it (CREATE DATABASE ... TEMPLATE, Django's TEST
"TEMPLATE" setting), which takes a second or two. Django still runs `migrate` on the copy,
which finds nothing to apply and only sends post_migrate (content types, permissions), so a
template that missed a migration would be caught there rather than trusted. The template is
migrated by tests/migrate_template.py: Django's migrate, with the in-memory model state
re-rendered once per run of presentational operations (verbose names, help texts, trigger
changes) instead of after each, about 45 s instead of 75 s on two cores.

Safe on a fresh clone (nothing to reuse: the template is made) and on a reused checkout (a
template for other migrations is dropped when its replacement is made). Workers wait for
each other with a PostgreSQL advisory lock while the template is made.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from importlib.metadata import distributions
from pathlib import Path
from typing import Any

from django.db import connection

from bench.common import database_url

ROOT = Path(__file__).resolve().parent.parent
# pg_advisory_lock's key: any constant the app does not use (the app takes no advisory locks).
LOCK = 1_700_017
MIGRATE_TEMPLATE = ROOT / "tests" / "migrate_template.py"


def migrations_hash() -> str:
    """Changes when a migration file, the way they are applied (tests/migrate_template.py)
    or an installed package (its migrations) changes."""
    digest = hashlib.sha256()
    for path in [*sorted(ROOT.glob("landclaims/**/migrations/*.py")), MIGRATE_TEMPLATE]:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions())
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()[:10]


def template_name(test_name: str) -> str:
    """`test_name` without the xdist worker's suffix, then the hash (at most 63 bytes)."""
    base = test_name.rsplit("_gw", 1)[0][:40]
    return f"{base}_tpl_{migrations_hash()}"


def _exists(cursor: Any, name: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


def migrated_template(test_name: str) -> str:
    """The template's name, migrating it first if no worker has yet."""
    name = template_name(test_name)
    prefix = name.rsplit("_tpl_", 1)[0] + "_tpl_"
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK])
        try:
            if not _exists(cursor, name):
                _make(cursor, name)
                _drop_others(cursor, prefix, keep=name)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK])
    return name


def _make(cursor: Any, name: str) -> None:
    # Made under another name and renamed once migrated, so that a run stopped halfway
    # leaves no half-migrated template behind under the name that would be trusted.
    partial = f"{name}_partial"
    cursor.execute(f'DROP DATABASE IF EXISTS "{partial}"')
    cursor.execute(f'CREATE DATABASE "{partial}"')
    subprocess.run(
        [sys.executable, "-m", "tests.migrate_template", "--noinput", "-v", "0"],
        env={**os.environ, "DATABASE_URL": database_url(partial)},
        check=True,
        cwd=ROOT,
    )
    cursor.execute(f'ALTER DATABASE "{partial}" RENAME TO "{name}"')


def _drop_others(cursor: Any, prefix: str, *, keep: str) -> None:
    """Templates of this test database for earlier migrations: no longer used."""
    cursor.execute(
        "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname <> %s",
        [prefix, keep],
    )
    for (old,) in cursor.fetchall():
        cursor.execute(f'DROP DATABASE IF EXISTS "{old}"')
