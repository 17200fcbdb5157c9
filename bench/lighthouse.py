"""Lighthouse on a phone profile over every main page; results in bench/results/lighthouse.json.

Lighthouse (npm `lighthouse`, pinned in bench/lighthouse/package.json and package-lock.json,
installed here with `npm ci --prefix bench/lighthouse`, apart from the project's own
package.json so that `make test` never installs it) runs Debian's chromium headless with its
default settings: the mobile form factor (a Moto G Power sized phone, 4x CPU slowdown,
simulated slow 4G), one cold load per page, categories accessibility, best practices and
performance.

The site is served as production serves it: gunicorn (DEBUG off, persistent database
connections) behind a front server. Production puts nginx in front, serving
`collectstatic`'s output; nginx is not installed here, so the front is a small Python server
in this process that does what such an nginx does: it serves the collected static files
itself, gzip-compressed (precompressed once, like `gzip_static`) with a Cache-Control
lifetime, and passes every other request to gunicorn, gzip-compressing text answers (like
`gzip on`). The basemap is switched off (MAP_BASEMAP_URL empty) so the run needs no network
and no name-resolution error reaches the console.

Signed in as `admin` (the one demo role that reaches every page, the new-case form
included): the session is made server-side, verified for the second factor as django_otp
leaves it after a sign-in, and put in Chromium's cookie jar by bench/lighthouse/run.mjs
(puppeteer-core, which Lighthouse itself uses) before Lighthouse loads the page, so that the
page's own requests (the map's tiles) are signed in too.

The data: `seed_demo --parcels BENCH_PARCELS` (300) in its own database (BENCH_DB,
default landclaims_bench_lighthouse), kept when it already holds that many parcels.

Targets (issue 20): accessibility >= 95 and best practices >= 95 on every page; performance
>= 90 on home, a claim and the map. Per page the JSON has the three scores, FCP, LCP, TBT,
CLS, and for a category below its target the ids of its audits that failed (weighted audits
scoring under 1; for performance the metrics under 0.9 and the opportunities with savings).

BENCH_PAGES=name,name runs only those pages (the smoke run in tests/bench).
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import http.server
import json
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    bench_db,
    database_url,
    env_int,
    load_average,
    machine,
    manage,
    measured_at,
    parcel_count,
    recreate_database,
    write_result,
)
from bench.maps import free_port, serving  # noqa: E402
from bench.signin import issue_codes  # noqa: E402

BENCH_DB = bench_db("landclaims_bench_lighthouse")
PARCELS = env_int("BENCH_PARCELS", 300)
USERNAME = "admin"
LIGHTHOUSE_DIR = ROOT / "bench" / "lighthouse"
LIGHTHOUSE_BIN = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
RUNNER = LIGHTHOUSE_DIR / "run.mjs"
CHROME = os.environ.get("CHROME_PATH") or "/usr/bin/chromium"
# Each page's whole report, for reading what failed: git-ignored, like the tests' screenshots.
REPORTS = Path(os.environ.get("BENCH_LIGHTHOUSE_REPORTS") or ROOT / "artefacts" / "lighthouse")
CATEGORIES = ("accessibility", "best-practices", "performance")
# Loads per page; the median by performance is reported. BENCH_LIGHTHOUSE_RUNS=3 or 5 on a
# quiet machine for steadier performance scores (about 20 s a load there).
RUNS = max(1, env_int("BENCH_LIGHTHOUSE_RUNS", 1))
ATTEMPTS = env_int("BENCH_LIGHTHOUSE_ATTEMPTS", 3)
STATIC_MAX_AGE = 7 * 24 * 3600
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
                    "application/manifest+json", "application/geo+json")  # fmt: skip
TARGETS: dict[str, Any] = {
    "accessibility_min": 95,
    "best_practices_min": 95,
    "performance_min": 90,
    "performance_pages": ["home", "claim", "map"],
}
METRICS = {
    "fcp_ms": "first-contentful-paint",
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
}


# Lighthouse --------------------------------------------------------------------------------


def install_lighthouse() -> None:
    """`npm ci --prefix bench/lighthouse`, unless node_modules is already from this lock."""
    stamp = LIGHTHOUSE_DIR / "node_modules" / ".installed"
    lock = LIGHTHOUSE_DIR / "package-lock.json"
    if stamp.exists() and stamp.stat().st_mtime >= lock.stat().st_mtime and LIGHTHOUSE_BIN.exists():
        return
    subprocess.run(
        ["npm", "ci", "--prefix", str(LIGHTHOUSE_DIR), "--no-audit", "--no-fund",
         "--loglevel=error"],
        check=True,
    )  # fmt: skip
    stamp.touch()


def lighthouse_version() -> str:
    out = subprocess.run([str(LIGHTHOUSE_BIN), "--version"], capture_output=True, text=True)
    return out.stdout.strip()


class LighthouseFailed(RuntimeError):
    pass


def run_lighthouse(url: str, cookies: list[tuple[str, str]], output: Path) -> dict[str, Any]:
    """One Lighthouse run of `url` with `cookies` in Chromium's cookie jar (run.mjs); its
    report (the LHR), kept in `output` for reading what failed (Lighthouse's viewer opens it)."""
    output.unlink(missing_ok=True)
    command = ["node", str(RUNNER), url, json.dumps(cookies), str(output), ",".join(CATEGORIES)]
    process = subprocess.run(
        command, env={**os.environ, "CHROME_PATH": CHROME}, capture_output=True, text=True
    )
    if process.returncode != 0 or not output.exists():
        raise LighthouseFailed(
            f"lighthouse {url}: {process.stdout[-800:]}\n{process.stderr[-800:]}"
        )
    report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return report


def failing_audits(report: dict[str, Any], category: str) -> list[str]:
    """The audits that cost `category` points: weighted ones scoring under 1; for
    performance the metrics under 0.9 and every opportunity or insight that would save
    time."""
    audits = report["audits"]
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits.get(ref["id"], {})
        score = audit.get("score")
        mode = audit.get("scoreDisplayMode")
        if score is None or mode in ("notApplicable", "manual", "informative", "error"):
            continue
        if ref.get("weight", 0) > 0:
            if score < (0.9 if category == "performance" else 1):
                found.append(ref["id"])
        elif category == "performance" and score < 0.9:
            details = audit.get("details") or {}
            saves = details.get("overallSavingsMs", 0) > 0 or details.get("overallSavingsBytes", 0)
            if saves or ref.get("group") == "diagnostics":
                found.append(ref["id"])
    return found


def audit_items(audit: dict[str, Any], limit: int = 4) -> list[str]:
    """What an audit points at, briefly: the elements' selectors, else the URLs or texts."""
    found = []
    for item in (audit.get("details") or {}).get("items", [])[:limit]:
        node = item.get("node")
        selector = node.get("selector") if isinstance(node, dict) else None
        text = selector or item.get("url") or item.get("description") or item.get("label")
        if text:
            found.append(str(text)[:160])
    return found


def summarise(name: str, path: str, report: dict[str, Any]) -> dict[str, Any]:
    scores = {
        category: round((report["categories"][category]["score"] or 0) * 100)
        for category in CATEGORIES
    }
    audits = report["audits"]
    metrics: dict[str, float | None] = {}
    for key, audit_id in METRICS.items():
        value = audits.get(audit_id, {}).get("numericValue")
        metrics[key] = None if value is None else round(value, 3 if key == "cls" else 0)
    minimums = {
        "accessibility": TARGETS["accessibility_min"],
        "best-practices": TARGETS["best_practices_min"],
    }
    if name in TARGETS["performance_pages"]:
        minimums["performance"] = TARGETS["performance_min"]
    met = {category: scores[category] >= minimum for category, minimum in minimums.items()}
    # What to fix is listed below 100 for accessibility and best practices (each failure is
    # a real fault, even on a page over its target), below the target or 90 for performance.
    listed_below = {"accessibility": 100, "best-practices": 100}
    failing = {
        category: failing_audits(report, category)
        for category in CATEGORIES
        if scores[category] < listed_below.get(category, minimums.get(category, 90))
    }
    failing = {category: ids for category, ids in failing.items() if ids}
    final = report.get("finalDisplayedUrl") or report.get("finalUrl") or ""
    return {
        "path": path,
        "final_url_path": urllib.parse.urlsplit(final).path,
        "scores": scores,
        "metrics": metrics,
        "met": met,
        "failing_audits": failing,
        "failing_audit_items": {
            audit_id: audit_items(audits[audit_id])
            for category in ("accessibility", "best-practices")
            for audit_id in failing.get(category, [])
            if audit_items(audits[audit_id])
        },
        "console_errors": [
            item.get("description", "")[:200]
            for item in (audits.get("errors-in-console", {}).get("details") or {}).get("items", [])
        ],
        "runtime_error": (report.get("runtimeError") or {}).get("code"),
        # Lighthouse's measure of this machine's speed while it ran (a desktop is 1,000 to
        # 2,500; under 1,000 Lighthouse says its performance figures may be off).
        "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),
    }


# The site ----------------------------------------------------------------------------------


def seed() -> int:
    """BENCH_DB with PARCELS seeded parcels: kept when it has exactly that many already."""
    if parcel_count(BENCH_DB) != PARCELS:
        recreate_database(BENCH_DB)
        manage(BENCH_DB, "seed_demo", "--parcels", str(PARCELS), "--seed", "42")
    else:
        manage(BENCH_DB, "migrate", "--noinput", "-v", "0")
    return parcel_count(BENCH_DB) or 0


def setup_django() -> None:
    os.environ["DATABASE_URL"] = database_url(BENCH_DB)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "landclaims.settings")
    import django

    django.setup()


