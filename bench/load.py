"""Many people at once: Locust (bench/locustfile.py) against gunicorn; bench/results/load.json.

Measured on the database bench/seed_timing.py leaves (`landclaims_bench`, 1,000,000 parcels;
env BENCH_DB). This script does not seed or migrate it: when it is missing, empty or behind
the code's migrations it says so and exits with status 2.

1. gunicorn serves landclaims.wsgi with DEBUG off and persistent database connections
   (CONN_MAX_AGE=60, as in production), `--workers 3` sync by default (env BENCH_GUNICORN),
   as the README recommends for 2 cores.
2. Each demo role signs in once over HTTP through the real two-step sign-in (bench/signin.py);
   the Locust users of a role share its session cookie. The GIS client gets an API key issued
   through the api services, revoked when the run ends.
3. A warm-up, then the single-user pass: one user, every endpoint in turn, no think time;
   its p50 per endpoint is the unloaded time.
4. The mixed workload (locustfile.py) at 10, 20 and 50 users (env BENCH_LOAD_USERS), each
   ramped up over BENCH_LOAD_RAMP seconds and then measured for BENCH_LOAD_SECONDS, stats
   reset when the ramp ends: per endpoint requests, errors, p50/p95/p99, requests/s.
   The single-user pass is BENCH_SINGLE_ROUNDS rounds, after BENCH_WARMUP_ROUNDS untimed.
5. Briefly, other gunicorn settings at 20 users (env BENCH_SWEEP_SECONDS, 0 skips it).

Targets: at 20 users every endpoint's p95 <= 5x its single-user p50 and no errors; at 50
users no errors; and where throughput stops growing. Locust runs on the same machine as the
server and the database, so it takes CPU from them: the ratios compare runs made under the
same conditions, and the machine section says how busy the CPUs were.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    bench_db,
    connect,
    database_url,
    load_average,
    machine,
    measured_at,
    parcel_count,
    unapplied_migrations,
    write_result,
)
from bench.maps import (  # noqa: E402
    Client,
    densest_tiles,
    serving,
    setup_django,
    tile_path,
)
from bench.signin import issue_codes  # noqa: E402
from gis.tiles import Tile, tile_for  # noqa: E402

BENCH_DB = bench_db("landclaims_bench")
LOCUSTFILE = ROOT / "bench" / "locustfile.py"
USERS = [int(n) for n in os.environ.get("BENCH_LOAD_USERS", "10,20,50").split(",")]
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
RAMP_SECONDS = int(os.environ.get("BENCH_LOAD_RAMP", "10"))
SINGLE_ROUNDS = int(os.environ.get("BENCH_SINGLE_ROUNDS", "10"))
WARMUP_ROUNDS = int(os.environ.get("BENCH_WARMUP_ROUNDS", "1"))
# The single-user pass and the warm-up round end on their own; this only bounds them.
SINGLE_SECONDS_MAX = 600
SWEEP_SECONDS = int(os.environ.get("BENCH_SWEEP_SECONDS", "30"))
SWEEP_USERS = 20
# Think time between one person's actions (an action is a page, or a page and its tiles).
WAIT_SECONDS = [float(s) for s in os.environ.get("BENCH_LOAD_WAIT", "1,3").split(",")]
GUNICORN = os.environ.get("BENCH_GUNICORN", "--workers 3").split()
# Tried briefly after the main run; the main run's own setting is measured again among them.
SWEEP = {
    "sync, 2 workers": ["--workers", "2"],
    "sync, 3 workers": ["--workers", "3"],
    "sync, 4 workers": ["--workers", "4"],
    "sync, 5 workers": ["--workers", "5"],
    "gthread, 2 workers x 4 threads": ["--workers", "2", "--threads", "4"],
    "sync, 3 workers, no parallel query": ["--workers", "3", "--env", "BENCH_NO_PARALLEL=1"],
}
KEY_NAME = "bench/load.py"
ROLES = ("organiser", "monitor", "legal", "admin")
LOCUST_USERS = ["Organiser", "Monitor", "Legal", "Admin", "GisClient"]
TARGETS = {"p95_over_single_p50_max_at_20": 5.0, "errors_at_20": 0, "errors_at_50": 0}


# The plan the Locust users read ------------------------------------------------------------


def around(tile: Tile, zoom: int) -> list[str]:
    """The tile at `zoom` holding `tile`'s centre, then its eight neighbours."""
    min_x, min_y, max_x, max_y = tile.lonlat_bounds(buffered=False)
    centre = tile_for((min_x + max_x) / 2, (min_y + max_y) / 2, zoom)
    paths = [tile_path(centre)]
    for dx, dy in ((-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)):
        with contextlib.suppress(ValueError):  # off the edge of the world
            paths.append(tile_path(Tile(zoom, centre.x + dx, centre.y + dy)))
    return paths


