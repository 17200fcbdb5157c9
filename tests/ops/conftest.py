"""Helpers for the operations tests: a throwaway PostgreSQL cluster of their own (so stopping
it harms nobody), the project's commands run as subprocesses the way operators run them,
and libpq addresses for databases."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg2
import pytest

from bench.common import connect, dsn

ROOT = Path(__file__).resolve().parents[2]


def pg_bindir() -> Path | None:
    """Where initdb and pg_ctl are; Debian keeps them in a versioned directory."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return versions[-1].parent if versions else None


def database_url(
    *, host: str, name: str, user: str = "landclaims", password: str = "", port: Any = None
) -> str:
    """A URL Django and libpq both read; a socket directory goes percent-encoded as host."""
    who = quote(user, safe="") + (f":{quote(password, safe='')}" if password else "")
    where = quote(host or "localhost", safe="") + (f":{port}" if port else "")
    return f"postgis://{who}@{where}/{name}"


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`python manage.py ARGS` in a process of its own; its output if it fails."""
    done = subprocess.run(  # noqa: S603 - this project's manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}"
    return done


@dataclass
class Cluster:
    """A PostgreSQL cluster in a temporary directory, listening only on its own socket."""

    bindir: Path
    root: Path

    @property
    def socket_dir(self) -> str:
        return str(self.root / "run")

    def url(self, name: str) -> str:
        return database_url(host=self.socket_dir, name=name)

    def connect(self, name: str) -> Any:
        connection = psycopg2.connect(dbname=name, user="landclaims", host=self.socket_dir)
        connection.autocommit = True
        return connection

    def query(self, name: str, sql: str, params: Any = None) -> list[tuple[Any, ...]]:
        """Run one statement in its own short connection (autocommit) and return its rows."""
        connection = self.connect(name)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall() if cursor.description else []
        finally:
            connection.close()

    def _as_owner(self, *args: str) -> subprocess.CompletedProcess:
        # initdb and postgres refuse to run as root, as in scripts/pg.sh.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run(  # noqa: S603 - PostgreSQL's own programs
            [*prefix, *args], check=True, capture_output=True, text=True, timeout=120
        )

    def init(self) -> None:
        self._as_owner(
            str(self.bindir / "initdb"), "-D", str(self.root / "data"), "-A", "trust",
            "-U", "landclaims", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        self._as_owner("mkdir", "-p", self.socket_dir)

    def start(self) -> None:
        self._as_owner(
            str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-w",
            "-l", str(self.root / "server.log"), "start",
            "-o", f"-k {self.socket_dir} -c listen_addresses=''",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._as_owner(str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-w",
                       "-m", mode, "stop")  # fmt: skip

    def restore_migrated(self, name: str, template: str) -> None:
        """Create database `name` here holding what `migrate` leaves: a dump of the suite's
        migrated template (tests/template_db.py) on the main server, restored. Seconds,
        where applying every migration takes most of a minute.

        The dump is taken from a private copy of the template: while anyone is connected to
        a template, PostgreSQL refuses to copy it, and the other worker may be making its
        own databases from it at that moment."""
        copy = f"lc_ops_template_copy_{os.getpid()}"
        with contextlib.closing(connect("postgres")) as main, main.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{copy}"')
            cursor.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{template}"')
            try:
                dump = subprocess.run(  # noqa: S603 - PostgreSQL's own program
                    [str(self.bindir / "pg_dump"), "--format=custom", "-d", dsn(copy)],
                    check=True, capture_output=True, timeout=120,
                )  # fmt: skip
            finally:
                cursor.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        self.query("postgres", f'CREATE DATABASE "{name}"')
        subprocess.run(  # noqa: S603 - PostgreSQL's own program
            [str(self.bindir / "pg_restore"), "--exit-on-error", "--single-transaction",
             "-h", self.socket_dir, "-U", "landclaims", "-d", name],
            input=dump.stdout, check=True, capture_output=True, timeout=120,
        )  # fmt: skip


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    bindir = pg_bindir()
    if bindir is None:
        pytest.skip("initdb is not installed (Debian package postgresql): no throwaway cluster")
    # Not under pytest's tmp_path: the postgres user must be able to reach the directory.
    root = Path(tempfile.mkdtemp(prefix="lc_ops_pg_"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    made = Cluster(bindir=bindir, root=root)
    made.init()
    made.start()
    try:
        yield made
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # stopped by the test
            made.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)
