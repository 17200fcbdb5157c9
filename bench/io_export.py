"""Time exports of 100,000 parcels against GDAL's `ogr2ogr` on the same SQL, in one run.

Results go under the key "export" of bench/results/io.json (other keys, such as the import
benchmark's "import", are kept).

Database: `lc_io_bench` (BENCH_DB), seeded with `seed_demo --parcels 100000 --seed 42`; this
script creates, migrates and seeds it when it is missing or empty (about a minute) and
otherwise only migrates it. The import benchmark reads the same database.

What is timed, each REPS times, interleaved, medians reported:
- ours: `export_layer(...)` for the `admin` user (every parcel), staff profile (every
  column), the whole service: log row, the one SQL statement run by COPY into CSV, the CSV
  read into Arrow batches, pyogrio's Arrow write (GDAL), and for Shapefile the field map,
  README and zip;
- reference: `ogr2ogr -f GPKG` (or `-f "ESRI Shapefile" -lco ENCODING=UTF-8`) reading
  `PG:... -sql "<the same statement>"`, where the statement is the service's own (the same
  selector, `geometry="native"` so the geometry comes as a PostGIS geometry, not hex WKB), with
  the app's connection option `-c jit=off`;
- breakdown of ours: the statement run by COPY into CSV (PostgreSQL's work plus the
  transfer), that CSV read into Arrow batches, and the rest (GDAL's write through the Arrow
  stream, and for Shapefile the field map, README and zip).

Target (issue 6): ours <= 1.5 x ogr2ogr for GeoPackage and for Shapefile. The Shapefile
reference writes a folder of files; ours also writes the field map and README and zips
them, and that is counted in our time.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    bench_db,
    connect,
    database_url,
    dsn,
    env_int,
    load_average,
    machine,
    manage,
    measured_at,
    parcel_count,
    write_result,
)

BENCH_DB = bench_db("lc_io_bench")
PARCELS = env_int("BENCH_PARCELS", 100_000)
REPS = env_int("BENCH_REPS", 5)
USERNAME = "admin"
PROFILE = "staff"
TARGET_RATIO = 1.5
# (name, file format, CRS)
CASES = (
    ("gpkg_4326", "gpkg", 4326),
    ("gpkg_9678", "gpkg", 9678),
    ("shp_4326", "shp", 4326),
    ("shp_9678", "shp", 9678),
)
OGR_DRIVERS = {
    "gpkg": ("GPKG", "out.gpkg", []),
    "shp": ("ESRI Shapefile", "out", ["-lco", "ENCODING=UTF-8"]),
}


# Database ---------------------------------------------------------------------------------


def ensure_database() -> int:
    """Create, migrate and seed BENCH_DB when needed; return its parcel count."""
    count = parcel_count(BENCH_DB)
    if count is None:
        conn = connect("postgres")
        with conn.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{BENCH_DB}"')
        conn.close()
    manage(BENCH_DB, "migrate", "--noinput", "-v", "0")
    if not count:
        manage(BENCH_DB, "seed_demo", "--parcels", str(PARCELS), "--seed", "42")
    return parcel_count(BENCH_DB) or 0


def setup_django(export_dir: Path) -> None:
    os.environ["DATABASE_URL"] = database_url(BENCH_DB)
    os.environ["EXPORT_DIR"] = str(export_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "landclaims.settings")
    import django

    django.setup()


# Steps -----------------------------------------------------------------------------------


def reference_sql(user: Any, srid: int) -> str:
    """The service's statement with its parameters bound and a geometry column, for ogr2ogr."""
    from django.db import connection
    from django.utils import timezone

    from landclaims.exports.models import Layer, Profile
    from landclaims.exports.selectors import ExportFilters, export_query

    query = export_query(
        user=user,
        layer=Layer.PARCELS,
        profile=Profile(PROFILE),
        filters=ExportFilters(),
        srid=srid,
        today=timezone.localdate(),
        geometry="native",
    )
    with connection.cursor() as cursor:
        return cursor.mogrify(query.sql, query.params).decode()


def time_ogr2ogr(fmt: str, sql: str, workdir: Path) -> float:
    driver, target, options = OGR_DRIVERS[fmt]
    out = workdir / target
    if out.is_dir():
        shutil.rmtree(out)
    elif out.exists():
        out.unlink()
    source = f"PG:{dsn(BENCH_DB)} options='-c jit=off'"
    command = ["ogr2ogr", "-f", driver, str(out), source, "-sql", sql, "-nln", "parcels", *options]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def time_ours(user: Any, fmt: str, srid: int) -> tuple[float, int, int]:
    from landclaims.exports.services import export_layer

    started = time.perf_counter()
    result = export_layer(user=user, layer="parcels", file_format=fmt, srid=srid, profile=PROFILE)
    elapsed = time.perf_counter() - started
    size = result.path.stat().st_size
    shutil.rmtree(result.path.parent)
    return elapsed, result.rows, size


