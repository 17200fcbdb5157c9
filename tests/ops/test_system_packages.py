"""scripts/system_packages.sh picks the PostGIS package and the Python of the release it runs
on. Each release is given as the `apt-cache show --no-all-versions` text apt prints there
(APT_SHOW_DIR); interpreters are real ones (this test's Python, or a program that is not one)
placed on a PATH of the script's own tools only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "system_packages.sh"
TOOLS = ("cat", "grep", "head", "ls", "sed", "sort")

DEBIAN_12 = {
    "postgresql": """\
Package: postgresql
Source: postgresql-common (248+deb12u2)
Version: 15+248+deb12u2
Installed-Size: 16
Maintainer: Debian PostgreSQL Maintainers <team+postgresql@tracker.debian.org>
Architecture: all
Depends: postgresql-15
Suggests: postgresql-doc
Description: object-relational SQL database (supported version)
Section: database
Priority: optional
Filename: pool/updates/main/p/postgresql-common/postgresql_15+248+deb12u2_all.deb
""",
    "postgresql-15-postgis-3": """\
Package: postgresql-15-postgis-3
Source: postgis
Version: 3.3.2+dfsg-1
Architecture: amd64
Depends: postgresql-15, postgresql-15-postgis-3-scripts, libc6 (>= 2.34), libgdal32 (>= 3.6.0)
Description: Geographic objects support for PostgreSQL 15
Section: misc
""",
    "python3": """\
Package: python3
Source: python3-defaults
Version: 3.11.2-1+b1
Architecture: amd64
Replaces: python3-minimal (<< 3.1.2-2)
Provides: python3-profiler
Depends: python3.11 (>= 3.11.2-1~), libpython3-stdlib (= 3.11.2-1+b1)
Pre-Depends: python3-minimal (= 3.11.2-1+b1)
Description: interactive high-level object-oriented language (default python3 version)
Section: python
""",
    "chromium": """\
Package: chromium
Version: 138.0.7204.157-1~deb12u1
Architecture: amd64
Depends: chromium-common (= 138.0.7204.157-1~deb12u1), libasound2 (>= 1.0.17)
Description: web browser
Section: web
""",
}

DEBIAN_13 = {
    "postgresql": """\
Package: postgresql
Source: postgresql-common (278)
Version: 17+278
Installed-Size: 16
Maintainer: Debian PostgreSQL Maintainers <team+postgresql@tracker.debian.org>
Architecture: all
Depends: postgresql-17
Suggests: postgresql-doc
Description: object-relational SQL database (supported version)
Section: database
Priority: optional
Filename: pool/main/p/postgresql-common/postgresql_17+278_all.deb
""",
    "postgresql-17-postgis-3": """\
Package: postgresql-17-postgis-3
Source: postgis
Version: 3.5.2+dfsg-1
Architecture: amd64
Depends: postgresql-17, postgresql-17-postgis-3-scripts, libc6 (>= 2.38), libgdal36 (>= 3.10.0)
Description: Geographic objects support for PostgreSQL 17
Section: misc
""",
    "python3": """\
Package: python3
Source: python3-defaults (3.13.5-1)
Version: 3.13.5-1
Architecture: amd64
Provides: python3-profiler
Depends: python3.13 (>= 3.13.5-1~), libpython3-stdlib (= 3.13.5-1)
Pre-Depends: python3-minimal (= 3.13.5-1)
Description: interactive high-level object-oriented language (default python3 version)
Section: python
""",
    "chromium": """\
Package: chromium
Version: 138.0.7204.157-1
Architecture: amd64
Depends: chromium-common (= 138.0.7204.157-1), libasound2t64 (>= 1.0.17)
Description: web browser
Section: web
""",
}

UBUNTU_24_04 = {
    "postgresql": """\
Package: postgresql
Architecture: all
Version: 16+257build1.1
Priority: optional
Section: database
Source: postgresql-common (257build1.1)
Origin: Ubuntu
Maintainer: Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>
Depends: postgresql-16
Suggests: postgresql-doc
Filename: pool/main/p/postgresql-common/postgresql_16+257build1.1_all.deb
Description: object-relational SQL database (supported version)
""",
    "postgresql-16-postgis-3": """\
Package: postgresql-16-postgis-3
Architecture: amd64
Version: 3.4.2+dfsg-1ubuntu3
Section: universe/misc
Source: postgis
Origin: Ubuntu
Depends: postgresql-16, postgresql-16-postgis-3-scripts, libc6 (>= 2.38), libgdal34t64 (>= 3.8.0)
Description: Geographic objects support for PostgreSQL 16
""",
    "python3": """\
Package: python3
Architecture: amd64
Version: 3.12.3-0ubuntu2
Multi-Arch: allowed
Priority: important
Section: python
Source: python3-defaults
Origin: Ubuntu
Depends: python3.12 (>= 3.12.3-0~), libpython3-stdlib (= 3.12.3-0ubuntu2)
Pre-Depends: python3-minimal (= 3.12.3-0ubuntu2)
Description: interactive high-level object-oriented language (default python3 version)
""",
    # Ubuntu has no `chromium` package: only this, which installs the snap.
    "chromium-browser": """\
