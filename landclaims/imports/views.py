"""The /imports/ pages: upload, preview with every row's problems, commit or discard."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

import shapely
from django.conf import settings
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
from landclaims.core.text import ascii_digits
from landclaims.imports import services, template_files
from landclaims.imports.forms import ImportForm
from landclaims.imports.models import ImportBatch
from landclaims.imports.preview import column_guide, preview_context, preview_features
from landclaims.imports.selectors import (
    import_batch_get,
    import_batch_list,
    import_created_page,
)
from landclaims.imports.services import IMPORTERS

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
    guide = column_guide(user=request.user)
    context = {"form": form, "batches": batches, "guide": guide, **extra}
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
    if batch.status == ImportBatch.Status.COMMITTED:
        page = import_created_page(
            user=request.user, batch=batch, model=IMPORTERS[batch.kind].model,
            page=_page_number(request),
        )  # fmt: skip
        context["created"] = page
    if batch.status == ImportBatch.Status.PENDING and batch.created_by_id == request.user.pk:
        try:
            context.update(preview_context(services.import_preview(user=request.user, batch=batch)))
            context.update(basemap_url=settings.MAP_BASEMAP_URL,
                           basemap_attribution=settings.MAP_BASEMAP_ATTRIBUTION)  # fmt: skip
        except ValidationError as error:
            context["refusal"] = " ".join(error.messages)
    return render(request, "imports/detail.html", context)


def _page_number(request: HttpRequest) -> int:
    text = ascii_digits(request.GET.get("page", "1"))
    return int(text) if text.isdigit() and len(text) < 9 else 1


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


@login_required
@writers_only(CLAIM_WRITERS)
def import_rows_view(request: HttpRequest, token: UUID) -> HttpResponse:
    """The uploaded rows' geometries, problem rows marked, for the preview map."""
    report = services.import_preview(user=request.user, batch=_visible_batch(request, token))
    return HttpResponse(json.dumps(preview_features(report)), content_type="application/geo+json")


@login_required
@writers_only(CLAIM_WRITERS)
def import_template_view(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """A file to fill in: the columns of `kind`, one example row, as GeoPackage or CSV."""
    if fmt not in template_files.FORMATS or not services.may_import(request.user, kind):
        raise Http404(_("No such template."))
    data = template_files.template_bytes(kind=kind, fmt=fmt, user=request.user)
    response = HttpResponse(data, content_type=template_files.FORMATS[fmt])
    name = template_files.template_name(kind, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
