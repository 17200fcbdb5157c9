"""The dossier log: every claim dossier made, who asked for it, and in which language.

A dossier is a file that leaves the system (it goes to the AC (Land) or the DC), so it is
logged like an export. It has its own table because the export log's rows describe layer
files (format, CRS, profile) that a one-claim PDF does not have.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from landclaims.core.scoping import ScopedQuerySet


class DossierLogQuerySet(ScopedQuerySet):
    # The organisation the user belonged to when asking; superusers see every row.
    organisation_path = "organisation"
    district_path = None


class DossierLog(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    role = models.CharField(max_length=20, verbose_name=_("role"))
    # Kept as a number too, so the log outlives a deleted claim.
    claim = models.ForeignKey(
        "claims.Claim",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("claim"),
    )
    claim_ref = models.PositiveIntegerField(_("claim id"))
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, verbose_name=_("language")
    )
    with_group_names = models.BooleanField(default=False, verbose_name=_("with group names"))
    size_bytes = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("size (bytes)"))
    made_at = models.DateTimeField(auto_now_add=True, verbose_name=_("made"))

    objects = DossierLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier made")
        verbose_name_plural = _("dossiers made")
        ordering = ["-made_at", "-id"]
        indexes = [models.Index(fields=["user", "-made_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="dossierlog_language_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Dossier of claim {self.claim_ref} ({self.language}) by {self.user}"