Package: chromium-browser
Architecture: amd64
Version: 2:1snap1-0ubuntu2
Section: universe/web
Source: chromium-browser
Origin: Ubuntu
Depends: snapd
Description: Transitional package - chromium-browser -> chromium snap
""",
}

BASE = (
    "postgresql gdal-bin libgdal-dev fonts-noto-core gettext libpango-1.0-0 libpangoft2-1.0-0 "
    "poppler-utils default-jre-headless"
)


def release(tmp_path: Path, packages: dict[str, str]) -> Path:
    folder = tmp_path / "apt"
    folder.mkdir()
    for name, text in packages.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def path_with(tmp_path: Path, **interpreters: str) -> Path:
    """A PATH directory holding the script's tools and the given interpreters, nothing else."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found, tool
        (folder / tool).symlink_to(found)
    for name, target in interpreters.items():
        (folder / name).symlink_to(target)
    return folder


def run(
    command: str,
    apt: Path,
    path: Path,
    *,
    dist_python: str | Path,
    pyenv_root: Path | None = None,
) -> subprocess.CompletedProcess:
    env = {
        "PATH": str(path),
        "HOME": str(path.parent),  # no ~/.pyenv of the machine's
        "APT_SHOW_DIR": str(apt),
        "DIST_PYTHON": str(dist_python),
        **({"PYENV_ROOT": str(pyenv_root)} if pyenv_root else {}),
    }
    return subprocess.run(  # noqa: S603 - the project's script
        ["/bin/bash", str(SCRIPT), command], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def not_python(tmp_path: Path) -> Path:
    """A program that runs but is no Python 3.12 (stands for Debian 12's python3 3.11)."""
    false = shutil.which("false")
    assert false
    return Path(false)


def test_debian_13_uses_postgresql_17_and_its_own_python(tmp_path: Path) -> None:
    apt = release(tmp_path, DEBIAN_13)
    path = path_with(tmp_path)
    done = run("apt", apt, path, dist_python=sys.executable)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{BASE} postgresql-17-postgis-3 chromium python3 python3-venv\n"
    done = run("python", apt, path, dist_python=sys.executable)
    assert (done.returncode, done.stdout) == (0, f"{sys.executable}\n"), done.stderr


def test_ubuntu_24_04_uses_postgresql_16_its_own_python_and_the_chromium_snap(
    tmp_path: Path,
) -> None:
    apt = release(tmp_path, UBUNTU_24_04)
    path = path_with(tmp_path)
    done = run("apt", apt, path, dist_python=sys.executable)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{BASE} postgresql-16-postgis-3 chromium-browser python3 python3-venv\n"
    done = run("python", apt, path, dist_python=sys.executable)
    assert (done.returncode, done.stdout) == (0, f"{sys.executable}\n"), done.stderr


def test_debian_12_uses_postgresql_15_and_a_newer_python_on_path(
    tmp_path: Path, not_python: Path
) -> None:
    apt = release(tmp_path, DEBIAN_12)
    path = path_with(tmp_path, **{"python3.13": sys.executable})
    done = run("apt", apt, path, dist_python=not_python)
    assert done.returncode == 0, done.stderr
    # python3 3.11 is too old: its venv package is not needed.
    assert done.stdout == f"{BASE} postgresql-15-postgis-3 chromium\n"
    done = run("python", apt, path, dist_python=not_python)
    assert (done.returncode, done.stdout) == (0, f"{path / 'python3.13'}\n"), done.stderr


def test_debian_12_takes_the_newest_working_pyenv_python(tmp_path: Path, not_python: Path) -> None:
    apt = release(tmp_path, DEBIAN_12)
    path = path_with(tmp_path)
    pyenv = tmp_path / "pyenv"
    for version, target in [("3.9.18", sys.executable), ("3.12.1", sys.executable),
                            ("3.13.9", not_python)]:  # fmt: skip
        (pyenv / "versions" / version / "bin").mkdir(parents=True)
        (pyenv / "versions" / version / "bin" / "python3").symlink_to(target)
    done = run("python", apt, path, dist_python=not_python, pyenv_root=pyenv)
    # Newest by version, not by name (3.9 sorts last); 3.13.9 does not run, so 3.12.1.
    expected = pyenv / "versions" / "3.12.1" / "bin" / "python3"
    assert (done.returncode, done.stdout) == (0, f"{expected}\n"), done.stderr


def test_debian_12_without_a_newer_python_says_in_one_line_what_to_install(
    tmp_path: Path, not_python: Path
) -> None:
    apt = release(tmp_path, DEBIAN_12)
    path = path_with(tmp_path)
    for command in ("apt", "python"):
        done = run(command, apt, path, dist_python=not_python, pyenv_root=tmp_path / "none")
        assert done.returncode == 1
        assert done.stdout == ""
        assert done.stderr.count("\n") == 1, done.stderr
        assert "Python 3.12 or newer is needed" in done.stderr
        assert "python3 is 3.11" in done.stderr
        assert "install python3.13" in done.stderr


def test_a_release_without_the_matching_postgis_package_is_named(tmp_path: Path) -> None:
    packages = dict(DEBIAN_13)
    del packages["postgresql-17-postgis-3"]
    done = run("apt", release(tmp_path, packages), path_with(tmp_path), dist_python=sys.executable)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert "No postgresql-17-postgis-3" in done.stderr


def test_this_machine_gets_an_answer_from_apt(tmp_path: Path) -> None:
    """The same script against the real apt of this machine, as `make` runs it."""
    if not shutil.which("apt-cache"):
        pytest.skip("no apt-cache: not a Debian or Ubuntu machine")
    env = {key: value for key, value in os.environ.items() if key != "APT_SHOW_DIR"}
    done = subprocess.run(  # noqa: S603 - the project's script
        ["/bin/bash", str(SCRIPT), "apt"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode in (0, 1), done.stderr
    if done.returncode == 0:
        assert "-postgis-3" in done.stdout
        assert done.stdout.count("\n") == 1
