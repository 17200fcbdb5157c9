#!/usr/bin/env bash
# Which system packages and which Python the set-up uses, chosen from what this
# Debian/Ubuntu release offers (so `make demo` works on Debian 12, Debian 13, Ubuntu 24.04).
#
#   scripts/system_packages.sh apt      the apt packages to install, on one line
#   scripts/system_packages.sh python   the interpreter for .venv (run after the install)
#
# Either prints one line saying what to install and exits 1 when nothing fits.
# PostGIS: postgresql-<major>-postgis-3 for the major the `postgresql` metapackage depends on.
# Python (Django 6.1 needs 3.12+): the distribution's python3 when it is new enough, else
# python3.13 / python3.12 on PATH, else the newest 3.12+ under pyenv.
#
# Bash, not Python: a fresh minimal image may have no python3 yet.
# For tests: APT_SHOW_DIR=<dir> reads `apt-cache show` text from <dir>/<package> instead of
# apt; DIST_PYTHON names the distribution's interpreter (default /usr/bin/python3).
set -euo pipefail

BASE_PACKAGES="postgresql gdal-bin libgdal-dev fonts-noto-core gettext libpango-1.0-0
libpangoft2-1.0-0 poppler-utils default-jre-headless"
DIST_PYTHON=${DIST_PYTHON:-/usr/bin/python3}

# `apt-cache show` of the version apt would install; nothing when apt has no such package.
show() {
  if [ -n "${APT_SHOW_DIR:-}" ]; then
    cat "$APT_SHOW_DIR/$1" 2>/dev/null || true
  else
    apt-cache show --no-all-versions "$1" 2>/dev/null || true
  fi
}

available() { show "$1" | grep -q '^Package: '; }

# The PostgreSQL major the distribution's default `postgresql` depends on (postgresql-15 -> 15).
postgres_major() {
  show postgresql | sed -n 's/^Depends:.*\bpostgresql-\([0-9][0-9]*\)\b.*/\1/p' | head -n 1
}

# The distribution python3's major.minor, from its package version (3.12.3-0ubuntu2 -> 3.12).
dist_python_version() {
  show python3 | sed -n 's/^Version: \([0-9]*:\)\{0,1\}\([0-9]*\.[0-9]*\).*/\2/p' | head -n 1
}

new_enough() { # major.minor
  local major=${1%%.*} minor=${1#*.}
  [ -n "$1" ] && { [ "$major" -gt 3 ] || { [ "$major" -eq 3 ] && [ "$minor" -ge 12 ]; }; }
}

runs_312() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }

no_python() {
  echo "Python 3.12 or newer is needed (Django 6.1) and this system's python3 is" \
    "${1:-missing}: install python3.13 (e.g. \`pyenv install 3.13\`) or use Debian 13 or" \
    "Ubuntu 24.04 or newer" >&2
  exit 1
}

# A 3.12+ interpreter other than the distribution's: on PATH, then under pyenv, newest first.
other_python() {
  local candidate
  for candidate in python3.13 python3.12; do
    if command -v "$candidate" >/dev/null && runs_312 "$candidate"; then
      command -v "$candidate"
      return 0
    fi
  done
  local pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
  for candidate in $(ls -d "$pyenv_root"/versions/3.* 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/bin/python3" ] && runs_312 "$candidate/bin/python3"; then
      echo "$candidate/bin/python3"
      return 0
    fi
  done
  return 1
}

apt_packages() {
  if [ -z "${APT_SHOW_DIR:-}" ] && ! command -v apt-cache >/dev/null; then
    echo "No apt here: install PostgreSQL with PostGIS 3, GDAL, gettext, Pango, poppler-utils, Java (ODK Validate)," \
      "Noto fonts, Chromium, Node.js with npm and Python 3.12+ yourself (README)" >&2
    exit 1
  fi
  local major packages
  major=$(postgres_major)
  if [ -z "$major" ] || ! available "postgresql-$major-postgis-3"; then
    echo "No postgresql-${major:-NN}-postgis-3 for this release's PostgreSQL ${major:-(none found)}:" \
      "run \`apt-get update\`, or install PostgreSQL with PostGIS 3 yourself and set DATABASE_URL" >&2
    exit 1
  fi
  packages="$BASE_PACKAGES postgresql-$major-postgis-3"
  # Debian ships chromium; Ubuntu only chromium-browser (which installs the snap).
  if available chromium || ! available chromium-browser; then
    packages="$packages chromium"
  else
    packages="$packages chromium-browser"
  fi
  local version
  version=$(dist_python_version)
  if new_enough "$version"; then
    packages="$packages python3 python3-venv"
  elif ! other_python >/dev/null; then
    no_python "$version"
  fi
  echo $packages # one line
}

# Run after the install: what runs decides, so a python3 upgraded since still counts.
python_path() {
  if runs_312 "$DIST_PYTHON"; then
    echo "$DIST_PYTHON"
  else
    other_python || no_python "$(dist_python_version)"
  fi
}

case "${1:-}" in
  apt) apt_packages ;;
  python) python_path ;;
  *) echo "usage: $0 apt|python" >&2; exit 2 ;;
esac
