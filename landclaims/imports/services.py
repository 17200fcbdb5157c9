"""Writes for imports: one service behind the import_layer command and the /imports/ page.

A file is staged and checked by gis.vector_read (hostile content refused before GDAL sees
it), every row is checked by the rules of the records it becomes, and only when no row
has a problem is anything written: all rows in one transaction, logged as an ImportBatch.
A dry run checks the same way inside a transaction that is rolled back.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import DataError, IntegrityError, connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from gis import vector_read
from gis.vector_read import Layer, Limits, UploadRefused
from landclaims.claims.models import Claim
from landclaims.core.models import Organisation, Role
from landclaims.core.permissions import CLAIM_WRITERS, has_role
from landclaims.core.scoping import scope_for
from landclaims.imports import areas, claims, parcels
from landclaims.imports.columns import Column
from landclaims.imports.models import ImportBatch, ImportKind
from landclaims.imports.problems import ImportRefused, ImportReport
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea

ADMIN_ONLY = frozenset({Role.ADMIN})


@dataclass(frozen=True)
class Importer:
    """How one kind of record is checked and loaded, and who may import it."""

    check: Callable[..., Any]
    load: Callable[[Any, ImportReport], int]  # writes the plan, adds the ids to the report
    writers: frozenset[str]
    columns: tuple[Column, ...]  # what the file holds: the page's list, the templates
    geometry: str | None  # the geometry type a template holds; None: geometry is ignored
    model: type[Model]  # what each created row becomes

    @property
    def needs_geometry(self) -> bool:  # False: geometry is ignored, so no CRS is needed
        return self.geometry is not None


IMPORTERS: dict[str, Importer] = {
    ImportKind.PARCELS: Importer(
        parcels.check_parcels, parcels.load_parcels, CLAIM_WRITERS, parcels.COLUMNS,
        parcels.GEOMETRY, Parcel,
    ),
    ImportKind.ADMIN_AREAS: Importer(
        areas.check_areas, areas.load_areas, ADMIN_ONLY, areas.COLUMNS, areas.GEOMETRY,
        AdminArea,
    ),
    ImportKind.CLAIMS: Importer(
        claims.check_claims, claims.load_claims, CLAIM_WRITERS, claims.COLUMNS,
        claims.GEOMETRY, Claim,
    ),
}  # fmt: skip


def import_limits() -> Limits:
    return Limits(max_bytes=settings.IMPORT_MAX_UPLOAD_MB * vector_read.MiB)


def may_import(user: Any, kind: str) -> bool:
    return kind in IMPORTERS and has_role(user, IMPORTERS[kind].writers)


def import_organisation(*, user: Any, slug: str | None = None) -> Organisation | None:
    """The organisation an import belongs to: the user's own; a superuser names one."""
    scope = scope_for(user)
    if scope is None:
        raise PermissionDenied(_("You may not import files."))
    if scope.organisation_id is not None:
        organisation = Organisation.objects.get(pk=scope.organisation_id)
        if slug and slug != organisation.slug:
            raise PermissionDenied(_("You may import only for your own organisation."))
        return organisation
    if not slug:
        return None
    try:
        return Organisation.objects.get(slug=slug)
    except Organisation.DoesNotExist as exc:
        raise ValidationError(
            {"organisation": _("No organisation “%(slug)s”.") % {"slug": slug}}
        ) from exc


@transaction.atomic
def layer_import(
    *,
    user: Any,
    source: Path,
    kind: str,
    organisation: Organisation | None = None,
    srid: int | None = None,
    layer_name: str | None = None,
    dry_run: bool = False,
    file_name: str | None = None,
    batch: ImportBatch | None = None,
    geometry_column: str | None = None,
) -> ImportReport:
    """Check every row of the file at `source` as records of `kind` and, unless `dry_run`
    or any row has a problem, write them all in this one transaction.

    Raises PermissionDenied for a role that may not import `kind` and ImportRefused for a
    file refused as a whole (unsafe, unreadable, no CRS, missing columns).
    """
    importer = _importer_for(user, kind)
    organisation = _checked_organisation(user, kind, organisation)
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="import-", dir=_work_root()))
    try:
        prepared = _prepare(source, workdir, file_name)
        staged = time.perf_counter()
        layer = _read(prepared, srid, layer_name, importer.needs_geometry, geometry_column)
        report = _new_report(kind, prepared, layer)
        read = time.perf_counter()
        with _without_cyclic_gc():
            plan = importer.check(layer, organisation=organisation, user=user, report=report)
            checked = time.perf_counter()
            if report.ok and not dry_run:
                _load(importer, plan, report)
                report.committed = True
        if report.committed:
            name = file_name or source.name
            batch = batch or ImportBatch(
                organisation=organisation, created_by=user, kind=kind, file_name=name[:255],
                requested_srid=srid, layer_name=layer_name or "",
                geometry_column=geometry_column or "",
            )  # fmt: skip
            _log(batch, report, _file_sha256(source, workdir))
            report.batch_id = batch.pk
        else:
            # Checking may have touched temporary tables; a dry run leaves nothing behind.
            transaction.set_rollback(True)
        done = time.perf_counter()
    finally:
        vector_read.remove_workdir(workdir)
    report.seconds = {
        "stage": round(staged - started, 3),
        "read": round(read - staged, 3),
        "check": round(checked - read, 3),
        "load": round(done - checked, 3),
    }
    return report


