"""Writes for API keys: issue one (its secret is returned once) and revoke one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from landclaims.api.models import ApiToken
from landclaims.core.keys import key_issue, key_revoke, key_touch

KEY_PREFIX = "lc_"


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown to the person once, never stored


@transaction.atomic
def api_token_issue(*, user: Any, name: str) -> IssuedToken:
    token, secret = key_issue(
        ApiToken,
        user=user,
        name=name,
        secret_prefix=KEY_PREFIX,
        unnamed=_("Name the key after where it will be used."),
    )
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Stop a key working at once; the row stays so the person sees when it was revoked."""
    return key_revoke(token)


# Writing the time of use on every request would make each read a write; once a few
# minutes is enough to tell a key in use from a forgotten one.
LAST_USED_RESOLUTION_S = 300


def api_token_touch(*, token: ApiToken) -> None:
    key_touch(token, every_seconds=LAST_USED_RESOLUTION_S)
