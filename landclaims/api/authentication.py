"""API keys in requests: `Authorization: Token <key>` (or `Bearer`), or `X-API-Key: <key>`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from landclaims.api.selectors import api_token_find
from landclaims.api.services import api_token_touch

SCHEMES = ("token", "bearer")
KEY_HEADER = "X-API-Key"


def key_in_headers(request: HttpRequest) -> str | None:
    parts = request.headers.get("Authorization", "").split()
    if len(parts) == 2 and parts[0].lower() in SCHEMES:
        return parts[1]
    return request.headers.get(KEY_HEADER) or None


def user_for_key(secret: str) -> Any | None:
    """The person a key belongs to, or None for a revoked, unknown or malformed key."""
    token = api_token_find(secret=secret)
    if token is None:
        return None
    api_token_touch(token=token)
    return token.user


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request: Any) -> tuple[Any, None] | None:
        secret = key_in_headers(request)
        if secret is None:
            return None
        user = user_for_key(secret)
        if user is None:
            raise exceptions.AuthenticationFailed(_("This API key is unknown or revoked."))
        return user, None

    def authenticate_header(self, request: Any) -> str:
        # Makes an anonymous request a 401 (with this challenge) rather than a 403.
        return 'Token realm="landclaims"'
