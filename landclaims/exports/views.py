"""The exports page, and downloads that only the person who made the export can fetch."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gis.vector_write import FORMATS, Format
from landclaims.core.forms import add_service_errors
from landclaims.exports.forms import ExportForm
from landclaims.exports.models import ExportLog
from landclaims.exports.selectors import export_get_for_download, export_list_recent
from landclaims.exports.services import export_file_path, export_request

# Map filters a link from the map (or a group, claim or case page) may carry in.
FILTER_PARAMS = ("area", "group", "claim", "case")


@login_required
@require_http_methods(["GET", "POST"])
def export_page(request: HttpRequest) -> HttpResponse:
    form = ExportForm(
        request.POST or None, user=request.user, list_areas=True, initial=_initial(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            log = export_request(
                user=request.user, via=ExportLog.Via.PAGE, **form.export_arguments()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _message(log))
            return redirect("exports:index")
    recent = list(export_list_recent(user=request.user))
    context = {"form": form, "recent": recent, "refresh": any(log.is_pending for log in recent)}
    return render(request, "exports/index.html", context, status=400 if form.errors else 200)


def _initial(request: HttpRequest) -> dict[str, object]:
    initial: dict[str, object] = {k: request.GET[k] for k in FILTER_PARAMS if request.GET.get(k)}
    for name in ("stage", "possession"):
        if request.GET.getlist(name):
            initial[name] = request.GET.getlist(name)
    return initial


def _message(log: ExportLog) -> str:
    if log.status == ExportLog.Status.DONE:
        return _("Your export is ready: %(rows)d rows.") % {"rows": log.row_count}
    if log.status == ExportLog.Status.FAILED:
        return _("The export failed: %(error)s") % {"error": log.error}
    return _(
        "Your export of about %(rows)d rows runs in the background; this page shows its progress."
    ) % {"rows": log.expected_rows or 0}


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    try:
        log = export_get_for_download(user=request.user, pk=pk)
        path = export_file_path(log)
    except ExportLog.DoesNotExist as missing:
        raise Http404 from missing
    if not path.is_file():
        raise Http404
    media_type = FORMATS[Format(log.file_format)].media_type
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=path.name, content_type=media_type
    )
