"""Time the parcel vector tiles and weigh the /map/ page; results in bench/results/maps.json.

Measured on the `landclaims_bench` database that bench/seed_timing.py leaves behind
(1,000,000 seeded parcels). This script does not seed it (that takes minutes and is
seed_timing.py's job): when the database is missing or empty it says so and exits with
status 2. Run `make bench`, or seed_timing.py first.

For one tile at z7, z10, z12 and z14 over the densest parcels (the z12 cell holding the most
parcels, the z7 and z10 tiles around it and its densest z14 tile), in one run:

- endpoint: GET /tiles/parcels/{z}/{x}/{y}.pbf on gunicorn (one sync worker, DEBUG off,
  persistent database connections as in production), logged in as `organiser` and as
  `admin`, sent without If-None-Match so that every request runs the query; p50/p95
  wall time at the client and the bytes returned;
- sql: the exact SQL and parameters of `parcel_tile_sql` for the same user and tile, run
  directly with psycopg2 (jit off, as the app's connection), interleaved with the requests,
  the same number of times; the endpoint's p95 is compared with it (target: at most 1.3x);
- naive: every parcel in the tile through ST_AsMVT with no scoping and no aggregation; the
  endpoint should be at least 10x faster and 10x smaller at z7 and z10;
- breakdown, to tell where the endpoint's time goes: the view run in this process through
  Django's test client (middleware, session, scoping, ETag, no HTTP).

Steady state is measured: before timing, every mouza is marked stale and a first tile
request recounts the stage counts (its time is recorded), then a few warm-up requests run.

Page weight: the /map/ HTML plus every script and stylesheet it links, fetched from the
server (runserver --insecure serves the static files with DEBUG off), at 1,000,000 parcels
and on `landclaims_bench_small`, recreated here with `seed_demo --parcels 1000`. Target:
within 5% of each other.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    bench_db,
    connect,
    database_url,
    env_int,
    load_average,
    machine,
    manage,
    measured_at,
    parcel_count,
    recreate_database,
    unapplied_migrations,
    write_result,
)
from bench.signin import backup_codes  # noqa: E402
from gis.tiles import Tile, mercator_to_lonlat, tile_for  # noqa: E402

Step = Callable[[], tuple[bytes, float]]

BENCH_DB = bench_db("landclaims_bench")
# The page weight's small database: BENCH_DB's name with "_small" unless given.
SMALL_DB = os.environ.get("BENCH_SMALL_DB") or f"{BENCH_DB}_small"
SMALL_PARCELS = env_int("BENCH_SMALL_PARCELS", 1000)
USERS = ("organiser", "admin")
REPS = env_int("BENCH_REPS", 30)
WARMUP = env_int("BENCH_WARMUP", 3)
PASSWORD = os.environ.get("DEMO_PASSWORD", "landclaims-demo")
TARGETS = {
    "endpoint_p95_over_sql_p95_max": 1.3,
    "naive_over_endpoint_min": 10,
    "naive_checked_at_zooms": [7, 10],
    "tile_bytes_max": 500_000,
    "page_weight_change_max": 0.05,
}

NAIVE_SQL = (
    "SELECT ST_AsMVT(t, 'parcels') FROM (SELECT id, "
    "ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s)) AS geom "
    "FROM parcels_parcel "
    "WHERE geom && ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4326)) t"
)

# Parcels per z14 tile, by the centre of each parcel's bounding box.
DENSITY_SQL = """
SELECT floor((ST_X(c) + 20037508.342789244) / (40075016.68557849 / 16384))::int,
       floor((20037508.342789244 - ST_Y(c)) / (40075016.68557849 / 16384))::int,
       count(*)
FROM (SELECT ST_Transform(ST_SetSRID(ST_Centroid(geom::box2d::geometry), 4326), 3857) AS c
      FROM parcels_parcel WHERE geom IS NOT NULL) p
GROUP BY 1, 2
"""


# Databases -------------------------------------------------------------------------------


def small_database() -> int:
    """A fresh database with SMALL_PARCELS seeded parcels, for the page weight. When
    BENCH_SMALL_DB names BENCH_DB itself (the smoke run in tests/bench, where both are tiny)
    that database is weighed as it is: a second seed would double the smoke run's time."""
    if SMALL_DB == BENCH_DB:
        return parcel_count(SMALL_DB) or 0
    recreate_database(SMALL_DB)
    manage(SMALL_DB, "seed_demo", "--parcels", str(SMALL_PARCELS), "--seed", "42")
    return parcel_count(SMALL_DB) or 0


