"""An import cut off by the database stopping dead leaves nothing behind, and running it
again completes it (issue 8, point 8).

The test starts its own PostgreSQL cluster (the shared one serves other people), restores
the suite's migrated template into it, and runs `manage.py import_layer` on 10,000 parcels
as a subprocess. To stop the database at the worst moment rather than at a lucky one, a
second session holds a SHARE lock on the import log: the importer then writes every parcel
and dag, reaches the INSERT of its ImportBatch and waits there, inside its still-open
transaction. The test sees it waiting in pg_stat_activity, checks in pg_locks that it has
written to the parcel table, and runs `pg_ctl stop -m immediate` (no shutdown checkpoint:
the next start is a crash recovery).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pytest
import shapely
from django.conf import settings

from tests.ops.conftest import ROOT, Cluster, manage

DATABASE = "lc_ops_crash"
PARCELS = 10_000
IMPORTER = "crash-importer"
CENTRE = (89.92, 24.25)  # Tangail
WAIT_SECONDS = 120  # an upper bound for a slow machine, not a timing assertion

pytestmark = pytest.mark.slow  # a cluster of its own and 10,000 parcels imported twice

SETUP = f"""
from django.contrib.gis.geos import Point
from landclaims.places.services import admin_area_create
from tests.factories import OrganisationFactory, make_user

division = admin_area_create(level="division", name_en="Dhaka", name_bn="ঢাকা", bbs_code="30")
district = admin_area_create(level="district", name_en="Tangail", name_bn="টাঙ্গাইল",
                             parent=division)
upazila = admin_area_create(level="upazila", name_en="Tangail Sadar", name_bn="সদর",
                            parent=district)
union = admin_area_create(level="union", name_en="Tangail Union", name_bn="ইউনিয়ন",
                          parent=upazila)
admin_area_create(level="mouza", name_en="Charpara", name_bn="চরপাড়া", parent=union,
                  centre=Point({CENTRE[0]}, {CENTRE[1]}, srid=4326))
user = make_user(organisation=OrganisationFactory(name_en="Nijera Kori", slug="nk"))
user.username = "{IMPORTER}"
user.save()
"""

# The importer's INSERT into the import log, waiting for the lock the test holds.
WAITING_IMPORT = """
SELECT a.pid FROM pg_stat_activity a
WHERE a.datname = %s AND a.wait_event_type = 'Lock' AND a.query ILIKE '%%imports_importbatch%%'
"""
HAS_WRITTEN_PARCELS = """
SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
WHERE l.pid = %s AND l.granted AND l.mode = 'RowExclusiveLock'
  AND c.relname IN ('parcels_parcel', 'parcels_parceldag')
"""


def parcels_file(path: Path) -> Path:
    """PARCELS squares of 40 m on a 60 m grid, 200 columns wide, each with a dag number
    and a Bengali note."""
    index = np.arange(PARCELS)
    lon0, lat0 = CENTRE
    per_lon, per_lat = 111_320.0 * np.cos(np.radians(lat0)), 111_320.0
    west = lon0 + (index % 200) * 60 / per_lon
    south = lat0 + (index // 200) * 60 / per_lat
    boxes = shapely.box(west, south, west + 40 / per_lon, south + 40 / per_lat)
    frame = gpd.GeoDataFrame(
        {
            "mouza": ["Charpara"] * PARCELS,
            "survey": ["RS"] * PARCELS,
            "dag_no": [str(10_000 + i) for i in index],
            "land_class": ["agri_khas"] * PARCELS,
            "area_value": ["40"] * PARCELS,
            "area_unit": ["decimal"] * PARCELS,
            "notes": ["ভূমিহীন সমিতির দাবি"] * PARCELS,
        },
        geometry=boxes,
        crs="EPSG:4326",
    )
    frame.to_file(path, driver="GPKG", engine="pyogrio")
    return path


def import_command(path: Path) -> list[str]:
    return [
        sys.executable, "manage.py", "import_layer", str(path), "--kind", "parcels",
        "--user", IMPORTER,
    ]  # fmt: skip


def state(cluster: Cluster) -> dict[str, int]:
    [(parcels, dags, distinct_dags, committed)] = cluster.query(
        DATABASE,
        """SELECT (SELECT count(*) FROM parcels_parcel),
                  (SELECT count(*) FROM parcels_parceldag),
                  (SELECT count(DISTINCT dag_no) FROM parcels_parceldag),
                  (SELECT count(*) FROM imports_importbatch WHERE status = 'committed')""",
    )
    return {"parcels": parcels, "dags": dags, "distinct_dags": distinct_dags,
            "committed_batches": committed}  # fmt: skip


def wait_for_waiting_import(cluster: Cluster, process: subprocess.Popen) -> int:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        rows = cluster.query(DATABASE, WAITING_IMPORT, [DATABASE])
        if rows:
            return int(rows[0][0])
        time.sleep(0.2)
    raise AssertionError("the import never reached the import log")


def prepared_database(cluster: Cluster, tmp_path: Path) -> dict[str, str]:
    """The database, migrated, with a mouza and the importer. The schema comes from the
    suite's migrated template (Cluster.restore_migrated): what is tested is the import and
    the crash, and migrating from nothing would take most of a minute of the test's time."""
    env = {**os.environ, "DATABASE_URL": cluster.url(DATABASE), "IMPORT_DIR": str(tmp_path)}
    template = settings.DATABASES["default"].get("TEST", {}).get("TEMPLATE")
    if template:
        cluster.restore_migrated(DATABASE, template)
    else:  # --nomigrations: the suite made no template
        cluster.query("postgres", f"CREATE DATABASE {DATABASE}")
        manage("migrate", "--noinput", env=env)
    manage("shell", "-c", SETUP, env=env)
    return env


def test_an_import_cut_off_by_a_crash_leaves_nothing_and_a_rerun_completes_it(
    django_db_modify_db_settings: None, cluster: Cluster, tmp_path: Path
) -> None:
    env = prepared_database(cluster, tmp_path)
    path = parcels_file(tmp_path / "parcels.gpkg")
    blocker: Any = cluster.connect(DATABASE)
    blocker.autocommit = False
    blocker.cursor().execute("LOCK TABLE imports_importbatch IN SHARE MODE")
    process = subprocess.Popen(  # noqa: S603 - this project's manage.py
        import_command(path), cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    importer = wait_for_waiting_import(cluster, process)
    [(written,)] = cluster.query(DATABASE, HAS_WRITTEN_PARCELS, [importer])
    assert written == 2, "the import had not written its parcels yet"

    cluster.stop("immediate")
    blocker.close()
    _, error = process.communicate(timeout=WAIT_SECONDS)
    assert process.returncode != 0
    assert b"terminat" in error or b"connection" in error, error[-2000:]
    cluster.start()

    log = (cluster.root / "server.log").read_text(encoding="utf-8", errors="replace")
    assert "automatic recovery in progress" in log
    assert state(cluster) == {"parcels": 0, "dags": 0, "distinct_dags": 0, "committed_batches": 0}

    rerun = subprocess.run(  # noqa: S603 - this project's manage.py
        import_command(path), cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"created {PARCELS}" in rerun.stdout
    assert state(cluster) == {
        "parcels": PARCELS,
        "dags": PARCELS,
        "distinct_dags": PARCELS,
        "committed_batches": 1,
    }