def bbox_of(path: str) -> str:
    z, x, y = (int(part) for part in path.removesuffix(".pbf").split("/")[-3:])
    return ",".join(f"{v:.6f}" for v in Tile(z, x, y).lonlat_bounds(buffered=False))


def visible_claim_ids(username: str, limit: int = 200) -> list[int]:
    """Claims the role may open, on parcels, most recently changed first."""
    from django.contrib.auth import get_user_model

    from landclaims.claims.selectors import claim_list

    user = get_user_model().objects.get(username=username)
    claims = claim_list(user=user).filter(parcels__isnull=False).order_by("-stage_since", "id")
    return list(claims.values_list("id", flat=True).distinct()[:limit]) or [0]


def list_filters() -> tuple[list[str], list[str]]:
    """Query strings for the claims and cases lists, as people filter them."""
    from landclaims.places.models import AdminArea

    districts = AdminArea.objects.filter(level="district").order_by("id")
    district_ids = [d.id for d in districts.filter(name_en__in=["Tangail", "Gaibandha"])]
    district_ids = district_ids or [d.id for d in districts[:2]]
    claims = ["stage=application_filed", "possession=contested", "stuck=on",
              "stage=dc_approved&possession=group_in_possession"]  # fmt: skip
    claims += [f"area={pk}" for pk in district_ids]
    cases = ["status=pending", "case_type=writ&status=pending", "our_role=respondent"]
    cases += [f"district={pk}&status=pending" for pk in district_ids]
    return claims, cases


def issue_api_key(username: str) -> tuple[str, int]:
    """A fresh key for the GIS client; keys an interrupted run left are revoked first (a
    person may hold only a few active keys)."""
    from django.contrib.auth import get_user_model

    from landclaims.api.models import ApiToken
    from landclaims.api.services import api_token_issue, api_token_revoke

    user = get_user_model().objects.get(username=username)
    for token in ApiToken.objects.filter(user=user, name=KEY_NAME, revoked_at__isnull=True):
        api_token_revoke(token=token)
    issued = api_token_issue(user=user, name=KEY_NAME)
    return issued.secret, issued.token.pk


def revoke_api_key(pk: int) -> None:
    from landclaims.api.models import ApiToken
    from landclaims.api.services import api_token_revoke

    api_token_revoke(token=ApiToken.objects.get(pk=pk))


def sign_in(base: str) -> dict[str, str]:
    """A Cookie header per role, each from one real sign-in (password, then a backup code)."""
    cookies = {}
    for role in ROLES:
        client = Client(base, database_url(BENCH_DB))
        client.login(role, codes=issue_codes(role))  # issued here: Django is set up
        cookies[role] = f"sessionid={client.cookie('sessionid')}"
    return cookies


def make_plan(base: str, api_key: str) -> dict[str, Any]:
    conn = connect(BENCH_DB)
    tiles, _density = densest_tiles(conn)
    conn.close()
    z12, z14 = tiles[12], tiles[14]
    zooms = {str(z): around(z12, z) for z in (10, 11, 12, 13)} | {"14": around(z14, 14)}
    claim_filters, case_filters = list_filters()
    return {
        "cookies": sign_in(base),
        "api_key": api_key,
        "tiles": zooms,
        "claims": {role: visible_claim_ids(role) for role in ROLES},
        "claim_filters": claim_filters,
        "case_filters": case_filters,
        "bboxes": [bbox_of(path) for path in zooms["14"]],
        "wait_seconds": WAIT_SECONDS,
    }


