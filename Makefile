# landclaims: every set-up step is here, so a fresh Debian/Ubuntu machine needs only
# `make demo` (serve the site) or `make test` (run every check).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
DEMO_PARCELS ?= 600
# pytest-xdist workers, one test database each: one per core.
PYTEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: help demo test bench stop system-deps venv vendor messages db migrate lint

help:
	@echo "make demo   set up everything and serve http://127.0.0.1:8000/"
	@echo "make test   set up everything and run every check"
	@echo "make bench  run the benchmarks into bench/results/"
	@echo "make stop   stop the private PostGIS cluster"

demo: migrate vendor messages
	$(MANAGE) seed_demo --parcels $(DEMO_PARCELS) --if-empty
	@echo "Log in at http://127.0.0.1:8000/ as organiser / \$${DEMO_PASSWORD:-landclaims-demo}"
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(MANAGE) runserver 127.0.0.1:8000

# The tests migrate a template database of their own (tests/template_db.py): migrating the
# demo database too would only add a minute to every fresh clone's run.
test: db vendor messages lint
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --durations=20

lint: venv
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# maps.py measures the tiles and the /map/ page, load.py many users at once (Locust), on the
# database seed_timing.py leaves; lighthouse.py scores every main page on a phone profile
# (Lighthouse from bench/lighthouse/package-lock.json, on a small database of its own).
bench: migrate vendor
	$(PY) bench/seed_timing.py
	$(PY) bench/maps.py
	$(PY) bench/load.py
	$(PY) bench/io_export.py
	$(PY) bench/io_import.py
	$(PY) bench/lighthouse.py

stop:
	@if [ -z "$$DATABASE_URL" ]; then scripts/pg.sh stop; fi

# `make backup`; `make restore FILE=backups/x.dump [RESTORE_INTO=name] [FORCE=1]` (README "Backups").
.PHONY: backup restore
backup: db
	scripts/backup.sh backup

restore: db
	RESTORE_INTO="$(RESTORE_INTO)" FORCE="$(FORCE)" scripts/backup.sh restore "$(FILE)"

# System packages, chosen for this release by scripts/system_packages.sh (PostGIS for its
# PostgreSQL, its python3 when 3.12+): installed when running as root or with passwordless
# sudo, otherwise the exact command is printed and make stops.
system-deps:
	@if [ "$$(id -u)" = 0 ]; then as_root=""; elif sudo -n true 2>/dev/null; then as_root=sudo; \
	else as_root=no; fi; \
	packages=$$(scripts/system_packages.sh apt 2>/dev/null) || { \
	  if [ "$$as_root" != no ]; then $$as_root apt-get update -qq; fi; \
	  packages=$$(scripts/system_packages.sh apt) || exit 1; }; \
	missing=$$(for p in $$packages; do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done; \
	  command -v npm >/dev/null || echo nodejs npm); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$(echo $$missing)"; \
	if [ "$$as_root" = no ]; then \
	  echo "Missing system packages. Run as root:"; echo "  sudo bash -c '$$cmd'"; exit 1; fi; \
	$$as_root bash -c "$$cmd"

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml | system-deps
	@if [ ! -x $(PY) ]; then py=$$(scripts/system_packages.sh python) && $$py -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

vendor: static/vendor/.installed

static/vendor/.installed: package.json package-lock.json scripts/vendor.sh | system-deps
	scripts/vendor.sh
	touch $@

# Compiled translations are built here, not committed.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard landclaims/locale/*/LC_MESSAGES/django.po))
messages: $(MO_FILES)

landclaims/locale/%/LC_MESSAGES/django.mo: landclaims/locale/%/LC_MESSAGES/django.po | venv
	msgfmt --check -o $@ $<

# The private cluster is used only when DATABASE_URL is unset.
db: system-deps
	@if [ -z "$$DATABASE_URL" ]; then scripts/pg.sh start; fi

migrate: venv db
	$(MANAGE) migrate --noinput