@contextlib.contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Checking 100,000 rows allocates millions of small, acyclic objects; Python's cycle
    collector would walk them over and over (a quarter of the check's time). Reference
    counting still frees them; the collector is back on as soon as the import is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(importer: Importer, plan: Any, report: ImportReport) -> None:
    """Write the checked rows. The database checks them once more; should it refuse one
    (another import recorded the same dag meanwhile), the whole import is refused."""
    try:
        importer.load(plan, report)
        with connection.cursor() as cursor:
            # The deferred foreign-key checks now, inside this try, rather than at COMMIT.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    except (IntegrityError, DataError) as error:
        raise ImportRefused(
            "refused_by_database",
            _("The database refused the rows (%(error)s); nothing was written. Check again.")
            % {"error": str(error).splitlines()[0]},
        ) from error


def _importer_for(user: Any, kind: str) -> Importer:
    if kind not in IMPORTERS:
        raise ValidationError({"kind": _("Unknown kind of import “%(kind)s”.") % {"kind": kind}})
    if not may_import(user, kind):
        raise PermissionDenied(_("Your role may not import %(kind)s.") % {"kind": kind})
    return IMPORTERS[kind]


def _checked_organisation(user: Any, kind: str, organisation: Organisation | None) -> Any:
    own = import_organisation(user=user, slug=organisation.slug if organisation else None)
    if own is None and kind != ImportKind.ADMIN_AREAS:
        raise ValidationError(
            {"organisation": _("Name the organisation the records belong to (--organisation).")}
        )
    return own


def _work_root() -> Path:
    root = Path(settings.IMPORT_DIR) / "work"
    root.mkdir(parents=True, exist_ok=True)
    return root


def _prepare(source: Path, workdir: Path, file_name: str | None) -> vector_read.PreparedUpload:
    try:
        return vector_read.prepare_upload(source, workdir, name=file_name, limits=import_limits())
    except UploadRefused as refused:
        raise _refusal(refused) from refused


def _read(
    prepared: vector_read.PreparedUpload,
    srid: int | None,
    layer: str | None,
    geometry: bool,
    geometry_column: str | None,
) -> Layer:
    try:
        return vector_read.read_layer(
            prepared, srid=srid, layer=layer, limits=import_limits(), read_geometry=geometry,
            geometry_column=geometry_column,
        )  # fmt: skip
    except UploadRefused as refused:
        raise _refusal(refused) from refused


def _refusal(refused: UploadRefused) -> ImportRefused:
    """gis's refusal as the import's, in the user's language where it has a wording here."""
    wordings = {
        "unknown_encoding": _(
            "The .cpg file names the text encoding “%(encoding)s”, which landclaims cannot "
            "read; save the shapefile with UTF-8 text."
        ),
        "no_such_column": _(
            "No column “%(column)s” to read the boundaries or locations from; the file's "
            "columns are: %(columns)s."
        ),
    }
    wording = wordings.get(refused.code)
    message = wording % refused.params if wording and refused.params else refused.message
    return ImportRefused(refused.code, message)


def _new_report(kind: str, prepared: vector_read.PreparedUpload, layer: Layer) -> ImportReport:
    return ImportReport(
        kind=kind,
        file_format=prepared.format.value,
        rows=layer.row_count,
        source_srid=layer.source_srid,
        notes=list(layer.notes),
        geoms=layer.geoms,
    )


def _file_sha256(source: Path, workdir: Path) -> str:
    """The SHA-256 of the file the user has (the zip itself, not its unpacked parts); for a
    folder of shapefile parts, which has none, of the parts as staged, in name order."""
    digest = hashlib.sha256()
    for path in [source] if source.is_file() else sorted(workdir.iterdir()):
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def _log(batch: ImportBatch, report: ImportReport, sha256: str) -> None:
    batch.file_sha256 = sha256
    batch.file_format = report.file_format
    batch.source_srid = report.source_srid
    batch.rows = report.rows
    batch.problem_count = len(report.problems)
    batch.created_count = report.to_create
    batch.skipped_count = report.to_skip
    batch.updated_count = report.to_update
    batch.created_ranges = id_ranges(report.created_ids)
    batch.status = ImportBatch.Status.COMMITTED
    batch.committed_at = timezone.now()
    batch.full_clean()
    batch.save()


def id_ranges(ids: list[int]) -> list[list[int]]:
    """Ids as sorted [first, last] runs: [1, 2, 3, 7] -> [[1, 3], [7, 7]]."""
    ranges: list[list[int]] = []
    for pk in sorted(ids):
        if ranges and pk == ranges[-1][1] + 1:
            ranges[-1][1] = pk
        else:
            ranges.append([pk, pk])
    return ranges


# --- the page: upload, preview, commit ---------------------------------------------------


def _upload_dir(batch: ImportBatch) -> Path:
    return Path(settings.IMPORT_DIR) / "pending" / str(batch.token)


def stored_upload(batch: ImportBatch) -> Path:
    return _upload_dir(batch) / "upload"


@transaction.atomic
def import_upload(
    *,
    user: Any,
    upload: UploadedFile,
    kind: str,
    srid: int | None = None,
    layer_name: str | None = None,
    geometry_column: str | None = None,
) -> tuple[ImportBatch, ImportReport]:
    """Keep an uploaded file for preview and check it (a dry run). A refused file is
    deleted and leaves no trace; otherwise a pending ImportBatch waits for confirmation."""
    _importer_for(user, kind)  # refuses roles that may not import this kind
    organisation = _checked_organisation(user, kind, None)
    limit = import_limits().max_bytes
    if upload.size is not None and upload.size > limit:
        raise ImportRefused(
            "too_large",
            _("The file is %(size).1f MiB; at most %(limit)d MiB.")
            % {"size": upload.size / vector_read.MiB, "limit": limit // vector_read.MiB},
        )
    batch = ImportBatch(
        organisation=organisation,
        created_by=user,
        kind=kind,
        file_name=(upload.name or "upload")[:255],
        requested_srid=srid,
        layer_name=layer_name or "",
        geometry_column=geometry_column or "",
    )
    path = stored_upload(batch)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        _store(upload, path, limit)
        report = layer_import(
            user=user, source=path, kind=kind, organisation=organisation, srid=srid,
            layer_name=layer_name, dry_run=True, file_name=upload.name,
            geometry_column=geometry_column,
        )  # fmt: skip
    except BaseException:
        shutil.rmtree(path.parent, ignore_errors=True)
        raise
    batch.file_sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    _count(batch, report)
    batch.full_clean()
    batch.save()
    return batch, report


def _store(upload: UploadedFile, path: Path, limit: int) -> None:
    written = 0
    with path.open("xb") as out:
        for chunk in upload.chunks():
            written += len(chunk)
            if written > limit:
                raise ImportRefused(
                    "too_large", _("The file is larger than %(limit)d MiB.") % {"limit": limit}
                )
            out.write(chunk)


def _count(batch: ImportBatch, report: ImportReport) -> None:
    batch.file_format = report.file_format
    batch.source_srid = report.source_srid
    batch.rows = report.rows
    batch.problem_count = len(report.problems)
    batch.created_count = report.to_create
    batch.skipped_count = report.to_skip
    batch.updated_count = report.to_update


def import_preview(*, user: Any, batch: ImportBatch) -> ImportReport:
    """Check a pending upload again (a dry run): the records may have changed since."""
    _check_pending(user, batch)
    return layer_import(
        user=user, source=stored_upload(batch), kind=batch.kind,
        organisation=batch.organisation, srid=batch.requested_srid,
        layer_name=batch.layer_name or None, dry_run=True, file_name=batch.file_name,
        geometry_column=batch.geometry_column or None,
    )  # fmt: skip


@transaction.atomic
def import_commit(*, user: Any, batch: ImportBatch) -> ImportReport:
    """Check the pending upload once more and, when no row has a problem, write it all."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    _check_pending(user, batch)
    report = layer_import(
        user=user, source=stored_upload(batch), kind=batch.kind,
        organisation=batch.organisation, srid=batch.requested_srid,
        layer_name=batch.layer_name or None, file_name=batch.file_name, batch=batch,
        geometry_column=batch.geometry_column or None,
    )  # fmt: skip
    if report.committed:
        transaction.on_commit(lambda: shutil.rmtree(_upload_dir(batch), ignore_errors=True))
    else:
        _count(batch, report)
        batch.save()
    return report


@transaction.atomic
def import_discard(*, user: Any, batch: ImportBatch) -> ImportBatch:
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    _check_pending(user, batch)
    batch.status = ImportBatch.Status.DISCARDED
    batch.full_clean()
    batch.save()
    transaction.on_commit(lambda: shutil.rmtree(_upload_dir(batch), ignore_errors=True))
    return batch


def _check_pending(user: Any, batch: ImportBatch) -> None:
    if batch.created_by_id != getattr(user, "pk", None):
        raise PermissionDenied(_("Only the person who uploaded a file may commit or discard it."))
    if batch.status != ImportBatch.Status.PENDING:
        raise ValidationError(
            _("This import is already %(status)s.") % {"status": batch.get_status_display()}
        )


# Retention --------------------------------------------------------------------------------


def import_prune(*, now: datetime, keep: timedelta) -> int:
    """Discard uploads left waiting for confirmation longer than `keep`, with their files,
    and working copies a crashed import left behind. Returns the uploads discarded."""
    stale = ImportBatch.objects.filter(status=ImportBatch.Status.PENDING, created_at__lt=now - keep)
    batches = list(stale)
    stale.update(status=ImportBatch.Status.DISCARDED)
    for batch in batches:
        shutil.rmtree(_upload_dir(batch), ignore_errors=True)
    work = _work_root()
    for leftover in work.iterdir() if work.is_dir() else ():
        if leftover.stat().st_mtime < (now - keep).timestamp():
            shutil.rmtree(leftover, ignore_errors=True)
    return len(batches)
