"""Secret keys a person hands to a program instead of their password: API keys (scripts,
QGIS, GDAL) and phone keys (ODK Collect). One rule for both: the secret is shown once and
only its SHA-256 is kept (the secrets are long random strings, so a slow password hash
would add nothing, and a stolen database gives no usable key); a key works while neither
it is revoked nor its person deactivated; its time of use is written now and then, not on
every request."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Shown in lists so a person can tell their keys apart; far too short to guess the rest.
SHOWN_CHARS = 10
MAX_ACTIVE_KEYS = 20


class SecretKey(models.Model):
    """A key's columns; each kind adds its `user` (with its own related name)."""

    name = models.CharField(gettext_lazy("name"), max_length=100)
    prefix = models.CharField(max_length=12, editable=False, verbose_name=gettext_lazy("prefix"))
    digest = models.CharField(
        max_length=64, unique=True, editable=False, verbose_name=gettext_lazy("digest")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("created"))
    last_used_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=gettext_lazy("last used")
    )
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("revoked"))

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="%(class)s_has_name"),
            models.CheckConstraint(
                condition=Q(digest__regex=r"^[0-9a-f]{64}$"), name="%(class)s_digest_sha256"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def key_issue[K: SecretKey](
    model: type[K], *, user: Any, name: str, secret_prefix: str, unnamed: str
) -> tuple[K, str]:
    """A new key of `model` for `user` and its secret, the one time it is known (call inside
    a transaction). `unnamed` is the message for a blank name."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": unnamed})
    active = model._default_manager.select_for_update().filter(user=user, revoked_at__isnull=True)
    if active.count() >= MAX_ACTIVE_KEYS:
        raise ValidationError(
            {"name": _("You have %(n)s active keys; revoke one first.") % {"n": MAX_ACTIVE_KEYS}}
        )
    secret = secret_prefix + secrets.token_urlsafe(32)
    key = model(user=user, name=name, prefix=secret[:SHOWN_CHARS], digest=digest_of(secret))
    key.full_clean()
    key.save()
    return key, secret


def key_revoke[K: SecretKey](key: K) -> K:
    """Stop a key working at once; the row stays so the person sees when it was revoked."""
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    return key


def key_touch(key: SecretKey, *, every_seconds: int) -> None:
    now = timezone.now()
    last = key.last_used_at
    if last is None or (now - last).total_seconds() > every_seconds:
        type(key)._default_manager.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now


def key_find[K: SecretKey](model: type[K], *, secret: str, secret_prefix: str) -> K | None:
    """The working key with this secret, with its user, or None."""
    if not secret.startswith(secret_prefix):
        return None
    return (
        model._default_manager.select_related("user")
        .filter(digest=digest_of(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