def signed_in_cookies() -> list[tuple[str, str]]:
    """A session for USERNAME made server-side, its second factor verified as django_otp
    leaves it after a sign-in (an authenticator is enrolled first if the user has none)."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from landclaims.accounts.selectors import totp_device_confirmed

    user = get_user_model().objects.get(username=USERNAME)
    issue_codes(USERNAME)  # enrols an authenticator when the role needs one and has none
    client = Client()
    client.force_login(user)
    device = totp_device_confirmed(user)
    session = client.session
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    now = int(time.time())
    session["accounts_login_at"] = session["accounts_seen_at"] = now
    session.save()
    return [("sessionid", session.session_key or ""), ("django_language", "en")]


def page_paths() -> dict[str, str]:
    """Every main page, with a claim, case, group and parcel USERNAME can see (the ones with
    the most to show: cases, hearings, claims, a boundary)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from landclaims.cases.models import LegalCase
    from landclaims.claims.models import Claim
    from landclaims.groups.models import LandlessGroup
    from landclaims.parcels.models import Parcel

    user = get_user_model().objects.get(username=USERNAME)

    def richest(queryset: Any, related: str) -> int:
        row = queryset.annotate(n=Count(related)).order_by("-n", "pk").first()
        if row is None:
            raise RuntimeError(f"{BENCH_DB} has no {queryset.model.__name__} {USERNAME} sees")
        return int(row.pk)

    claim = richest(Claim.objects.visible_to(user), "cases")
    case = richest(LegalCase.objects.visible_to(user), "hearings")
    group = richest(LandlessGroup.objects.visible_to(user), "claims")
    parcel = richest(Parcel.objects.visible_to(user).filter(geom__isnull=False), "claims")
    return {
        "home": "/",
        "map": "/map/",
        "claims": "/claims/",
        "claim": f"/claims/{claim}/",
        "cases": "/cases/",
        "case": f"/cases/{case}/",
        "calendar": "/calendar/",
        "groups": "/groups/",
        "group": f"/groups/{group}/",
        "parcel": f"/parcels/{parcel}/",
        "dashboard": "/dashboard/",
        "exports": "/exports/",
        "imports": "/imports/",
        "claim_new": "/claims/new/",
        "parcel_new": "/parcels/new/",
        "group_new": "/groups/new/",
        "incident_new": "/incidents/new/",
        "case_new": "/cases/new/",
        "phones": "/odk/phones/",
        "field_submissions": "/odk/submissions/",
    }


