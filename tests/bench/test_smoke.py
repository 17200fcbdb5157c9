"""The benchmarks still run (issue 17): each bench/*.py that `make bench` runs, as a real
subprocess at tiny sizes, writing its JSON where BENCH_RESULTS_DIR says, never into the
committed bench/results/.

Timings at this size say nothing, so none is checked against a target; what is checked is
that each script ran end to end (sign-in, server, references, its own measuring) and wrote
every figure the real run writes, with counts that match what was asked and ratios that are
real numbers.

The databases are this worker's own (named after its test database), made by copying the
suite's migrated template (BENCH_TEMPLATE_DB, tests/template_db.py), and dropped afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from bench.common import connect

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "bench" / "results"
# At most 120 parcels, seed_all makes the fewest cases, allocations, incidents and members it
# ever makes (its floors: 16 cases an organisation...), and the audited case details are most
# of the seed's time; every table and code path is still filled. 300 made 80 cases, not 32.
PARCELS = 120
# Every endpoint of bench/locustfile.py, as its statistics name them.
LOAD_ENDPOINTS = {
    "map page", "tile z10", "tile z11", "tile z12", "tile z13", "tile z14",
    "claims list", "claims list filtered", "cases list", "cases list filtered",
    "claim page", "api parcels bbox", "ogc items bbox",
}  # fmt: skip
# Seeding (every real district and upazila) and a server per script: minutes on a busy
# machine, so the module starts first and stays on one worker where it can.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def committed_results() -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(COMMITTED.glob("*.json"))
    }


def drop(*names: str) -> None:
    conn = connect("postgres")
    with conn.cursor() as cursor:
        for name in names:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


def run_bench(script: str, results: Path, **env: str | int) -> dict[str, Any]:
    """Run bench/SCRIPT with the BENCH_* settings given; the JSON it wrote."""
    before = committed_results()
    template = settings.DATABASES["default"].get("TEST", {}).get("TEMPLATE") or ""
    process = subprocess.run(  # noqa: S603 - the project's own script
        [sys.executable, str(ROOT / "bench" / script)],
        env={
            **os.environ,
            "BENCH_RESULTS_DIR": str(results),
            "BENCH_TEMPLATE_DB": template,
            **{f"BENCH_{key.upper()}": str(value) for key, value in env.items()},
        },
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert process.returncode == 0, f"{script} failed:\n{process.stdout}\n{process.stderr}"
    assert committed_results() == before, f"{script} wrote into bench/results/"
    written = {path.name: json.loads(path.read_text()) for path in results.glob("*.json")}
    assert len(written) == 1, f"{script} wrote {sorted(written)} into BENCH_RESULTS_DIR"
    return next(iter(written.values()))


def assert_machine(result: dict[str, Any]) -> None:
    machine = result["machine"]
    assert machine["cpus"] >= 1
    assert machine["python"].count(".") == 2
    for key in ("load_average_before", "load_average_after"):
        assert len(machine[key]) == 3, key
        assert all(value >= 0 for value in machine[key]), key


@pytest.fixture(scope="module")
def names(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, str]]:
    """This worker's benchmark databases, dropped when the module ends."""
    base = f"{connection.settings_dict['NAME']}_bench"[:50]
    found = {"seeded": base, "imported": f"{base}_import"}
    with django_db_blocker.unblock():
        drop(*found.values())
        yield found
        drop(*found.values())


def check_seed_timing_seeds_and_reports_every_phase(seeded: dict[str, Any]) -> None:
    assert seeded["parcels"] == PARCELS
    assert seeded["claims"] > 0
    assert seeded["groups"] > 0
    assert seeded["seed_seconds"] > 0
    assert set(seeded["phase_seconds"]) >= {"places_and_users", "parcels", "claims"}
    assert seeded["reference_seconds"] >= 0
    assert seeded["parcels_ratio_to_reference"] > 0
    assert_machine(seeded)


def check_maps_measures_every_tile_as_each_user_and_the_page_weight(
    names: dict[str, str], tmp_path: Path
) -> None:
    result = run_bench(
        "maps.py", tmp_path, db=names["seeded"], small_db=names["seeded"], reps=2, warmup=1,
    )  # fmt: skip
    zooms = {"z7", "z10", "z12", "z14"}
    assert result["parcels"] == PARCELS
    assert set(result["tiles"]) == zooms
    assert set(result["by_user"]) == {"organiser", "admin"}
    for user, by_zoom in result["by_user"].items():
        assert set(by_zoom) == zooms, user
        for zoom, row in by_zoom.items():
            assert row["endpoint"]["p95_ms"] > 0, (user, zoom)
            assert row["sql"]["p95_ms"] > 0, (user, zoom)
            assert row["endpoint_p95_over_sql_p95"] > 0, (user, zoom)
            # Tiny tiles: the naive one may well be faster here, so only its presence counts.
            assert row["naive_p50_over_endpoint_p50"] >= 0, (user, zoom)
    assert set(result["naive"]) == zooms
    assert all(naive["p50_ms"] > 0 for naive in result["naive"].values())
    assert result["tile_choice"]["parcels_in_z12_cell"] > 0
    assert set(result["met"]["tiles"]) == {f"{u}.{z}" for u in result["by_user"] for z in zooms}
    weights = result["page_weight"]
    assert weights["parcels_1000"]["parcels"] == PARCELS  # the same database, not reseeded
    for size in ("parcels_1000", "parcels_1000000"):
        assert weights[size]["html_bytes"] > 0, size
        assert weights[size]["scripts_bytes"] > 0, size
    assert_machine(result)


