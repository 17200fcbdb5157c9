"""API keys: several per person, named, shown once, stored only as a hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from landclaims.core.scoping import ScopedQuerySet


class ApiTokenQuerySet(ScopedQuerySet):
    # A key belongs to a person, not a district: admins see the keys of their organisation.
    organisation_path = "user__membership__organisation"
    district_path = None


class ApiToken(models.Model):
    """A secret a script, QGIS or GDAL sends instead of a password.

    Only the SHA-256 of the secret is kept: the secrets are long random strings, so a slow
    password hash would add nothing, and a stolen database gives no usable key. `prefix`
    (the secret's first characters) lets a person tell their keys apart.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, editable=False, verbose_name=_("prefix"))
    digest = models.CharField(max_length=64, unique=True, editable=False, verbose_name=_("digest"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    last_used_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("last used")
    )
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked"))

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="apitoken_has_name"),
            models.CheckConstraint(
                condition=models.Q(digest__regex=r"^[0-9a-f]{64}$"), name="apitoken_digest_sha256"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