def collect_static() -> None:
    """`collectstatic` into STATIC_ROOT (a temporary directory, set in the environment)."""
    manage(BENCH_DB, "collectstatic", "--noinput", "-v", "0")


class Front(http.server.ThreadingHTTPServer):
    """The web server in front: static files itself, the rest to gunicorn."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that hangs up mid-answer (Lighthouse stops loading) is not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def __init__(self, port: int, static_root: Path, upstream: str) -> None:
        self.static_root = static_root
        self.upstream = urllib.parse.urlsplit(upstream)
        self.gzipped: dict[Path, bytes] = {}
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", port), FrontHandler)


def compressible(content_type: str) -> bool:
    return content_type.startswith(COMPRESSED_TYPES)


class FrontHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Front

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def accepts_gzip(self) -> bool:
        return "gzip" in (self.headers.get("Accept-Encoding") or "")

    def do_GET(self) -> None:
        if self.path.startswith("/static/"):
            self.serve_static(head=False)
        else:
            self.proxy()

    def do_HEAD(self) -> None:
        if self.path.startswith("/static/"):
            self.serve_static(head=True)
        else:
            self.proxy()

    def do_POST(self) -> None:
        self.proxy()

    def serve_static(self, *, head: bool) -> None:
        relative = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)[len("/static/") :]
        root = self.server.static_root.resolve()
        path = (root / relative).resolve()
        if root not in path.parents or not path.is_file():
            self.send_error(404)
            return
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".webmanifest":
            content_type = "application/manifest+json"
        body = path.read_bytes()
        encoded = False
        if compressible(content_type) and self.accepts_gzip() and len(body) > 256:
            with self.server.lock:
                if path not in self.server.gzipped:
                    self.server.gzipped[path] = gzip.compress(body, 9, mtime=0)
                body = self.server.gzipped[path]
            encoded = True
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", f"public, max-age={STATIC_MAX_AGE}")
        self.send_header("X-Content-Type-Options", "nosniff")
        if compressible(content_type):
            self.send_header("Vary", "Accept-Encoding")
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def proxy(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        hop = {"connection", "keep-alive", "transfer-encoding", "accept-encoding", "host"}
        headers = {k: v for k, v in self.headers.items() if k.lower() not in hop}
        headers["Host"] = self.headers.get("Host") or ""
        upstream = http.client.HTTPConnection(
            self.server.upstream.hostname or "127.0.0.1", self.server.upstream.port, timeout=120
        )
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            response = upstream.getresponse()
            content = response.read()
        finally:
            upstream.close()
        content_type = response.getheader("Content-Type") or ""
        encoded = compressible(content_type) and self.accepts_gzip() and len(content) > 256
        if encoded:
            content = gzip.compress(content, 6)
        self.send_response(response.status, response.reason)
        skip = {"connection", "keep-alive", "transfer-encoding", "content-length", "server",
                "date"}  # fmt: skip
        for key, value in response.getheaders():
            if key.lower() not in skip:
                self.send_header(key, value)
        if encoded:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)


@contextlib.contextmanager
def site(static_root: Path) -> Iterator[str]:
    """gunicorn behind the front server; yields the front's base URL."""
    workers = os.environ.get("BENCH_GUNICORN_WORKERS") or "3"

    def gunicorn(port: int) -> list[str]:
        return [sys.executable, "-m", "gunicorn", "landclaims.wsgi", "--workers", workers,
                "--bind", f"127.0.0.1:{port}"]  # fmt: skip

    with serving(BENCH_DB, gunicorn, timeout=300) as (upstream, _process):
        front = Front(free_port(), static_root, upstream)
        thread = threading.Thread(target=front.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{front.server_address[1]}"
        finally:
            front.shutdown()
            front.server_close()


def one_report(name: str, url: str, cookies: list[tuple[str, str]], output: Path) -> Any:
    """A Lighthouse report of the page, tried up to ATTEMPTS times: on a busy machine it
    sometimes loses the trace (NO_NAVSTART); the errors instead when every try failed."""
    errors: list[str] = []
    for attempt in range(ATTEMPTS):
        try:
            report = run_lighthouse(url, cookies, output)
        except LighthouseFailed as failure:
            errors.append(str(failure).strip().splitlines()[-1][:300])
            continue
        if report.get("runtimeError") and attempt + 1 < ATTEMPTS:
            errors.append(str(report["runtimeError"].get("code")))
            continue
        return report
    return errors


def measure_page(name: str, url: str, path: str, cookies: list[tuple[str, str]]) -> dict[str, Any]:
    """RUNS Lighthouse loads of the page; the one with the median performance score is
    reported (Lighthouse's own advice against its run-to-run spread). A page Lighthouse
    could not load is reported, not fatal."""
    reports = []
    for run in range(RUNS):
        output = REPORTS / (f"{name}.json" if RUNS == 1 else f"{name}-{run + 1}.json")
        found = one_report(name, url, cookies, output)
        if isinstance(found, list):
            return {"path": path, "error": found, "met": {"lighthouse_ran": False}}
        reports.append(found)
    reports.sort(key=lambda report: report["categories"]["performance"]["score"] or 0)
    chosen = reports[len(reports) // 2]
    runs = [round((r["categories"]["performance"]["score"] or 0) * 100) for r in reports]
    return {**summarise(name, path, chosen), "performance_of_each_run": runs}


def check_page(base: str, path: str, cookies: list[tuple[str, str]]) -> None:
    """The page answers 200 to the session, not a redirect to the sign-in."""
    cookie = "; ".join(f"{name}={value}" for name, value in cookies)
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})  # noqa: S310
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
        if response.status != 200 or urllib.parse.urlsplit(response.url).path != path:
            raise RuntimeError(f"{path}: {response.status} at {response.url}")