def check_io_export_compares_every_format_with_ogr2ogr(
    names: dict[str, str], tmp_path: Path
) -> None:
    result = run_bench("io_export.py", tmp_path, db=names["seeded"], reps=1)
    export = result["export"]
    assert export["parcels"] == PARCELS
    assert export["rows_exported"] == PARCELS
    assert set(export["cases"]) == {"gpkg_4326", "gpkg_9678", "shp_4326", "shp_9678"}
    for name, case in export["cases"].items():
        assert case["ratio"] > 0, name
        assert case["ours_s"] > 0 and case["ogr2ogr_s"] > 0, name
        assert case["file_bytes"] > 0, name
    assert_machine(export)


def check_io_import_loads_every_parcel_and_compares_with_ogr2ogr(
    names: dict[str, str], tmp_path: Path
) -> None:
    result = run_bench(
        "io_import.py", tmp_path, db=names["imported"], source_db=names["seeded"],
        parcels=PARCELS, reps=1,
    )  # fmt: skip
    imported = result["import"]
    assert imported["source_database"] == names["seeded"]
    assert imported["parcels"] == imported["created"] == PARCELS
    assert imported["reimport_skipped"] == PARCELS
    assert imported["ratio_import_over_reference"] > 0
    assert imported["schema_floor_median_seconds"] > 0
    assert_machine(imported)


def check_load_runs_every_endpoint_without_errors(names: dict[str, str], tmp_path: Path) -> None:
    result = run_bench(
        "load.py", tmp_path, db=names["seeded"], load_users=2, load_seconds=3, load_ramp=1,
        load_wait="0.1,0.3", single_rounds=1, warmup_rounds=0, gunicorn="--workers 1",
        sweep_seconds=0,
    )  # fmt: skip
    single = result["single_user"]["endpoints"]
    assert set(single) == LOAD_ENDPOINTS
    assert all(row["requests"] > 0 and row["errors"] == 0 for row in single.values()), single
    loaded = result["levels"]["2"]
    assert loaded["total"]["requests"] > 0
    assert loaded["total"]["errors"] == 0, loaded["failures_reported"]
    assert result["met"]["no_errors_anywhere"] is True
    assert_machine(result)


def check_lighthouse_scores_a_page_signed_in(names: dict[str, str], tmp_path: Path) -> None:
    """One page only: Lighthouse loads it for most of a minute on this machine."""
    result = run_bench(
        "lighthouse.py", tmp_path, db=names["seeded"], parcels=PARCELS, pages="home",
        lighthouse_reports=str(tmp_path / "reports"),
    )  # fmt: skip
    assert result["lighthouse"].startswith("12.")
    assert result["parcels"] == PARCELS  # the seeded database, not reseeded
    assert set(result["pages"]) == {"home"}
    home = result["pages"]["home"]
    assert home["final_url_path"] == "/", "signed out: Lighthouse landed on the sign-in page"
    assert home["runtime_error"] is None
    assert set(home["scores"]) == {"accessibility", "best-practices", "performance"}
    assert all(0 <= score <= 100 for score in home["scores"].values()), home["scores"]
    assert home["metrics"]["fcp_ms"] > 0 and home["metrics"]["lcp_ms"] > 0, home["metrics"]
    assert set(home["met"]) == {"accessibility", "best-practices", "performance"}
    assert (tmp_path / "reports" / "home.json").exists()
    assert_machine(result)


def test_every_benchmark_runs_end_to_end(names: dict[str, str], tmp_path: Path) -> None:
    """One test, so that the one seeded database serves every script (seeding it is most of
    the cost); run_bench's failure names the script."""
    seeded = run_bench("seed_timing.py", tmp_path / "seed", db=names["seeded"], parcels=PARCELS)
    check_seed_timing_seeds_and_reports_every_phase(seeded)
    check_maps_measures_every_tile_as_each_user_and_the_page_weight(names, tmp_path / "maps")
    check_load_runs_every_endpoint_without_errors(names, tmp_path / "load")
    check_io_export_compares_every_format_with_ogr2ogr(names, tmp_path / "export")
    check_io_import_loads_every_parcel_and_compares_with_ogr2ogr(names, tmp_path / "import")
    check_lighthouse_scores_a_page_signed_in(names, tmp_path / "lighthouse")
