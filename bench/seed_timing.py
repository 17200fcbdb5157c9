"""Time `seed_demo --parcels 1000000` on a fresh database and record it in bench/results/.

Reference measured in the same run: a raw-SQL insert of the same number of polygons
(generate_series + ST_MakeEnvelope) into a table of the same shape with a GiST index, so the
ratio says how much the seed's Python generation and constraints add over PostgreSQL itself.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(os.environ.get("BENCH_RESULTS_DIR", ROOT / "bench" / "results")) / "seed_demo.json"
PARCELS = int(os.environ.get("BENCH_PARCELS", "1000000"))
BENCH_DB = os.environ.get("BENCH_DB", "landclaims_bench")


def server_dsn(dbname: str) -> str:
    host = ROOT / ".pgdata" / "run"
    return f"dbname={dbname} user=landclaims host={host}"


def recreate_database() -> None:
    conn = psycopg2.connect(server_dsn("postgres"))
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        cursor.execute(f"CREATE DATABASE {BENCH_DB}")
    conn.close()


def manage(*args: str) -> str:
    socket = str(ROOT / ".pgdata" / "run").replace("/", "%2F")
    env = {**os.environ, "DATABASE_URL": f"postgis://landclaims@{socket}/{BENCH_DB}"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def raw_sql_reference(count: int) -> float:
    conn = psycopg2.connect(server_dsn(BENCH_DB))
    with conn, conn.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE ref (id bigserial primary key, geom geometry(MultiPolygon, 4326)); "
            "CREATE INDEX ON ref USING gist (geom);"
        )
        started = time.perf_counter()
        cursor.execute(
            "INSERT INTO ref (geom) "
            "SELECT ST_Multi(ST_MakeEnvelope(x, y, x + 0.0005, y + 0.0005, 4326)) "
            "FROM (SELECT 88.5 + random() * 3.5 AS x, 21 + random() * 5 AS y "
            "FROM generate_series(1, %s)) s",
            [count],
        )
        elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def main() -> None:
    load_before = [round(x, 2) for x in os.getloadavg()]
    recreate_database()
    manage("migrate", "--noinput", "-v", "0")
    started = time.perf_counter()
    output = manage("seed_demo", "--parcels", str(PARCELS), "--seed", "42")
    seed_seconds = time.perf_counter() - started
    reference = raw_sql_reference(PARCELS)
    report = json.loads(output.strip().splitlines()[-1])
    result = {
        "what": f"seed_demo --parcels {PARCELS} on a fresh, migrated database",
        "parcels": report["parcels"],
        "claims": report["claims"],
        "groups": report["groups"],
        "seed_seconds": round(seed_seconds, 1),
        "phase_seconds": report["seconds"],
        "target_seconds": 300,
        "reference": "raw SQL INSERT of the same number of polygons into a GiST-indexed table",
        "reference_seconds": round(reference, 1),
        # The parcel phase against raw SQL: what generating shapes in Python, COPY, the dag
        # table and the constraints (ST_IsValid, envelope) cost over PostgreSQL alone.
        "parcels_ratio_to_reference": round(report["seconds"]["parcels"] / reference, 2),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_before": load_before,
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