def time_reading(user: Any, srid: int, workdir: Path) -> tuple[float, float]:
    """The service's first two steps alone: COPY of its statement into CSV, and that CSV
    read into Arrow batches (hex WKB decoded). Returns the time to the end of each."""
    from django.utils import timezone

    from gis.vector_write import batches_from_csv
    from landclaims.exports.models import Layer, Profile
    from landclaims.exports.running import _copy_rows
    from landclaims.exports.selectors import ExportFilters, export_query

    path = workdir / "rows.csv"
    started = time.perf_counter()
    query = export_query(
        user=user,
        layer=Layer.PARCELS,
        profile=Profile(PROFILE),
        filters=ExportFilters(),
        srid=srid,
        today=timezone.localdate(),
    )
    _copy_rows(query, path, None)
    copied = time.perf_counter() - started
    for _batch in batches_from_csv(path, query.fields):
        pass
    read = time.perf_counter() - started
    path.unlink()
    return copied, read


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def run(*, reps: int = REPS) -> dict[str, Any]:
    parcels = ensure_database()
    with tempfile.TemporaryDirectory(prefix="lc-io-export-") as tmp:
        workdir = Path(tmp)
        (workdir / "exports").mkdir()
        setup_django(workdir / "exports")
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username=USERNAME)
        sqls = {srid: reference_sql(user, srid) for _name, _fmt, srid in CASES}
        times: dict[str, dict[str, list[float]]] = {
            name: {"ours": [], "ogr2ogr": [], "copy_out": [], "copy_and_read": []}
            for name, _fmt, _srid in CASES
        }
        sizes: dict[str, int] = {}
        rows = 0
        load_before = load_average()
        for _rep in range(reps):
            for name, fmt, srid in CASES:
                elapsed, rows, sizes[name] = time_ours(user, fmt, srid)
                times[name]["ours"].append(elapsed)
                times[name]["ogr2ogr"].append(time_ogr2ogr(fmt, sqls[srid], workdir))
                copied, read = time_reading(user, srid, workdir)
                times[name]["copy_out"].append(copied)
                times[name]["copy_and_read"].append(read)
    figures = {}
    for name, fmt, srid in CASES:
        t = times[name]
        ours, reference = median(t["ours"]), median(t["ogr2ogr"])
        copied, read = median(t["copy_out"]), median(t["copy_and_read"])
        figures[name] = {
            "format": fmt,
            "srid": srid,
            "ours_s": ours,
            "ogr2ogr_s": reference,
            "ratio": round(ours / reference, 2),
            "meets_target": ours / reference <= TARGET_RATIO,
            "breakdown_s": {
                "copy_statement_to_csv": copied,
                "csv_to_arrow": round(read - copied, 3),
                "gdal_write_and_package": round(ours - read, 3),
            },
            "file_bytes": sizes[name],
            "all_runs_s": {k: [round(v, 3) for v in values] for k, values in t.items()},
        }
    return {
        "what": (
            "export_layer() of every parcel (admin user, staff profile: all columns) against "
            "ogr2ogr reading the same SQL statement from PostGIS, same run, interleaved"
        ),
        "parcels": parcels,
        "rows_exported": rows,
        "repetitions": reps,
        "statistic": "median",
        "target": f"ours <= {TARGET_RATIO} x ogr2ogr for GeoPackage and Shapefile",
        "reference_notes": (
            "ogr2ogr -sql with the service's own statement (geometry as a PostGIS geometry, "
            "parameters bound), connection option -c jit=off as the app; the Shapefile "
            "reference writes a plain folder, ours a zip with fields.csv and README.txt"
        ),
        "cases": figures,
        "all_met": all(f["meets_target"] for f in figures.values()),
        "machine": machine(
            load_before,
            gdal_ogr2ogr=subprocess.run(
                ["ogr2ogr", "--version"], capture_output=True, text=True, check=False
            ).stdout.strip(),
        ),
        "measured_at": measured_at(),
    }


def main() -> int:
    write_result("io.json", run(), key="export")
    return 0


if __name__ == "__main__":
    sys.exit(main())
