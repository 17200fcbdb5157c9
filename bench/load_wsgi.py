"""landclaims.wsgi for bench/load.py; with BENCH_NO_PARALLEL=1 in the environment, the app's
database connections also turn PostgreSQL's parallel query off, to measure what parallel
workers cost when many requests already share the cores."""

import os

from django.conf import settings

from landclaims.wsgi import application

if os.environ.get("BENCH_NO_PARALLEL") == "1":
    # Before the first request opens a connection; the app's own options (jit=off) stay.
    options = settings.DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = options.get("options", "") + " -c max_parallel_workers_per_gather=0"

__all__ = ["application"]
