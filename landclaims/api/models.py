"""API keys: several per person, named, shown once, stored only as a hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from landclaims.core.keys import SecretKey
from landclaims.core.scoping import ScopedQuerySet


class ApiTokenQuerySet(ScopedQuerySet):
    # A key belongs to a person, not a district: admins see the keys of their organisation.
    organisation_path = "user__membership__organisation"
    district_path = None


class ApiToken(SecretKey):
    """A secret a script, QGIS or GDAL sends instead of a password (core.keys)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta(SecretKey.Meta):
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