def mark_all_stale(conn: Any) -> None:
    """Mouza 0 makes the next stage_counts_refresh recount everything."""
    with conn.cursor() as cursor:
        cursor.execute("INSERT INTO maps_stalemouza (mouza_id) VALUES (0) ON CONFLICT DO NOTHING")


def stale_rows(conn: Any) -> int:
    with conn.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM maps_stalemouza")
        return int(cursor.fetchone()[0])


# Tiles -----------------------------------------------------------------------------------


def densest_tiles(conn: Any) -> tuple[dict[int, Tile], dict[str, int]]:
    """The densest z12 cell, the z7 and z10 tiles holding its centre, its densest z14 tile."""
    with conn.cursor() as cursor:
        cursor.execute(DENSITY_SQL)
        z14 = {(x, y): n for x, y, n in cursor.fetchall()}
    z12: Counter[tuple[int, int]] = Counter()
    for (x, y), n in z14.items():
        z12[(x // 4, y // 4)] += n
    (x12, y12), n12 = z12.most_common(1)[0]
    inside = [key for key in z14 if (key[0] // 4, key[1] // 4) == (x12, y12)]
    x14, y14 = max(inside, key=z14.__getitem__)
    cell = Tile(12, x12, y12)
    min_x, min_y, max_x, max_y = cell.mercator_bounds()
    lon, lat = mercator_to_lonlat((min_x + max_x) / 2, (min_y + max_y) / 2)
    tiles = {z: tile_for(lon, lat, z) for z in (7, 10)}
    tiles |= {12: cell, 14: Tile(14, x14, y14)}
    return tiles, {"z12": n12, "z14": z14[(x14, y14)]}


def tile_path(tile: Tile) -> str:
    return f"/tiles/parcels/{tile.z}/{tile.x}/{tile.y}.pbf"


# Django, for the SQL the endpoint runs ---------------------------------------------------


def setup_django(dbname: str) -> None:
    os.environ["DATABASE_URL"] = database_url(dbname)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "landclaims.settings")
    import django

    django.setup()


def demo_user(username: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def endpoint_sql(username: str, tile: Tile) -> tuple[str, list[Any]]:
    """`parcel_tile_sql` for the user, with no filters and today's date, as the view calls it."""
    from django.utils import timezone

    from landclaims.maps.selectors import MapFilters, parcel_tile_sql

    user = demo_user(username)
    part = parcel_tile_sql(user=user, tile=tile, filters=MapFilters(), today=timezone.localdate())
    return part.sql, part.params


def in_process_client(username: str) -> Any:
    """Django's test client in this process: the whole view and middleware, no HTTP, and one
    database connection kept open (as a server with persistent connections would)."""
    from django.test import Client as DjangoClient
    from django_otp import DEVICE_ID_SESSION_KEY

    from landclaims.accounts.selectors import totp_device_confirmed

    client = DjangoClient(HTTP_HOST="127.0.0.1")
    user = demo_user(username)
    client.force_login(user)
    device = totp_device_confirmed(user)  # enrolled by the HTTP sign-in before this
    if device is not None:  # the session verified as django_otp.login leaves it
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def in_process_get(client: Any, path: str) -> tuple[bytes, float]:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"in-process GET {path}: HTTP {response.status_code}")
    return response.content, elapsed


# HTTP ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# Tiles are timed on the production server. runserver would open a database connection per
# request (one thread each); it serves only the page weight, since it serves static files.
def server_command(kind: str, port: int) -> list[str]:
    if kind == "gunicorn":
        return [sys.executable, "-m", "gunicorn", "landclaims.wsgi", "--workers", "1",
                "--bind", f"127.0.0.1:{port}"]  # fmt: skip
    manage_py = str(ROOT / "manage.py")
    return [sys.executable, manage_py, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"]


@contextlib.contextmanager
def serving(
    dbname: str, command: Callable[[int], list[str]], *, timeout: float = 60
) -> Iterator[tuple[str, subprocess.Popen[Any]]]:
    """The server `command(port)` starts, on `dbname` with DEBUG off; yields its base URL and
    its process, and stops it afterwards."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(dbname),
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(command(port), env=env, stdout=log, stderr=log, cwd=ROOT)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base, server, log, timeout)
            yield base, server
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@contextlib.contextmanager
def running_server(dbname: str, kind: str) -> Iterator[str]:
    """gunicorn or `manage.py runserver` on `dbname` with DEBUG off; yields its base URL."""
    with serving(dbname, lambda port: server_command(kind, port)) as (base, _server):
        yield base


def wait_until_up(base: str, server: subprocess.Popen[Any], log: Any, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the server exited with {server.returncode}:\n{log.read()}")
        try:
            with urllib.request.urlopen(base + "/login/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:  # refused, reset or timed out while the server starts
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer on {base} within {timeout} s")


class Client:
    """A logged-in browser: cookies, CSRF token, timed GETs."""

    def __init__(self, base: str, database_url: str) -> None:
        self.base = base
        self.database_url = database_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def login(self, username: str, codes: list[str] | None = None) -> None:
        """The password, then (for a role that needs it) a one-time backup code: one of
        `codes`, or of fresh ones (bench/signin.py's backup_codes)."""
        codes = backup_codes(self.database_url, username) if codes is None else codes
        self.get("/login/")
        landed = self.post("/login/", {"username": username, "password": PASSWORD})
        if "/account/2fa/verify/" in landed:
            landed = self.post(urllib.parse.urlsplit(landed).path, {"token": codes[0]})
        if self.cookie("sessionid") is None or "/login/" in landed or "/2fa/" in landed:
            raise RuntimeError(f"could not sign in as {username} (password from DEMO_PASSWORD?)")

    def post(self, path: str, fields: dict[str, str]) -> str:
        """POST a form as the browser would (CSRF token, Referer); the URL it ends on."""
        form = urllib.parse.urlencode(
            {**fields, "csrfmiddlewaretoken": self.cookie("csrftoken") or ""}
        ).encode()
        request = urllib.request.Request(self.base + path, data=form, method="POST")  # noqa: S310
        request.add_header("Referer", self.base + path)
        with self.opener.open(request, timeout=30) as response:
            response.read()
            return str(response.url)

    def get(self, path: str) -> tuple[bytes, float]:
        """The body of GET `path` and the seconds it took; raises unless 200."""
        url = urllib.parse.urljoin(self.base, path)
        started = time.perf_counter()
        with self.opener.open(url, timeout=120) as response:
            body = response.read()
            status = response.status
        elapsed = time.perf_counter() - started
        if status != 200:
            raise RuntimeError(f"GET {path}: HTTP {status}")
        return body, elapsed


# Measuring -------------------------------------------------------------------------------


def stats_ms(seconds: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return {
        "p50_ms": round(statistics.median(seconds) * 1000, 2),
        "p95_ms": round(cuts[94] * 1000, 2),
        "min_ms": round(min(seconds) * 1000, 2),
        "max_ms": round(max(seconds) * 1000, 2),
    }


def run_sql(conn: Any, sql: str, params: Any) -> tuple[bytes, float]:
    started = time.perf_counter()
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    elapsed = time.perf_counter() - started
    return (bytes(row[0]) if row and row[0] is not None else b""), elapsed


def repeat(step: Callable[[], tuple[bytes, float]], times: int) -> tuple[bytes, list[float]]:
    body, seconds = b"", []
    for _ in range(times):
        body, elapsed = step()
        seconds.append(elapsed)
    return body, seconds


def interleave(steps: dict[str, Step]) -> dict[str, dict[str, Any]]:
    """Run each step in turn, WARMUP rounds untimed then REPS timed; stats and bytes per step."""
    for _ in range(WARMUP):
        for step in steps.values():
            step()
    bodies = dict.fromkeys(steps, b"")
    seconds: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(REPS):
        for name, step in steps.items():
            bodies[name], elapsed = step()
            seconds[name].append(elapsed)
    return {name: {**stats_ms(seconds[name]), "bytes": len(bodies[name])} for name in steps}


def measure_user_tile(client: Client, conn: Any, username: str, tile: Tile) -> dict[str, Any]:
    """The endpoint and its own SQL, interleaved request by request, after a warm-up; and, to
    tell where the endpoint's time goes, the view in-process."""
    sql, params = endpoint_sql(username, tile)
    django_client = in_process_client(username)
    rows = interleave(
        {
            "endpoint": lambda: client.get(tile_path(tile)),
            "sql": lambda: run_sql(conn, sql, params),
            "view_in_process": lambda: in_process_get(django_client, tile_path(tile)),
        }
    )
    ratio = rows["endpoint"]["p95_ms"] / rows["sql"]["p95_ms"]
    return {
        "endpoint": rows["endpoint"],
        "sql": rows["sql"],
        "endpoint_p95_over_sql_p95": round(ratio, 2),
        "breakdown": {"view_in_process": rows["view_in_process"]},
    }


def measure_naive(conn: Any, tile: Tile) -> dict[str, Any]:
    params = {"z": tile.z, "x": tile.x, "y": tile.y}
    run_sql(conn, NAIVE_SQL, params)
    body, seconds = repeat(lambda: run_sql(conn, NAIVE_SQL, params), REPS)
    with conn.cursor() as cursor:
        cursor.execute(NAIVE_SQL.replace("ST_AsMVT(t, 'parcels')", "count(*)"), params)
        features = int(cursor.fetchone()[0])
    return {**stats_ms(seconds), "bytes": len(body), "parcels": features}


# Page weight -----------------------------------------------------------------------------


class AssetLinks(HTMLParser):
    """Collects <script src> and <link rel=stylesheet href>."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.scripts.append(found["src"] or "")
        rel = (found.get("rel") or "").lower().split()
        if tag == "link" and "stylesheet" in rel and found.get("href"):
            self.styles.append(found["href"] or "")


def page_weight(client: Client) -> dict[str, Any]:
    html, _elapsed = client.get("/map/")
    links = AssetLinks()
    links.feed(html.decode("utf-8"))
    assets = {url: len(client.get(url)[0]) for url in [*links.scripts, *links.styles]}
    return {
        "html_bytes": len(html),
        "scripts_bytes": sum(assets[url] for url in links.scripts),
        "styles_bytes": sum(assets[url] for url in links.styles),
        "total_bytes": len(html) + sum(assets.values()),
        "assets": assets,
    }


def weigh_page(dbname: str) -> dict[str, Any]:
    with running_server(dbname, "runserver") as base:
        client = Client(base, database_url(dbname))
        client.login("organiser")
        return page_weight(client)


def weigh_pages() -> dict[str, dict[str, Any]]:
    """/map/ weighed on BENCH_DB ("large") and on SMALL_DB ("small"), each on a server of
    its own; when they are one database (the smoke run in tests/bench) one server and one
    sign-in weigh it twice, as a second server would, without its start-up."""
    with running_server(BENCH_DB, "runserver") as base:
        client = Client(base, database_url(BENCH_DB))
        client.login("organiser")
        large = page_weight(client)
        small = page_weight(client) if SMALL_DB == BENCH_DB else None
    return {"large": large, "small": small or weigh_page(SMALL_DB)}


# The run ---------------------------------------------------------------------------------


def first_refresh(base: str, conn: Any, tile: Tile) -> dict[str, Any]:
    """Mark every mouza stale, then time the first tile request, which recounts them all."""
    mark_all_stale(conn)
    client = Client(base, database_url(BENCH_DB))
    client.login("organiser")
    _body, elapsed = client.get(tile_path(tile))
    return {
        "first_z7_request_with_full_recount_ms": round(elapsed * 1000, 1),
        "stale_rows_after": stale_rows(conn),
    }


def measure_tiles(tiles: dict[int, Tile]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Per user and zoom: endpoint and SQL; per zoom: the naive tile. Also the first recount."""
    conn = connect(BENCH_DB)
    per_user: dict[str, dict[str, Any]] = {}
    with running_server(BENCH_DB, "gunicorn") as base:
        refresh = first_refresh(base, conn, tiles[7])
        for username in USERS:
            client = Client(base, database_url(BENCH_DB))
            client.login(username)
            per_user[username] = {
                f"z{z}": measure_user_tile(client, conn, username, tile)
                for z, tile in tiles.items()
            }
    naive = {f"z{z}": measure_naive(conn, tile) for z, tile in tiles.items()}
    conn.close()
    return {"per_user": per_user, "naive": naive}, refresh


def add_naive_ratios(measured: dict[str, Any]) -> None:
    """Add to each user's zoom how much slower (p50) and bigger the naive tile is."""
    for zooms in measured["per_user"].values():
        for zoom, row in zooms.items():
            naive, endpoint = measured["naive"][zoom], row["endpoint"]
            row["naive_p50_over_endpoint_p50"] = round(naive["p50_ms"] / endpoint["p50_ms"], 1)
            row["naive_bytes_over_endpoint_bytes"] = round(
                naive["bytes"] / max(endpoint["bytes"], 1), 1
            )


def tile_targets(measured: dict[str, Any]) -> dict[str, dict[str, bool]]:
    minimum = TARGETS["naive_over_endpoint_min"]
    out = {}
    for username, zooms in measured["per_user"].items():
        for zoom, row in zooms.items():
            checks = {
                "endpoint_p95_within_1_3x_sql_p95": row["endpoint_p95_over_sql_p95"]
                <= TARGETS["endpoint_p95_over_sql_p95_max"],
                "tile_at_most_500kb": row["endpoint"]["bytes"] <= TARGETS["tile_bytes_max"],
            }
            if int(zoom[1:]) in TARGETS["naive_checked_at_zooms"]:
                checks["10x_faster_than_naive"] = row["naive_p50_over_endpoint_p50"] >= minimum
                checks["10x_smaller_than_naive"] = row["naive_bytes_over_endpoint_bytes"] >= minimum
            out[f"{username}.{zoom}"] = checks
    return out


def page_targets(small: dict[str, Any], large: dict[str, Any]) -> dict[str, Any]:
    change = abs(large["total_bytes"] - small["total_bytes"]) / small["total_bytes"]
    return {
        "relative_change": round(change, 4),
        "within_5_percent": change <= TARGETS["page_weight_change_max"],
    }


def main() -> int:
    parcels = parcel_count(BENCH_DB)
    if not parcels:
        print(
            f"Database {BENCH_DB} is missing or has no parcels: run bench/seed_timing.py "
            "(or `make bench`) first; it seeds 1,000,000 parcels.",
            file=sys.stderr,
        )
        return 2
    setup_django(BENCH_DB)
    if unapplied_migrations():  # made by seed_timing, it is migrated already as a rule
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
    load_before = load_average()
    conn = connect(BENCH_DB)
    tiles, density = densest_tiles(conn)
    conn.close()
    started = time.perf_counter()
    measured, refresh = measure_tiles(tiles)
    tiles_seconds = time.perf_counter() - started
    add_naive_ratios(measured)
    targets = tile_targets(measured)
    small_parcels = small_database()
    pages = weigh_pages()
    result = {
        "what": (
            "Parcel vector tiles at /tiles/parcels/{z}/{x}/{y}.pbf over the densest parcels: "
            "endpoint over HTTP (gunicorn, DEBUG off, no If-None-Match) against its own SQL "
            "run directly and against a naive ST_AsMVT of every parcel; /map/ page weight"
        ),
        "parcels": parcels,
        "repetitions": REPS,
        "warmup_requests": WARMUP,
        "steady_state": True,
        "stage_counts": {
            "note": (
                "every mouza marked stale before the run; the first tile request recounted "
                "all stage counts, then warm-up requests ran before timing"
            ),
            **refresh,
        },
        "tiles": {f"z{z}": {"x": t.x, "y": t.y, "path": tile_path(t)} for z, t in tiles.items()},
        "tile_choice": {
            "rule": "densest z12 cell by parcel bbox centres; z7 and z10 tiles at its centre; "
            "its densest z14 tile",
            "parcels_in_z12_cell": density["z12"],
            "parcels_in_z14_tile": density["z14"],
        },
        "endpoint_notes": {
            "server": "gunicorn landclaims.wsgi, 1 sync worker, DJANGO_DEBUG=0, "
            "persistent database connection (CONN_MAX_AGE=60)",
            "timing": "client wall time per request (urllib, new TCP connection each time)",
            "sql": "psycopg2 on one open connection, options '-c jit=off' like the app, "
            "autocommit; requests, SQL and the breakdown steps interleaved round by round",
            "breakdown": "view_in_process: the whole view and middleware through Django's "
            "test client in this process, on one persistent connection",
        },
        "naive_sql": NAIVE_SQL,
        "by_user": measured["per_user"],
        "naive": measured["naive"],
        "page_weight": {
            "what": "/map/ HTML + every <script src> and <link rel=stylesheet> it links, "
            "as organiser; fonts and images the stylesheets load, and basemap tiles, not counted",
            "static_served_by": "runserver --insecure (staticfiles finders, static/)",
            "parcels_1000": {"database": SMALL_DB, "parcels": small_parcels, **pages["small"]},
            "parcels_1000000": {"database": BENCH_DB, "parcels": parcels, **pages["large"]},
        },
        "targets": TARGETS,
        "met": {
            "tiles": targets,
            "all_tiles": all(all(checks.values()) for checks in targets.values()),
            "page_weight": page_targets(pages["small"], pages["large"]),
        },
        "tile_measuring_seconds": round(tiles_seconds, 1),
        "machine": machine(load_before),
        "measured_at": measured_at(),
    }
    write_result("maps.json", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