# Serving -----------------------------------------------------------------------------------


@contextlib.contextmanager
def gunicorn(options: list[str]) -> Iterator[tuple[str, int]]:
    """gunicorn with `options` on BENCH_DB, DEBUG off, as bench/maps.py serves tiles; yields
    the base URL and the master's pid."""

    def command(port: int) -> list[str]:
        return [sys.executable, "-m", "gunicorn", "bench.load_wsgi", *options,
                "--bind", f"127.0.0.1:{port}"]  # fmt: skip

    # Workers import Django and GDAL: slow to boot when the machine is busy.
    with serving(BENCH_DB, command, timeout=300) as (base, server):
        yield base, server.pid


def cpu_seconds_of_children(pid: int) -> float:
    """CPU time (user + system) of the worker processes of gunicorn's master `pid`."""
    total = 0.0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    for child in children:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU time of the whole machine so far, from /proc/stat, in ticks."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


class LoadSampler:
    """The 1-minute load average, sampled every 2 s while a pass runs."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while not self.stop.wait(2):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self) -> LoadSampler:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


# Locust ------------------------------------------------------------------------------------


def locust(
    base: str,
    plan_file: Path,
    classes: list[str],
    users: int,
    seconds: int,
    ramp: int = 0,
    rounds: int = 1,
) -> dict[str, Any]:
    """Run Locust headless for `ramp` + `seconds` (stats reset after the ramp), or until
    OneOfEach's `rounds` end; per endpoint and in total: counts, percentiles, requests/s."""
    with tempfile.TemporaryDirectory() as out:
        # Locust's --json-file, not --csv: the CSV's last write can miss the last requests.
        stats_file = Path(out) / "stats.json"
        spawn_rate = max(users / max(ramp, 1), 1)
        command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
                   "--host", base, "-u", str(users), "-r", f"{spawn_rate:g}",
                   "-t", f"{ramp + seconds}s", "--json-file", str(stats_file.with_suffix("")),
                   "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10",
                   *(["--reset-stats"] if ramp else []), *classes]  # fmt: skip
        env = {**os.environ, "LOAD_PLAN": str(plan_file), "LOAD_ROUNDS": str(rounds)}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if not stats_file.exists():
            raise RuntimeError(f"locust failed ({result.returncode}):\n{result.stderr[-3000:]}")
        entries = json.loads(stats_file.read_text(encoding="utf-8"))
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    stats = summarise(entries)
    # Locust prints each distinct failure with its count when the run ends.
    stats["failures_reported"] = result.stderr[-2000:] if stats["total"]["errors"] else ""
    return {**stats, "locust_cpu_seconds": round(cpu, 1)}


