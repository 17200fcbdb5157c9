"""Time `seed_demo --parcels 1000000` on a fresh database and record it in bench/results/.

Reference measured in the same run: a raw-SQL insert of the same number of polygons
(generate_series + ST_MakeEnvelope) into a table of the same shape with a GiST index, so the
ratio says how much the seed's Python generation and constraints add over PostgreSQL itself.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    bench_db,
    connect,
    env_int,
    load_average,
    machine,
    manage,
    measured_at,
    recreate_database,
    write_result,
)

PARCELS = env_int("BENCH_PARCELS", 1_000_000)
BENCH_DB = bench_db("landclaims_bench")


def raw_sql_reference(count: int) -> float:
    conn = connect(BENCH_DB)
    with conn.cursor() as cursor:
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
    recreate_database(BENCH_DB)
    load_before = load_average()
    started = time.perf_counter()
    output = manage(BENCH_DB, "seed_demo", "--parcels", str(PARCELS), "--seed", "42")
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
        "machine": machine(load_before),
        "measured_at": measured_at(),
    }
    write_result("seed_demo.json", result)


if __name__ == "__main__":
    main()