# The run -----------------------------------------------------------------------------------


def selected(paths: dict[str, str]) -> dict[str, str]:
    wanted = [name for name in (os.environ.get("BENCH_PAGES") or "").split(",") if name]
    unknown = set(wanted) - set(paths)
    if unknown:
        raise SystemExit(f"BENCH_PAGES: no page {sorted(unknown)}; pages: {sorted(paths)}")
    return {name: paths[name] for name in wanted} if wanted else paths


def main() -> int:
    install_lighthouse()
    parcels = seed()
    static_root = Path(tempfile.mkdtemp(prefix="lc-lighthouse-static-"))
    os.environ["STATIC_ROOT"] = str(static_root)
    os.environ["MAP_BASEMAP_URL"] = ""
    os.environ["DJANGO_DEBUG"] = "0"
    try:
        collect_static()
        setup_django()
        cookies = signed_in_cookies()
        paths = selected(page_paths())
        load_before = load_average()
        started = time.perf_counter()
        pages: dict[str, Any] = {}
        REPORTS.mkdir(parents=True, exist_ok=True)
        with site(static_root) as base:
            for name, path in paths.items():
                check_page(base, path, cookies)
                pages[name] = measure_page(name, base + path, path, cookies)
                print(name, pages[name]["scores"], file=sys.stderr, flush=True)
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    below = {
        name: [category for category, ok in page["met"].items() if not ok]
        for name, page in pages.items()
    }
    result = {
        "what": (
            "Lighthouse, mobile form factor (its default phone profile: simulated slow 4G, "
            "4x CPU slowdown), one cold load per page, signed in as admin; scores 0-100"
        ),
        "lighthouse": lighthouse_version(),
        "chrome": CHROME,
        "database": BENCH_DB,
        "parcels": parcels,
        "user": USERNAME,
        "runs_per_page": RUNS,
        "notes": {
            "server": "gunicorn landclaims.wsgi (3 sync workers, DJANGO_DEBUG=0) behind a "
            "front server in bench/lighthouse.py standing in for nginx (not installed here): "
            "collectstatic output served by the front, gzip level 9 precompressed for text "
            f"types, Cache-Control: public, max-age={STATIC_MAX_AGE}; HTML and JSON from "
            "gunicorn gzip-compressed on the way (level 6); HTTP/1.1, no TLS",
            "basemap": "MAP_BASEMAP_URL empty: no basemap, so the run needs no network and the "
            "console has no name-resolution error; the map draws parcels and boundaries only",
            "performance": "Lighthouse's simulated throttling scales the CPU time it observes "
            "by 4: on a machine busy with other work (machine.load_average_*; this machine has "
            "2 cores) TBT, and FCP/LCP through it, come out worse than the page is, and the "
            "accessibility and best-practices scores do not move",
            "language": "English (django_language=en)",
            "session": "made server-side for admin with the second factor verified, put in "
            "Chromium's cookie jar before Lighthouse loads the page (bench/lighthouse/run.mjs, "
            "puppeteer-core): --extra-headers would not reach the map's tile requests",
            "reports": "each page's whole Lighthouse report in artefacts/lighthouse/<page>.json "
            "(git-ignored; open it in Lighthouse's viewer or read it)",
            "failing_audits": "listed for accessibility and best practices under 100, for "
            "performance under its target (90 on pages without one): weighted audits under 1 "
            "(performance: metrics under 0.9 and opportunities or diagnostics under 0.9)",
        },
        "targets": TARGETS,
        "pages": pages,
        "met": {
            "all": not any(below.values()),
            "below_target": {name: cats for name, cats in below.items() if cats},
        },
        "measuring_seconds": round(seconds, 1),
        "machine": machine(load_before),
        "measured_at": measured_at(),
    }
    write_result("lighthouse.json", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
