"""The restore drill (issue 8, point 7): scripts/backup.sh, run as `make backup` and
`make restore` run it, dumps a database seeded with `seed_demo --parcels 200 --seed 1`,
restores it into a fresh one and proves every table came back; damaged dumps, manifests
that disagree and occupied databases are refused loudly.

The tables are compared here with a checksum computed differently from the script's (one
md5 over the sorted rows' text rather than over their md5s), so a bug in the script's
checksum cannot hide a bad restore.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg2
import pytest
from django.conf import settings
from psycopg2 import sql

from tests.ops.conftest import ROOT, database_url, manage

SCRIPT = ROOT / "scripts" / "backup.sh"
SOURCE = f"lc_ops_src_{os.getpid()}"
SCRATCH = f"lc_ops_restored_{os.getpid()}"
BENGALI = "[\u0980-\u09ff]"

pytestmark = pytest.mark.slow  # a database migrated and seeded as an operator would


def server(name: str) -> dict[str, Any]:
    """Connection parameters of database `name` on the configured server."""
    default = settings.DATABASES["default"]
    return {
        "dbname": name,
        "user": default["USER"],
        "password": default["PASSWORD"] or None,
        "host": default["HOST"] or None,
        "port": default["PORT"] or None,
        "options": "-c TimeZone=UTC -c DateStyle=ISO,YMD -c extra_float_digits=1",
    }


def url(name: str) -> str:
    default = settings.DATABASES["default"]
    return database_url(
        host=default["HOST"], name=name, user=default["USER"], password=default["PASSWORD"],
        port=default["PORT"],
    )  # fmt: skip


def query(name: str, sql: str, params: Any = None) -> list[tuple[Any, ...]]:
    link = psycopg2.connect(**server(name))
    link.autocommit = True
    try:
        with link.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else []
    finally:
        link.close()


def database_exists(name: str) -> bool:
    return bool(query("postgres", "SELECT 1 FROM pg_database WHERE datname = %s", [name]))


def run(*args: str, backups: Path, **env: str) -> subprocess.CompletedProcess:
    """scripts/backup.sh as `make backup`/`make restore` run it, on the seeded database."""
    return subprocess.run(  # noqa: S603 - the project's own script
        ["bash", str(SCRIPT), *args],  # noqa: S607 - bash, wherever PATH has it
        env={**os.environ, "DATABASE_URL": url(SOURCE), "BACKUP_DIR": str(backups), **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


def tables(name: str) -> dict[str, tuple[int, str]]:
    """Every table of the public schema: its row count and an md5 of its sorted rows."""
    names = [
        row[0]
        for row in query(
            name,
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
        )
    ]
    found = {}
    for table in names:
        [(rows, digest)] = query(
            name,
            sql.SQL(
                "SELECT count(*), md5(string_agg(t::text, '|' ORDER BY t::text)) FROM {} t"
            ).format(sql.Identifier(table)),
        )
        found[table] = (rows, digest)
    return found


def backup(backups: Path) -> Path:
    """Back up the seeded database; the dump's path."""
    done = run("backup", backups=backups)
    assert done.returncode == 0, done.stderr
    [dump] = backups.glob("*.dump")
    assert re.fullmatch(r".+-\d{8}T\d{6}Z\.dump", dump.name)
    assert f"Backup written: {dump}" in done.stdout
    return dump


# Session-scoped, though only this module uses it: pytest-xdist's worksteal may hand this
# module's tests to a worker a few at a time, between other modules' tests, and a module
# fixture would then be seeded again each time the worker came back to the module.
@pytest.fixture(scope="session")
def seeded(django_db_modify_db_settings: None) -> Iterator[str]:
    """A database of its own, migrated and seeded as an operator would (committed data the
    script's own connections can see), shared by this module's tests, which only read it.
    It starts as a copy of the suite's migrated template (tests/template_db.py), so `migrate`
    finds nothing left to apply instead of spending most of a minute."""
    template = settings.DATABASES["default"].get("TEST", {}).get("TEMPLATE")
    suffix = f' TEMPLATE "{template}"' if template else ""
    query("postgres", f'CREATE DATABASE "{SOURCE}"{suffix}')
    try:
        env = {**os.environ, "DATABASE_URL": url(SOURCE)}
        manage("migrate", "--noinput", env=env)
        manage("seed_demo", "--parcels", "200", "--seed", "1", env=env)
        yield SOURCE
    finally:
        query("postgres", f'DROP DATABASE IF EXISTS "{SOURCE}" WITH (FORCE)')


@pytest.fixture
def scratch() -> Iterator[str]:
    """The name of a database to restore into; dropped afterwards."""
    yield SCRATCH
    for (name,) in query("postgres", scratch_databases, [f"{SCRATCH}%"]):
        query("postgres", f'DROP DATABASE "{name}" WITH (FORCE)')


