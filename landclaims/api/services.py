"""Writes for API keys: issue one (its secret is returned once) and revoke one."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from landclaims.api.models import ApiToken

KEY_PREFIX = "lc_"
# Shown in lists so a person can tell their keys apart; far too short to guess the rest.
SHOWN_CHARS = 10
MAX_ACTIVE_KEYS = 20


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown to the person once, never stored


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_issue(*, user: Any, name: str) -> IssuedToken:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Name the key after where it will be used.")})
    active = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    if active.count() >= MAX_ACTIVE_KEYS:
        raise ValidationError(
            {"name": _("You have %(n)s active keys; revoke one first.") % {"n": MAX_ACTIVE_KEYS}}
        )
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, prefix=secret[:SHOWN_CHARS], digest=digest_of(secret))
    token.full_clean()
    token.save()
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Stop a key working at once; the row stays so the person sees when it was revoked."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


# Writing the time of use on every request would make each read a write; once a few
# minutes is enough to tell a key in use from a forgotten one.
LAST_USED_RESOLUTION_S = 300


def api_token_touch(*, token: ApiToken) -> None:
    now = timezone.now()
    last = token.last_used_at
    if last is None or (now - last).total_seconds() > LAST_USED_RESOLUTION_S:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
