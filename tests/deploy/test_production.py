"""Production settings (DJANGO_PRODUCTION=1), in a fresh process as a deployment starts:
`manage.py check --deploy` passes with nothing above a warning, refuses the development
secret key and DEBUG, and an https response carries HSTS and secure cookies."""

from __future__ import annotations

import base64
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
# An https request through Django's test client in the production process: status, headers
# and the flags of each cookie set.
PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client()
out = {}
for name, secure in (("https", True), ("http", False)):
    response = client.get("/login/", secure=secure)
    out[name] = {
        "status": response.status_code,
        "headers": dict(response.headers),
        "cookies": {k: {f: str(m[f]) for f in ("secure", "httponly", "samesite")}
                    for k, m in response.cookies.items()},
    }
print(json.dumps(out))
"""


def production_env(**changes: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "landclaims.settings",
        "DJANGO_PRODUCTION": "1",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "landclaims.example.org,testserver",
        "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        # The field-encryption key (Fernet: 32 random bytes, urlsafe base64), which a deploy
        # check refuses in its development form.
        "LANDCLAIMS_FIELD_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        **changes,
    }
    # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests in this process, never deployed.
    for name in (
        "DJANGO_DEBUG",
        "EMAIL_BACKEND",
        "DJANGO_HSTS_PRELOAD",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        if name not in changes:
            env.pop(name, None)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_check_deploy_passes_with_production_settings() -> None:
    result = run(CHECK, production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_with_the_development_secret_key() -> None:
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = run(CHECK, env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_debug() -> None:
    result = run(CHECK, production_env(DJANGO_DEBUG="1"))
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


def test_check_deploy_fails_without_production() -> None:
    """The same checks on development settings fail: they are what production turns on."""
    env = production_env()
    del env["DJANGO_PRODUCTION"]
    result = run(CHECK, env)
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stdout + result.stderr


def test_an_https_response_under_production_settings() -> None:
    result = run(["-c", PROBE], production_env())
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])

    https = answers["https"]
    assert https["status"] == 200
    headers = https["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    csrf = https["cookies"]["csrftoken"]
    assert csrf["secure"] == "True"
    assert csrf["samesite"] == "Lax"

    # Plain http is sent to https.
    assert answers["http"]["status"] == 301
    assert answers["http"]["headers"]["Location"].startswith("https://")


def test_preload_is_an_opt_in() -> None:
    result = run(["-c", PROBE], production_env(DJANGO_HSTS_PRELOAD="1"))
    headers = json.loads(result.stdout.strip().splitlines()[-1])["https"]["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
