"""Running an export that is already logged: read the rows, write the file, record the
outcome on the log row. The worker's task (`tasks.export_task`) and the services that make a
small file at once (`services.export_layer`, `services.export_request`) both call `export_run`.

The run is deliberately not one transaction: the log must record a failure, and the
worker's progress must be visible while it runs. The rows are read by one statement (one
snapshot) with PostgreSQL's COPY into a CSV file beside the export, which Arrow then reads
in blocks and GDAL writes in one call.
"""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pyproj import CRS

from gis.vector_write import ExportError, Format, Written, batches_from_csv, write_layer
from landclaims.core.scoping import scope_for
from landclaims.exports.layers import SMALL_COUNT
from landclaims.exports.models import ExportLog, Layer, Profile
from landclaims.exports.names import export_file_stem
from landclaims.exports.selectors import (
    ExportFilters,
    ExportQuery,
    FilterRecordGone,
    allowed_profiles,
    export_filters_from_json,
    export_query,
)


class ExportRefused(ValidationError):
    """An export the user may not have, or a combination that cannot be written."""


@dataclass(frozen=True)
class ExportResult:
    log: ExportLog
    path: Path
    rows: int
    notes: tuple[str, ...] = ()


def export_dir() -> Path:
    return Path(settings.EXPORT_DIR)


def export_file_path(log: ExportLog) -> Path:
    """The file of a finished export, refusing any stored path that leads outside the root."""
    root = export_dir().resolve()
    path = (root / log.file).resolve()
    if root not in path.parents:
        raise ExportLog.DoesNotExist
    return path


def check_profile(user: Any, profile: Profile | None) -> None:
    if profile is None or profile not in allowed_profiles(user=user):
        allowed = ", ".join(str(p) for p in allowed_profiles(user=user)) or _("none")
        raise ExportRefused(
            {
                "profile": _(
                    "Your role may not export with the “%(profile)s” profile; it allows: "
                    "%(allowed)s."
                )
                % {"profile": profile, "allowed": allowed}
            }
        )


def export_run(*, log: ExportLog, report_progress: bool = False) -> ExportResult:
    """Make the file of a logged export. The user's scope and role are checked again here,
    as they are now: a queued export runs with what its user may see when it runs."""
    mark_log(log, status=ExportLog.Status.RUNNING, started_at=timezone.now(), progress=0)
    # A fresh name each time: ids start again in a new database, old files may not.
    directory = export_dir() / f"{log.pk}-{secrets.token_hex(6)}"
    progress = _ProgressReport(log) if report_progress else None
    try:
        query, about, name = _prepare(log)
        directory.mkdir(parents=True, exist_ok=False)
        rows = directory / "rows.csv"
        _copy_rows(query, rows, progress=progress.copied if progress else None)
        written = write_layer(
            batches_from_csv(rows, query.fields),
            progress=progress.written if progress else None,
            directory=directory,
            name=name,
            layer=log.layer,
            fmt=Format(log.file_format),
            srid=log.srid,
            fields=query.fields,
            geometry_type=query.geometry_type,
            about=about,
        )
        rows.unlink()
    except Exception as error:
        shutil.rmtree(directory, ignore_errors=True)
        _fail(log, error)
        raise
    finally:
        if progress is not None:
            progress.close()
    return _finish(log, written)


def _prepare(log: ExportLog) -> tuple[ExportQuery, dict[str, str], str]:
    user = log.user
    if scope_for(user) is None:
        raise ExportRefused(_("The account no longer belongs to an organisation."))
    check_profile(user, Profile(log.profile))
    try:
        filters = export_filters_from_json(user=user, data=log.filters)
    except FilterRecordGone as gone:
        raise ExportRefused(
            _("The %(filter)s chosen as a filter no longer exists or is no longer visible.")
            % {"filter": gone.args[0]}
        ) from gone
    query = export_query(
        user=user,
        layer=Layer(log.layer),
        profile=Profile(log.profile),
        filters=filters,
        srid=log.srid,
        today=timezone.localdate(),
    )
    name = export_file_stem(layer=log.layer, area=filters.area, on=timezone.localdate())
    return query, _about(log, filters), name


