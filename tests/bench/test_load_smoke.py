"""bench/load.py still runs (issue 17): on a tiny seeded database of its own, a few seconds of
Locust, every endpoint of the workload answered without an error, the result written where
BENCH_RESULTS_DIR says and never into the committed bench/results/.

Timings are not checked: they say nothing at this size, and `make bench` measures them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "bench" / "results" / "load.json"
# Every endpoint of bench/locustfile.py, as its statistics name them.
ENDPOINTS = {
    "map page", "tile z10", "tile z11", "tile z12", "tile z13", "tile z14",
    "claims list", "claims list filtered", "cases list", "cases list filtered",
    "claim page", "api parcels bbox", "ogc items bbox",
}  # fmt: skip

# Seeding, a server and three Locust runs: about half a minute, so it starts first. The test
# database is copied, so no transaction may hold it.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def server_url(name: str) -> str:
    default = settings.DATABASES["default"]
    host = quote(default["HOST"] or "localhost", safe="")
    port = f":{default['PORT']}" if default["PORT"] else ""
    return f"postgis://{quote(default['USER'], safe='')}@{host}{port}/{name}"


def admin_query(sql: str) -> None:
    default = settings.DATABASES["default"]
    link = psycopg2.connect(
        dbname="postgres", user=default["USER"], password=default["PASSWORD"] or None,
        host=default["HOST"] or None, port=default["PORT"] or None,
    )  # fmt: skip
    link.autocommit = True
    try:
        with link.cursor() as cursor:
            cursor.execute(sql)
    finally:
        link.close()


@pytest.fixture
def seeded_database(transactional_db: None) -> Iterator[str]:
    """A copy of this worker's migrated test database with `seed_demo --parcels 300` in it:
    copying takes seconds where migrating from nothing takes most of a minute."""
    name = f"lc_load_smoke_{os.getpid()}"
    template = connection.settings_dict["NAME"]  # the test database
    connection.close()  # CREATE DATABASE ... TEMPLATE needs the template unused
    admin_query(f'DROP DATABASE IF EXISTS "{name}"')
    admin_query(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        subprocess.run(  # noqa: S603 - the project's own command
            [sys.executable, str(ROOT / "manage.py"), "seed_demo", "--parcels", "300"],
            env={**os.environ, "DATABASE_URL": server_url(name)},
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        yield name
    finally:
        admin_query(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_load_bench_runs_every_endpoint_without_errors(
    seeded_database: str, tmp_path: Path
) -> None:
    committed_before = COMMITTED.stat().st_mtime_ns if COMMITTED.exists() else None
    env = {
        **os.environ,
        "DATABASE_URL": server_url(seeded_database),
        "BENCH_DB": seeded_database,
        "BENCH_RESULTS_DIR": str(tmp_path),
        "BENCH_LOAD_USERS": "2",
        "BENCH_LOAD_SECONDS": "3",
        "BENCH_LOAD_RAMP": "1",
        "BENCH_LOAD_WAIT": "0.1,0.3",
        "BENCH_SINGLE_ROUNDS": "1",
        "BENCH_WARMUP_ROUNDS": "0",
        "BENCH_GUNICORN": "--workers 1",
        "BENCH_SWEEP_SECONDS": "0",
    }
    run = subprocess.run(  # noqa: S603 - the project's own script
        [sys.executable, str(ROOT / "bench" / "load.py")],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]

    result = json.loads((tmp_path / "load.json").read_text(encoding="utf-8"))
    single = result["single_user"]["endpoints"]
    assert set(single) == ENDPOINTS
    assert all(row["requests"] > 0 and row["errors"] == 0 for row in single.values()), single
    loaded = result["levels"]["2"]
    assert loaded["total"]["requests"] > 0
    assert loaded["total"]["errors"] == 0, loaded["failures_reported"]
    assert result["met"]["no_errors_anywhere"] is True
    assert set(result["machine"]) >= {"cpus", "python", "load_average_before", "load_average_after"}
    now = COMMITTED.stat().st_mtime_ns if COMMITTED.exists() else None
    assert now == committed_before, "the smoke run wrote into bench/results/"
