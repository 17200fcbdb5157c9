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
from landclaims.exports.forms import ExportForm, export_initial
from landclaims.exports.models import ExportLog
from landclaims.exports.selectors import (
    export_choices_remembered,
    export_get_for_download,
    export_list_recent,
)
from landclaims.exports.services import (
    export_choices_remember,
    export_file_path,
    export_request,
)


@login_required
@require_http_methods(["GET", "POST"])
def export_page(request: HttpRequest) -> HttpResponse:
    remembered = export_choices_remembered(user=request.user)
    initial = export_initial(request.GET, remembered)
    form = ExportForm(request.POST or None, user=request.user, list_areas=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        export_choices_remember(user=request.user, choices=form.choices_to_remember())
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
