"""The username django-axes records for a sign-in attempt.

Its table holds 255 characters, and a longer username made the failed-login record itself
fail with a 500, for anyone, without logging in. Cut to 255, an overlong username is a
failed login like any other: the same message as a wrong password, counted towards the
lockout. No account has such a name (User.username holds 150), so cutting merges the counts
of no two real accounts.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

ATTEMPT_USERNAME_MAX = 255  # axes' AccessAttempt.username


def attempt_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    return str(username)[:ATTEMPT_USERNAME_MAX] if username is not None else None
