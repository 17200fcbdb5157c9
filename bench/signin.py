"""Signing the benchmarks' demo users in as people sign in: the password, then, for a role
that needs it, the second factor.

A demo user whose role needs two-factor sign-in is enrolled once, through the accounts
services and with the code an authenticator app would show; every enrolment or re-issue
gives ten one-time backup codes, and each sign-in over HTTP spends one of them (an
authenticator code can be used once per 30 seconds, too few for a benchmark).
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run by `manage.py shell` on the benchmark's database; prints a line "codes: a b …".
_ISSUE_CODES = """
from bench.signin import issue_codes
print("codes:", *issue_codes({username!r}))
"""


def issue_codes(username: str) -> list[str]:
    """In a process where Django is set up on the benchmark's database: fresh one-time codes
    for `username`, enrolling an authenticator first if the user has none; empty when the
    user's role signs in with the password alone."""
    from django.contrib.auth import get_user_model
    from django_otp.oath import TOTP

    from landclaims.accounts import selectors, services

    user = get_user_model().objects.get(username=username)
    if not selectors.two_factor_required(user):
        return []
    if selectors.two_factor_enrolled(user):
        return services.backup_codes_issue(user=user)
    device = services.totp_device_start(user=user)
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return services.totp_device_confirm(user=user, token=f"{now.token():0{device.digits}d}") or []


def _set_up_on(database_url: str) -> bool:
    """Whether Django is set up in this process on the database `database_url` names (every
    benchmark database is on the one server DATABASE_URL names, so the name tells them apart)."""
    if "django" not in sys.modules:
        return False
    from django.apps import apps

    if not apps.ready:
        return False
    from django.db import connection

    name = urllib.parse.unquote(urllib.parse.urlsplit(database_url).path[1:])
    return bool(connection.settings_dict["NAME"] == name)


def backup_codes(database_url: str, username: str) -> list[str]:
    """Fresh one-time codes for `username` (enrolling an authenticator first if the user has
    none); empty when the user's role signs in with the password alone. Issued in this
    process when Django is set up here on that database; otherwise through `manage.py
    shell`, a Django start-up of a few seconds."""
    if _set_up_on(database_url):
        return issue_codes(username)
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c",
         _ISSUE_CODES.format(username=username)],
        env={**os.environ, "DATABASE_URL": database_url},
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    line = next(line for line in result.stdout.splitlines() if line.startswith("codes:"))
    return line.split()[1:]
