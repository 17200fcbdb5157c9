"""The export log: every file made from the records, who asked, what it held, and where it is.

One row per export, written before the first record is read and finished when the file is
made (or the export fails), whether it came from the page, the command or the API. The row
is also the background job's state: status, progress and the file to download.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gis.crs import ACCEPTED_SRIDS
from gis.vector_write import Format
from landclaims.core.scoping import ScopedQuerySet


class Layer(models.TextChoices):
    PARCELS = "parcels", _("Parcels")
    CLAIMS = "claims", _("Claims")
    GROUPS = "groups", _("Landless groups")
    CASES = "cases", _("Court cases")
    INCIDENTS = "incidents", _("Incidents")
    ADMIN_AREAS = "admin_areas", _("Admin areas")
    ALLOCATIONS = "allocations", _("Allocations")
    COOPERATIVE_LAND = "cooperative_land", _("Cooperative land")


class FileFormat(models.TextChoices):
    GPKG = Format.GPKG.value, _("GeoPackage")
    SHAPEFILE = Format.SHAPEFILE.value, _("Shapefile (zip)")
    GEOJSON = Format.GEOJSON.value, _("GeoJSON")
    KML = Format.KML.value, _("KML")
    CSV = Format.CSV.value, _("CSV (geometry as WKT)")
    XLSX = Format.XLSX.value, _("Excel (XLSX, geometry as WKT)")


class Profile(models.TextChoices):
    """How much a file reveals, from least to most (the order matters: see REVEALING)."""

    PUBLIC = "public", _("Public")
    MONITOR = "monitor", _("Monitor")
    STAFF = "staff", _("Staff")


# What each profile reveals, in a sentence (the full rule: landclaims/exports/layers.py).
PROFILE_HELP = {
    Profile.PUBLIC: _(
        "no names, notes or record numbers; people counted by sex, counts from 1 to 4 left "
        "blank; incidents placed roughly"
    ),
    Profile.MONITOR: _("adds group ids, case and record numbers and exact counts"),
    Profile.STAFF: _("adds group names, titles, notes and descriptions"),
}


# Least revealing first.
REVEALING = (Profile.PUBLIC, Profile.MONITOR, Profile.STAFF)


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("File deleted")  # by prune_files, after EXPORT_KEEP_DAYS


class ExportVia(models.TextChoices):
    PAGE = "page", _("Exports page")
    COMMAND = "command", _("Command")
    API = "api", _("API")


class ExportLogQuerySet(ScopedQuerySet):
    # The log row carries the organisation the user belonged to when exporting; superusers
    # (no organisation) see every row.
    organisation_path = "organisation"
    district_path = None


class ExportLog(models.Model):
    Status = ExportStatus
    Via = ExportVia

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
    via = models.CharField(max_length=8, choices=ExportVia.choices, verbose_name=_("via"))
    layer = models.CharField(max_length=16, choices=Layer.choices, verbose_name=_("layer"))
    file_format = models.CharField(
        max_length=8, choices=FileFormat.choices, verbose_name=_("file format")
    )
    srid = models.PositiveIntegerField(_("CRS (EPSG code)"))
    profile = models.CharField(max_length=8, choices=Profile.choices, verbose_name=_("profile"))
    # Record ids and codes, as the export read them: enough to run it again, or audit it.
    filters = models.JSONField(default=dict, blank=True, verbose_name=_("filters"))
    requested_at = models.DateTimeField(auto_now_add=True, verbose_name=_("requested"))
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("started"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished"))
    status = models.CharField(
        max_length=8,
        choices=ExportStatus.choices,
        default=ExportStatus.QUEUED,
        verbose_name=_("status"),
    )
    progress = models.PositiveSmallIntegerField(
        default=0, verbose_name=_("progress (%)")
    )  # percent
    expected_rows = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("expected rows")
    )  # counted when asked
    row_count = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("rows"))
    # Relative to settings.EXPORT_DIR; never served as a static file.
    file = models.CharField(max_length=255, blank=True, verbose_name=_("file"))
    size_bytes = models.PositiveBigIntegerField(
        null=True, blank=True, verbose_name=_("size (bytes)")
    )
    notes = models.JSONField(default=list, blank=True, verbose_name=_("notes"))
    error = models.TextField(blank=True, verbose_name=_("error"))
    task_id = models.CharField(max_length=64, blank=True, verbose_name=_("task"))

    objects = ExportLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["user", "-requested_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(layer__in=Layer.values), name="export_layer_known"
            ),
            models.CheckConstraint(
                condition=models.Q(file_format__in=FileFormat.values), name="export_format_known"
            ),
            models.CheckConstraint(
                condition=models.Q(profile__in=Profile.values), name="export_profile_known"
            ),
            models.CheckConstraint(
                condition=models.Q(srid__in=sorted(ACCEPTED_SRIDS)), name="export_srid_accepted"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ExportStatus.values), name="export_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="export_progress_percent"
            ),
            # A finished export says how many rows it wrote and where the file is.
            models.CheckConstraint(
                condition=~models.Q(status="done")
                | models.Q(row_count__isnull=False, finished_at__isnull=False) & ~models.Q(file=""),
                name="export_done_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.layer} ({self.file_format}) by {self.user}, export {self.pk}"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