def summarise(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Per endpoint and over all of them, from Locust's per-endpoint histograms (response
    times in ms, rounded by Locust to 2 significant digits above 100 ms)."""
    started = min((e["start_time"] for e in entries), default=0.0)
    ended = max((e["last_request_timestamp"] or started for e in entries), default=0.0)
    seconds = max(ended - started, 1e-9)
    endpoints = {e["name"]: figures([e], seconds) for e in entries}
    return {"endpoints": dict(sorted(endpoints.items())), "total": figures(entries, seconds)}


def figures(entries: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    times: dict[float, int] = {}
    for entry in entries:
        for ms, count in entry["response_times"].items():
            times[float(ms)] = times.get(float(ms), 0) + count
    requests = sum(e["num_requests"] for e in entries)
    return {
        "requests": requests,
        "errors": sum(e["num_failures"] for e in entries),
        "p50_ms": percentile(times, 0.50),
        "p95_ms": percentile(times, 0.95),
        "p99_ms": percentile(times, 0.99),
        "max_ms": round(max((e["max_response_time"] or 0 for e in entries), default=0), 1),
        "requests_per_s": round(requests / seconds, 2),
        "bytes_avg": round(sum(e["total_content_length"] for e in entries) / max(requests, 1)),
    }


def percentile(times: dict[float, int], fraction: float) -> float | None:
    """The smallest response time at or below which `fraction` of the requests fall."""
    total = sum(times.values())
    if not total:
        return None
    seen = 0
    for ms in sorted(times):
        seen += times[ms]
        if seen >= fraction * total:
            return ms
    return max(times)


def measured_pass(
    base: str, pid: int, plan_file: Path, users: int, seconds: int = SECONDS
) -> dict[str, Any]:
    """One Locust pass, with the CPU the server workers and the whole machine spent: the
    single-user pass for 1 user, else the mixed workload."""
    busy_before, total_before = machine_busy()
    workers_before = cpu_seconds_of_children(pid)
    with LoadSampler() as sampler:
        if users == 1:
            ramp, seconds = 0, SINGLE_SECONDS_MAX
            stats = locust(base, plan_file, ["OneOfEach"], 1, seconds, rounds=SINGLE_ROUNDS)
        else:
            ramp = RAMP_SECONDS
            stats = locust(base, plan_file, LOCUST_USERS, users, seconds, ramp)
    busy_after, total_after = machine_busy()
    samples = sampler.samples or [os.getloadavg()[0]]
    stats["users"] = users
    if users > 1:
        stats["seconds_measured"], stats["seconds_ramp"] = seconds, ramp
    else:
        stats["rounds"] = SINGLE_ROUNDS
    stats["cpu"] = {
        # Over the ramp and the measured part; other work on the machine counts here too.
        "machine_busy_fraction": round(
            (busy_after - busy_before) / max(total_after - total_before, 1), 2
        ),
        "gunicorn_workers_cpu_seconds": round(cpu_seconds_of_children(pid) - workers_before, 1),
        "locust_cpu_seconds": stats.pop("locust_cpu_seconds"),
        "load_average_1m_max": round(max(samples), 2),
        "load_average_1m_mean": round(sum(samples) / len(samples), 2),
    }
    return stats


# Evaluating ------------------------------------------------------------------------------


def against_single(single: dict[str, Any], level: dict[str, Any]) -> dict[str, Any]:
    """Each endpoint's p95 under load over its single-user p50."""
    out = {}
    for name, row in level["endpoints"].items():
        alone = single["endpoints"].get(name, {}).get("p50_ms")
        if alone and row["p95_ms"] is not None:
            out[name] = round(row["p95_ms"] / alone, 1)
    return out


def saturation(levels: list[dict[str, Any]]) -> dict[str, Any]:
    """Where requests/s stop growing with the users: under 20% more for at least 1.5x users."""
    rates = [(lvl["users"], lvl["total"].get("requests_per_s", 0.0)) for lvl in levels]
    found = None
    for (users_a, rate_a), (users_b, rate_b) in itertools.pairwise(rates):
        if users_b >= 1.5 * users_a and rate_b < 1.2 * rate_a:
            found = {"between_users": [users_a, users_b], "requests_per_s": max(rate_a, rate_b)}
            break
    return {"requests_per_s_by_users": dict(rates), "saturated": found}


def evaluate(single: dict[str, Any], levels: dict[int, dict[str, Any]]) -> dict[str, Any]:
    met: dict[str, Any] = {}
    if 20 in levels:
        ratios = levels[20]["p95_over_single_p50"]
        limit = TARGETS["p95_over_single_p50_max_at_20"]
        met["at_20_p95_within_5x_single_p50"] = all(r <= limit for r in ratios.values())
        met["at_20_endpoints_over_5x"] = {k: r for k, r in ratios.items() if r > limit}
        met["at_20_no_errors"] = levels[20]["total"]["errors"] == 0
        # An endpoint no user happened to call in the window is unmeasured, not a pass.
        met["at_20_endpoints_not_called"] = sorted(set(single["endpoints"]) - set(ratios))
    if 50 in levels:
        met["at_50_no_errors"] = levels[50]["total"]["errors"] == 0
    met["no_errors_anywhere"] = all(
        lvl["total"].get("errors", 0) == 0 for lvl in [single, *levels.values()]
    )
    return met


# The run ---------------------------------------------------------------------------------