def _about(log: ExportLog, filters: ExportFilters) -> dict[str, str]:
    """What the file says about itself (GeoPackage metadata, README.txt, the about sheet)."""
    crs = CRS.from_epsg(log.srid)
    about = {
        "source": "landclaims",
        "layer": log.layer,
        "crs": f"EPSG:{log.srid} ({crs.name})",
        "profile": str(Profile(log.profile).label),
        "exported_at": timezone.localtime().isoformat(timespec="seconds"),
        "filters": ", ".join(_filter_text(k, v, filters) for k, v in log.filters.items()) or "none",
        "export_id": str(log.pk),
    }
    if log.profile == Profile.PUBLIC:
        about["suppression"] = (
            f"counts of people from 1 to {SMALL_COUNT - 1} are left blank; incidents are placed "
            "on a 0.05 degree grid and dated to the month"
        )
    return about


def _filter_text(name: str, value: Any, filters: ExportFilters) -> str:
    """A filter as the file's notes say it: the area by its name, the rest as stored."""
    if name == "area" and filters.area is not None:
        return f"area={filters.area.name_en or filters.area.name_bn}"
    return f"{name}={value}"


def _copy_rows(query: ExportQuery, path: Path, progress: Callable[[int], None] | None) -> None:
    """Run the statement once and store its rows as CSV (PostgreSQL's COPY): the fastest way
    out of the server, and no Python object is made per row or value."""
    with transaction.atomic(), connection.cursor() as cursor:
        # The CSV reader expects ISO dates, whatever the server's default style.
        cursor.execute("SET LOCAL DateStyle = 'ISO, YMD'")
        statement = connection.ops.compose_sql(query.sql, query.params)
        with path.open("wb") as out:
            cursor.copy_expert(
                f"COPY ({statement}) TO STDOUT WITH (FORMAT csv)", _Lines(out, progress)
            )


class _Lines:
    """A file that counts the lines written through it, for progress (a value with a line
    break in it counts twice: good enough for a progress bar)."""

    def __init__(self, out: BinaryIO, progress: Callable[[int], None] | None) -> None:
        self.out = out
        self.progress = progress
        self.lines = 0

    def write(self, data: bytes) -> int:
        if self.progress is not None:
            self.lines += data.count(b"\n")
            self.progress(self.lines)
        return self.out.write(data)


class _ProgressReport:
    """Writes the percentage done to the log row on a connection of its own, so the page
    sees it while the reading transaction is still open."""

    # Reading out of PostgreSQL is most of the work; writing the file gets the last fifth.
    READ_SHARE = 80

    def __init__(self, log: ExportLog) -> None:
        self.log = log
        self.total = max(log.expected_rows or 0, 1)
        self.percent = 0
        self.connection = connections.create_connection("default")

    def copied(self, rows: int) -> None:
        self._report(self.READ_SHARE * rows // self.total)

    def written(self, rows: int) -> None:
        self._report(self.READ_SHARE + (99 - self.READ_SHARE) * rows // self.total)

    def _report(self, percent: int) -> None:
        percent = min(percent, 99)
        if percent <= self.percent:
            return
        self.percent = percent
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ExportLog._meta.db_table} SET progress = %s WHERE id = %s",  # noqa: S608
                [percent, self.log.pk],
            )

    def close(self) -> None:
        self.connection.close()


@transaction.atomic
def mark_log(log: ExportLog, **values: Any) -> None:
    for name, value in values.items():
        setattr(log, name, value)
    ExportLog.objects.filter(pk=log.pk).update(**values)


def _fail(log: ExportLog, error: Exception) -> None:
    # A refusal explains itself; anything else is logged without details that could leak
    # file paths or SQL to the page.
    if isinstance(error, ValidationError):
        message = " ".join(error.messages)
    elif isinstance(error, ExportError):
        message = str(error)
    else:
        message = _("The export failed (%(kind)s); the administrators can see the worker log.") % {
            "kind": type(error).__name__
        }
    mark_log(log, status=ExportLog.Status.FAILED, finished_at=timezone.now(), error=message)


def _finish(log: ExportLog, written: Written) -> ExportResult:
    relative = written.path.relative_to(export_dir())
    mark_log(
        log,
        status=ExportLog.Status.DONE,
        finished_at=timezone.now(),
        progress=100,
        row_count=written.rows,
        file=str(relative),
        size_bytes=written.path.stat().st_size,
        notes=list(written.notes),
    )
    return ExportResult(log=log, path=written.path, rows=written.rows, notes=written.notes)
