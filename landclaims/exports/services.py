"""Exports: one service behind the command, the page and the API.

`export_layer` makes the file now (the command); `export_request` makes it now when it is
small and queues it for the worker when it is not (the page, the API). Both log the export
first, so a file is never made without its log row: who, when, which layer, filters,
profile, and in the end how many rows.

The run itself (reading the rows, writing the file) is in `running.py`; the worker's task
calls it there, so this module and the task do not import each other.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gis.crs import UnsupportedCRS
from gis.vector_write import (
    ExportError,
    Format,
    check_format_crs,
)
from landclaims.core.preferences import preference_save
from landclaims.core.scoping import scope_for
from landclaims.exports.models import ExportLog, FileFormat, Layer, Profile
from landclaims.exports.running import (
    ExportRefused,
    ExportResult,
    check_profile,
    export_file_path,
    export_run,
    mark_log,
)
from landclaims.exports.selectors import (
    ExportFilters,
    default_profile,
    export_count_query,
)
from landclaims.exports.tasks import export_task

logger = logging.getLogger(__name__)

MAX_PENDING_PER_USER = 3  # queued or running exports one person may have at once


# Asking -----------------------------------------------------------------------------------


def export_layer(
    *,
    user: Any,
    layer: str,
    file_format: str = Format.GPKG,
    srid: int = 4326,
    profile: str | None = None,
    filters: ExportFilters | None = None,
    via: str = ExportLog.Via.COMMAND,
) -> ExportResult:
    """Make the file now and return it; raises ExportRefused before anything is read."""
    log = export_log_create(
        user=user,
        layer=layer,
        file_format=file_format,
        srid=srid,
        profile=profile,
        filters=filters or ExportFilters(),
        via=via,
    )
    return export_run(log=log)


def export_request(
    *,
    user: Any,
    layer: str,
    file_format: str = Format.GPKG,
    srid: int = 4326,
    profile: str | None = None,
    filters: ExportFilters | None = None,
    via: str = ExportLog.Via.PAGE,
) -> ExportLog:
    """Make the file now when it has at most settings.EXPORT_BACKGROUND_ROWS rows, else
    queue it for the worker (`manage.py db_worker`). Returns the log row either way; a run
    that failed here is recorded on it (status failed, error) rather than raised."""
    filters = filters or ExportFilters()
    if pending_exports(user=user) >= MAX_PENDING_PER_USER:
        raise ExportRefused(
            _("You already have %(n)d exports waiting; let them finish first.")
            % {"n": MAX_PENDING_PER_USER}
        )
    log = export_log_create(
        user=user,
        layer=layer,
        file_format=file_format,
        srid=srid,
        profile=profile,
        filters=filters,
        via=via,
    )
    expected = export_count(user=user, layer=Layer(layer), filters=filters)
    ExportLog.objects.filter(pk=log.pk).update(expected_rows=expected)
    log.expected_rows = expected
    if expected > settings.EXPORT_BACKGROUND_ROWS:
        return export_enqueue(log=log)
    try:
        export_run(log=log)
    except Exception:
        # Recorded on the log row (status failed, a short reason) for the page to show.
        logger.exception("Export %s failed", log.pk)
    log.refresh_from_db()
    return log


def pending_exports(*, user: Any) -> int:
    """Exports of the user queued or running; one stuck for a day (a worker that died) no
    longer counts."""
    return ExportLog.objects.filter(
        user=user,
        status__in=[ExportLog.Status.QUEUED, ExportLog.Status.RUNNING],
        requested_at__gte=timezone.now() - timedelta(days=1),
    ).count()


def export_count(*, user: Any, layer: Layer, filters: ExportFilters) -> int:
    part = export_count_query(user=user, layer=layer, filters=filters, today=timezone.localdate())
    with connection.cursor() as cursor:
        cursor.execute(part.sql, part.params)
        return int(cursor.fetchone()[0])


@transaction.atomic
def export_log_create(
    *,
    user: Any,
    layer: str,
    file_format: str,
    srid: int,
    profile: str | None,
    filters: ExportFilters,
    via: str,
) -> ExportLog:
    """Check the request and log it (status queued); nothing is read yet."""
    scope = scope_for(user)
    if scope is None:
        raise ExportRefused(_("Your account belongs to no organisation, so it may export nothing."))
    chosen = Profile(profile) if profile else default_profile(user=user)
    check_profile(user, chosen)
    check_export_format(file_format, srid)
    log = ExportLog(
        user=user,
        organisation_id=scope.organisation_id,
        role=scope.role,
        via=str(via),
        layer=str(layer),
        file_format=str(file_format),
        srid=int(srid),
        profile=str(chosen),
        filters=filters.as_json(),
    )
    log.full_clean()
    log.save()
    return log


def check_export_format(file_format: str, srid: int) -> None:
    """Raise ExportRefused unless the format exists and can hold the CRS."""
    try:
        fmt = Format(file_format)
    except ValueError as error:
        raise ExportRefused({"file_format": _("Unknown file format.")}) from error
    try:
        check_format_crs(fmt, srid)
    except UnsupportedCRS as error:
        raise ExportRefused(
            {"srid": _("EPSG:%(srid)s is not offered; choose one from the list.") % {"srid": srid}}
        ) from error
    except ExportError as error:
        message = _(
            "%(format)s files are always in longitude/latitude (EPSG:4326); EPSG:%(srid)s "
            "cannot be written in them. Choose EPSG:4326, or GeoPackage, Shapefile, CSV or "
            "XLSX for a projected coordinate system."
        ) % {"format": FileFormat(fmt.value).label, "srid": srid}
        raise ExportRefused({"srid": message}) from error


def export_enqueue(*, log: ExportLog) -> ExportLog:
    result = export_task.enqueue(log.pk)
    ExportLog.objects.filter(pk=log.pk).update(task_id=str(result.id))
    log.task_id = str(result.id)
    return log


def export_choices_remember(*, user: Any, choices: dict[str, Any]) -> None:
    """Keep the export form's choices for the user's next visit (any device)."""
    preference_save(user=user, export_choices=choices)


# Retention --------------------------------------------------------------------------------


def export_prune(*, now: datetime, keep: timedelta, stale: timedelta) -> tuple[int, int]:
    """Delete export files older than `keep` (an exported list of claims left on the server
    is a list someone can steal) and fail exports a dead worker left running for longer
    than `stale`. The log rows stay: who exported what is kept. Returns (files, reaped)."""
    files = 0
    old = ExportLog.objects.filter(status=ExportLog.Status.DONE, finished_at__lt=now - keep)
    for log in old.exclude(file=""):
        with contextlib.suppress(ExportLog.DoesNotExist, FileNotFoundError):
            export_file_path(log).unlink()
            files += 1
        mark_log(
            log,
            status=ExportLog.Status.EXPIRED,
            file="",
            notes=[
                *log.notes,
                str(_("The file was deleted after %(days)d days.") % {"days": keep.days}),
            ],
        )
    reaped = ExportLog.objects.filter(
        status__in=[ExportLog.Status.QUEUED, ExportLog.Status.RUNNING],
        requested_at__lt=now - stale,
    ).update(
        status=ExportLog.Status.FAILED,
        finished_at=now,
        error=_("The export did not finish: the worker stopped. Please ask for it again."),
    )
    return files, reaped
