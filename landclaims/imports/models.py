"""The log of GIS file imports: who brought in which file, when, and what it changed."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from landclaims.core.scoping import ScopedQuerySet


class ImportKind(models.TextChoices):
    PARCELS = "parcels", _("Parcels")
    ADMIN_AREAS = "admin-areas", _("Admin areas")
    CLAIMS = "claims", _("Claims")


class ImportBatchQuerySet(ScopedQuerySet):
    pass


class ImportBatch(models.Model):
    """One file brought in: previewed on the page, then committed or discarded.

    Command-line imports are logged when they commit; a dry run writes nothing, not even
    this row.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Previewed, waiting for confirmation")
        COMMITTED = "committed", _("Committed")
        DISCARDED = "discarded", _("Discarded")

    token = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, verbose_name=_("token")
    )
    # None only for admin areas imported by a superuser: places belong to no organisation.
    organisation = models.ForeignKey(
        "core.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    kind = models.CharField(max_length=16, choices=ImportKind.choices, verbose_name=_("kind"))
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING, verbose_name=_("status")
    )
    file_name = models.CharField(max_length=255, verbose_name=_("file name"))
    file_sha256 = models.CharField(max_length=64, verbose_name=_("file checksum (SHA-256)"))
    file_format = models.CharField(max_length=16, verbose_name=_("file format"))
    layer_name = models.CharField(max_length=200, blank=True, verbose_name=_("layer name"))
    # The column the user chose to read geometries from ("": the file's own or the first).
    geometry_column = models.CharField(
        max_length=200, blank=True, verbose_name=_("geometry column")
    )
    # The EPSG code the user named (None: the file's own) and the one the data were read in.
    requested_srid = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("requested coordinate system (EPSG)")
    )
    source_srid = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("source coordinate system (EPSG)")
    )
    rows = models.PositiveIntegerField(default=0, verbose_name=_("rows"))
    problem_count = models.PositiveIntegerField(default=0, verbose_name=_("problems"))
    created_count = models.PositiveIntegerField(default=0, verbose_name=_("created"))
    skipped_count = models.PositiveIntegerField(default=0, verbose_name=_("skipped"))
    updated_count = models.PositiveIntegerField(default=0, verbose_name=_("updated"))
    # The ids of the records the import created, as [first, last] ranges (a parcel import
    # takes one range of ids however many rows it has): the import's page links them all.
    created_ranges = models.JSONField(
        default=list, blank=True, verbose_name=_("created records (id ranges)")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    committed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("committed"))

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "committed", "discarded"]),
                name="importbatch_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["parcels", "admin-areas", "claims"]),
                name="importbatch_kind_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="committed") | models.Q(committed_at__isnull=False),
                name="importbatch_committed_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="committed") | models.Q(problem_count=0),
                name="importbatch_committed_without_problems",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file_name} ({self.get_status_display()})"
