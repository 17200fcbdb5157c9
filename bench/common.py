"""What every benchmark shares: where it writes, which database it uses, how it reaches the
server, and the state of the machine while it ran.

Environment (the same for every bench/*.py, so a smoke run in `make test` never overwrites
the committed results):

- BENCH_RESULTS_DIR: the directory the result JSON goes to (default bench/results);
- BENCH_DB: the database a script creates or reads (each script has its own default);
- BENCH_PARCELS, BENCH_REPS and the like: sizes, tiny in smoke runs (each script reads its own);
- BENCH_TEMPLATE_DB: when set, a migrated database that new databases are copied from
  (CREATE DATABASE ... TEMPLATE) instead of being migrated from nothing: the smoke tests pass
  the test suite's template, so that each script does not spend most of a minute migrating;
- DATABASE_URL: the server, as for the app; unset, the private cluster in .pgdata/.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

import psycopg2
from psycopg2.extensions import make_dsn

ROOT = Path(__file__).resolve().parent.parent
# The app's own connection option (landclaims/settings.py), so both sides plan alike.
PG_OPTIONS = "-c jit=off"


def results_dir() -> Path:
    return Path(os.environ.get("BENCH_RESULTS_DIR") or ROOT / "bench" / "results")


def bench_db(default: str) -> str:
    return os.environ.get("BENCH_DB") or default


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name) or str(default)
    if not value.isdigit():
        raise SystemExit(f"{name} must be a whole number, not {value!r}")
    return int(value)


# The server ------------------------------------------------------------------------------


def _server_url() -> urllib.parse.SplitResult:
    """DATABASE_URL as the app reads it, or the private cluster's socket when it is unset."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        socket = urllib.parse.quote(str(ROOT / ".pgdata" / "run"), safe="")
        url = f"postgis://landclaims@{socket}/landclaims"
    return urllib.parse.urlsplit(url)


def database_url(dbname: str) -> str:
    """DATABASE_URL for another database on the same server."""
    return _server_url()._replace(path=f"/{dbname}").geturl()


def dsn(dbname: str) -> str:
    """A libpq connection string for `dbname` (psycopg2, ogr2ogr's PG:, pg_dump -d)."""
    # Split by hand: urlsplit lowercases the host, and a socket directory keeps its case.
    userinfo, _, hostport = _server_url().netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    host, _, port = hostport.partition(":")
    parts = {"dbname": dbname, "user": user, "password": password, "host": host, "port": port}
    return make_dsn(**{k: urllib.parse.unquote(v) for k, v in parts.items() if v})


def connect(dbname: str, *, options: str = PG_OPTIONS) -> Any:
    """An autocommit psycopg2 connection with the app's connection option."""
    conn = psycopg2.connect(dsn(dbname), options=options)
    conn.autocommit = True
    return conn


def manage(dbname: str, *args: str) -> str:
    """`manage.py ARGS` on `dbname`; its standard output."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**os.environ, "DATABASE_URL": database_url(dbname)},
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def recreate_database(dbname: str) -> None:
    """Drop `dbname` if it exists and make it again, migrated: copied from BENCH_TEMPLATE_DB
    when that is set (migrated by definition: the same schema without the minute of
    migrating, nor the seconds of a `migrate` that finds nothing to do), else migrated."""
    template = os.environ.get("BENCH_TEMPLATE_DB")
    conn = connect("postgres")
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
        suffix = f' TEMPLATE "{template}"' if template else ""
        cursor.execute(f'CREATE DATABASE "{dbname}"{suffix}')
    conn.close()
    if not template:
        manage(dbname, "migrate", "--noinput", "-v", "0")


def unapplied_migrations() -> int:
    """What `migrate --check` looks at, without its system checks (seconds on a busy
    machine), on the database this process's Django is set up on."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def parcel_count(dbname: str) -> int | None:
    """Parcels in `dbname`; None when the database is missing, 0 when it has no tables."""
    try:
        conn = connect(dbname)
    except psycopg2.OperationalError:
        return None
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT to_regclass('parcels_parcel') IS NOT NULL")
            if not cursor.fetchone()[0]:
                return 0
            cursor.execute("SELECT count(*) FROM parcels_parcel")
            return int(cursor.fetchone()[0])
    finally:
        conn.close()


# The run ---------------------------------------------------------------------------------


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages: other work on the machine shows here, and the
    timings share its CPUs with it."""
    return [round(value, 2) for value in os.getloadavg()]


def machine(load_before: list[float], **extra: Any) -> dict[str, Any]:
    """The result's "machine": CPUs, Python, and the load averages at the start of the
    measuring and now."""
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_before": load_before,
        "load_average_after": load_average(),
        **extra,
    }


def measured_at() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def write_result(filename: str, result: dict[str, Any], *, key: str | None = None) -> Path:
    """Write `result` to BENCH_RESULTS_DIR/filename, or under `key` of that file keeping its
    other keys (io.json holds the export and the import); print it too."""
    path = results_dir() / filename
    document = result
    if key is not None:
        document = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        document[key] = result
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return path
