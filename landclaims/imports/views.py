"""The /imports/ pages: upload, preview with every row's problems, commit or discard."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

import shapely
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from landclaims.core.forms import add_service_errors
from landclaims.core.permissions import CLAIM_WRITERS, writers_only
from landclaims.imports import services
from landclaims.imports.forms import ImportForm
from landclaims.imports.models import ImportBatch
from landclaims.imports.preview import preview_context
from landclaims.imports.selectors import import_batch_get, import_batch_list

# Read the upload only after checking its declared size: the CSRF check would otherwise
# parse (and spool to disk) a body of any size first. csrf_protect runs right after.


@csrf_exempt
@login_required
@writers_only(CLAIM_WRITERS)
def import_list_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if int(request.META.get("CONTENT_LENGTH") or 0) > _body_limit():
            return _page(request, ImportForm(user=request.user), status=413, too_large=True)
        return _upload(request)
    return _page(request, ImportForm(user=request.user))


def _body_limit() -> int:
    return services.import_limits().max_bytes + 1024 * 1024  # the file plus the form


@csrf_protect
def _upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES, user=request.user)
    if form.is_valid():
        try:
            batch, _report = services.import_upload(
                user=request.user,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                srid=form.cleaned_data["crs"],
                layer_name=form.cleaned_data["layer"] or None,
                geometry_column=form.cleaned_data["geometry_column"] or None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("imports:detail", token=batch.token)
    return _page(request, form, status=400)


def _page(
    request: HttpRequest, form: ImportForm, *, status: int = 200, **extra: Any
) -> HttpResponse:
    batches = import_batch_list(user=request.user)[:20]
    context = {"form": form, "batches": batches, **extra}
    return render(request, "imports/list.html", context, status=status)


def _visible_batch(request: HttpRequest, token: UUID) -> ImportBatch:
    try:
        return import_batch_get(user=request.user, token=token)
    except ImportBatch.DoesNotExist as exc:
        raise Http404(_("No such import.")) from exc


@login_required
@writers_only(CLAIM_WRITERS)
def import_detail_view(request: HttpRequest, token: UUID) -> HttpResponse:
    batch = _visible_batch(request, token)
    context: dict[str, Any] = {"batch": batch}
    if batch.status == ImportBatch.Status.PENDING and batch.created_by_id == request.user.pk:
        try:
            context.update(preview_context(services.import_preview(user=request.user, batch=batch)))
        except ValidationError as error:
            context["refusal"] = " ".join(error.messages)
    return render(request, "imports/detail.html", context)


@login_required
@require_POST
@writers_only(CLAIM_WRITERS)
def import_commit_view(request: HttpRequest, token: UUID) -> HttpResponse:
    batch = _visible_batch(request, token)
    try:
        report = services.import_commit(user=request.user, batch=batch)
    except ValidationError as error:
        context = {"batch": batch, "refusal": " ".join(error.messages)}
        return render(request, "imports/detail.html", context, status=400)
    if not report.committed:
        context = {"batch": batch, **preview_context(report)}
        return render(request, "imports/detail.html", context, status=400)
    messages.success(
        request,
        _("Imported: %(created)d created, %(updated)d updated, %(skipped)d already recorded.")
        % {"created": report.to_create, "updated": report.to_update, "skipped": report.to_skip},
    )
    return redirect("imports:detail", token=token)


@login_required
@require_POST
@writers_only(CLAIM_WRITERS)
def import_discard_view(request: HttpRequest, token: UUID) -> HttpResponse:
    services.import_discard(user=request.user, batch=_visible_batch(request, token))
    messages.success(request, _("The file was discarded; nothing was imported."))
    return redirect("imports:list")


@login_required
@writers_only(CLAIM_WRITERS)
def import_repairs_view(request: HttpRequest, token: UUID) -> HttpResponse:
    """The suggested repairs of invalid boundaries as GeoJSON, to review in a GIS."""
    report = services.import_preview(user=request.user, batch=_visible_batch(request, token))
    features = [
        {
            "type": "Feature",
            "properties": {"row": row},
            "geometry": json.loads(shapely.to_geojson(g)),
        }
        for row, g in sorted(report.repairs.items())
    ]
    response = HttpResponse(
        json.dumps({"type": "FeatureCollection", "features": features}),
        content_type="application/geo+json",
    )
    response["Content-Disposition"] = f'attachment; filename="repairs-{token}.geojson"'
    return response