def warm_up(base: str, plan_file: Path) -> None:
    """Untimed rounds of every endpoint: each worker's connection, the first recounts."""
    if WARMUP_ROUNDS:
        locust(base, plan_file, ["OneOfEach"], 1, SINGLE_SECONDS_MAX, rounds=WARMUP_ROUNDS)


def sweep(plan_file: Path) -> dict[str, Any]:
    """Each gunicorn setting at SWEEP_USERS users for SWEEP_SECONDS: totals only."""
    found = {}
    for label, options in SWEEP.items():
        with gunicorn(options) as (base, pid):
            warm_up(base, plan_file)
            run = measured_pass(base, pid, plan_file, SWEEP_USERS, SWEEP_SECONDS)
        found[label] = {"options": " ".join(options), "total": run["total"], "cpu": run["cpu"]}
        print(f"sweep {label}: {json.dumps(run['total'])}", file=sys.stderr)
    return found


def main() -> int:
    parcels = parcel_count(BENCH_DB)
    if not parcels:
        print(f"Database {BENCH_DB} is missing or has no parcels: run bench/seed_timing.py "
              "(or `make bench`) first.", file=sys.stderr)  # fmt: skip
        return 2
    setup_django(BENCH_DB)
    if unapplied_migrations():
        print(f"Database {BENCH_DB} is behind the migrations: `make bench` migrates it "
              "(or run manage.py migrate on it).", file=sys.stderr)  # fmt: skip
        return 2
    load_before = load_average()
    started = time.perf_counter()
    api_key, key_pk = issue_api_key("organiser")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            plan_file = Path(tmp) / "plan.json"
            with gunicorn(GUNICORN) as (base, pid):
                plan = make_plan(base, api_key)
                plan_file.write_text(json.dumps(plan), encoding="utf-8")
                warm_up(base, plan_file)
                single = measured_pass(base, pid, plan_file, 1)
                levels = {}
                for users in USERS:
                    level = measured_pass(base, pid, plan_file, users)
                    level["p95_over_single_p50"] = against_single(single, level)
                    levels[users] = level
                    print(f"{users} users: {json.dumps(level['total'])}", file=sys.stderr)
            settings_tried = sweep(plan_file) if SWEEP_SECONDS > 0 else {}
    finally:
        revoke_api_key(key_pk)
    result = {
        "what": (
            "Locust (bench/locustfile.py) against gunicorn serving landclaims.wsgi with "
            "DEBUG off: a single-user pass over every endpoint, then the mixed workload of "
            "the demo roles at each number of concurrent users"
        ),
        "database": BENCH_DB,
        "parcels": parcels,
        "server": {
            "gunicorn": " ".join(GUNICORN),
            "notes": "sync workers unless --threads; CONN_MAX_AGE=60; DJANGO_DEBUG=0",
        },
        "workload": {
            "users": "Organiser 4 : Monitor 2 : Legal 2 : Admin 1 : GisClient 1 (Locust weights)",
            "think_time_seconds": WAIT_SECONDS,
            "sign_in": "one real two-step sign-in per role; a role's users share the session",
            "api": "GisClient sends an API key (X-API-Key) issued to organiser",
            "tiles": {zoom: len(paths) for zoom, paths in plan["tiles"].items()},
            "tile_choice": "the densest z12 cell's centre at z10-z13 and the densest z14 "
            "tile, each with its 8 neighbours",
            "ramp_seconds": RAMP_SECONDS,
            "measured_seconds": SECONDS,
            "stats_reset_after_ramp": True,
            "percentiles": "Locust's: response times above 100 ms rounded to 2 significant digits",
        },
        "single_user": single,
        "levels": {str(users): level for users, level in levels.items()},
        "saturation": saturation(list(levels.values())),
        "gunicorn_settings_tried": {
            "users": SWEEP_USERS,
            "seconds_each": SWEEP_SECONDS,
            "results": settings_tried,
        },
        "targets": TARGETS,
        "met": evaluate(single, levels),
        "run_seconds": round(time.perf_counter() - started, 1),
        "machine": machine(
            load_before,
            shared_with_load_generator="Locust runs on the same CPUs as gunicorn and PostgreSQL",
        ),
        "measured_at": measured_at(),
    }
    write_result("load.json", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