scratch_databases = "SELECT datname FROM pg_database WHERE datname LIKE %s"


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def test_the_restore_drill_brings_back_every_table_row_for_row(
    seeded: str, backups: Path, scratch: str
) -> None:
    dump = backup(backups)
    manifest = json.loads(Path(f"{dump}.manifest.json").read_text(encoding="utf-8"))
    assert manifest["tables"]["public.parcels_parcel"]["rows"] == 200
    assert manifest["dump_sha256"] and manifest["postgis_version"]
    assert oct(backups.stat().st_mode & 0o777) == "0o700"  # dumps hold members' names

    restored = run("restore", str(dump), backups=backups, RESTORE_INTO=scratch)
    assert restored.returncode == 0, restored.stderr
    assert "verified" in restored.stdout

    before, after = tables(seeded), tables(scratch)
    assert after == before
    assert before["parcels_parcel"][0] == 200
    assert {name for name, (rows, _) in before.items() if rows} >= {
        "parcels_parcel", "parcels_parceldag", "groups_landlessgroup", "claims_claim",
        "cases_legalcase", "cases_hearing", "places_adminarea", "auth_user", "spatial_ref_sys",
    }  # fmt: skip
    # The geometries and the Bengali names themselves, not only their checksums.
    shapes = "SELECT count(geom), count(*) FILTER (WHERE ST_IsValid(geom)) FROM parcels_parcel"
    [(mapped, valid)] = query(scratch, shapes)
    assert query(seeded, shapes) == [(mapped, valid)]
    assert mapped == valid > 0
    bengali = "SELECT count(*) FROM groups_landlessgroup WHERE name_bn ~ %s"
    assert query(scratch, bengali, [BENGALI]) == query(seeded, bengali, [BENGALI]) != [(0,)]
    assert query(scratch, "SELECT count(*) FROM spatial_ref_sys WHERE srid = 9678") == [(1,)]

    again = run("restore", str(dump), backups=backups, RESTORE_INTO=scratch)
    assert again.returncode != 0
    assert f"database {scratch} is not empty" in again.stderr
    assert "FORCE=1" in again.stderr and "RESTORE_INTO=" in again.stderr

    scratch_rows = tables(scratch)
    query(scratch, "UPDATE groups_landlessgroup SET name_bn = name_bn || ' (বদলানো)'")
    assert tables(scratch) != before
    forced = run("restore", str(dump), backups=backups, RESTORE_INTO=scratch, FORCE="1")
    assert forced.returncode == 0, forced.stderr
    assert f"restoring into {scratch}_restoring first" in forced.stderr
    assert f"Replaced database {scratch} with the verified restore" in forced.stdout
    assert tables(scratch) == before == scratch_rows
    kept = [name for (name,) in query("postgres", scratch_databases, [f"{scratch}_before_%"])]
    assert len(kept) == 1  # the replaced database is kept, never dropped


def test_restore_never_overwrites_the_live_database_by_default(seeded: str, backups: Path) -> None:
    dump = backup(backups)
    refused = run("restore", str(dump), backups=backups)
    assert refused.returncode != 0
    assert "refusing to overwrite" in refused.stderr
    assert query(seeded, "SELECT count(*) FROM parcels_parcel") == [(200,)]


def test_a_truncated_dump_is_refused_and_leaves_no_database(
    seeded: str, backups: Path, scratch: str
) -> None:
    dump = backup(backups)
    damaged = backups / "damaged.dump"
    damaged.write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])
    manifest = Path(f"{dump}.manifest.json").read_text(encoding="utf-8")
    Path(f"{damaged}.manifest.json").write_text(manifest, encoding="utf-8")

    refused = run("restore", str(damaged), backups=backups, RESTORE_INTO=scratch)
    assert refused.returncode != 0
    assert f"{damaged} is damaged or truncated" in refused.stderr
    assert not database_exists(scratch)

    # A manifest rewritten to match the damaged file: pg_restore itself must then fail.
    digest = hashlib.sha256(damaged.read_bytes()).hexdigest()
    rewritten = re.sub(r'"dump_sha256": "\w+"', f'"dump_sha256": "{digest}"', manifest)
    Path(f"{damaged}.manifest.json").write_text(rewritten, encoding="utf-8")
    refused = run("restore", str(damaged), backups=backups, RESTORE_INTO=scratch)
    assert refused.returncode != 0
    assert "damaged or truncated" not in refused.stderr
    assert re.search(r"(pg_restore failed|pg_restore cannot read)", refused.stderr)
    assert "Nothing was restored" in refused.stderr or "nothing was restored" in refused.stderr
    assert not database_exists(scratch)

    # FORCE=1 over a database with data: a failed restore leaves that database as it was.
    query("postgres", f'CREATE DATABASE "{scratch}"')
    query(scratch, "CREATE TABLE kept AS SELECT 'ভূমিহীন' AS name")
    refused = run("restore", str(damaged), backups=backups, RESTORE_INTO=scratch, FORCE="1")
    assert refused.returncode != 0
    assert query(scratch, "SELECT name FROM kept") == [("ভূমিহীন",)]
    assert [name for (name,) in query("postgres", scratch_databases, [f"{scratch}%"])] == [scratch]


def test_a_restore_that_differs_from_its_manifest_fails_loudly(
    seeded: str, backups: Path, scratch: str
) -> None:
    dump = backup(backups)
    manifest_path = Path(f"{dump}.manifest.json")
    manifest = manifest_path.read_text(encoding="utf-8")
    rows = json.loads(manifest)["tables"]["public.django_migrations"]["rows"]
    manifest_path.write_text(
        manifest.replace(
            f'"public.django_migrations": {{"rows": {rows},',
            f'"public.django_migrations": {{"rows": {rows + 1},',
        ),
        encoding="utf-8",
    )
    failed = run("restore", str(dump), backups=backups, RESTORE_INTO=scratch)
    assert failed.returncode != 0
    assert "VERIFICATION FAILED" in failed.stderr
    assert f'- "public.django_migrations": {{"rows": {rows + 1},' in failed.stderr
    assert f'+ "public.django_migrations": {{"rows": {rows},' in failed.stderr
    assert "do not use database" in failed.stderr


def test_a_dump_without_its_manifest_is_refused(seeded: str, backups: Path, scratch: str) -> None:
    dump = backup(backups)
    lone = backups / "lone.dump"
    shutil.copy(dump, lone)
    refused = run("restore", str(lone), backups=backups, RESTORE_INTO=scratch)
    assert refused.returncode != 0
    assert "no manifest" in refused.stderr
    assert not database_exists(scratch)
