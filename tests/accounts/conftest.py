"""Helpers for signing in the real way: the login form, then the token page."""

from __future__ import annotations

from typing import Any

PASSWORD = "a-long-test-password"


def password_login(client: Any, user: Any, password: str = PASSWORD, **extra: Any) -> Any:
    """POST the login form, as a browser does; the session is then signed in but not yet
    verified by a second factor."""
    return client.post("/login/", {"username": user.username, "password": password}, **extra)
