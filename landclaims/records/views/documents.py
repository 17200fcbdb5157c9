"""Documents: uploading one from a record's page, and the one door a file comes out of."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from landclaims.core.permissions import require_writer
from landclaims.documents.models import Document
from landclaims.documents.selectors import document_get
from landclaims.documents.services import document_add, document_read, document_writers
from landclaims.records.documents import ANCHORS, download_name
from landclaims.records.forms.documents import DocumentUploadForm


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    try:
        document = document_get(user=request.user, pk=pk)
    except Document.DoesNotExist:
        raise Http404(_("No such document.")) from None
    opened = document_read(user=request.user, document=document, url=request.get_full_path())
    response = FileResponse(
        opened,
        as_attachment=True,
        filename=download_name(document),
        content_type=document.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int, on: str) -> HttpResponse:
    anchor = ANCHORS[on]
    # The role first (403, as writers_only does), then the record (404).
    require_writer(request.user, document_writers({anchor.link: True}))
    try:
        record = anchor.get(user=request.user, pk=pk)
    except ObjectDoesNotExist:
        raise Http404(_("No such record.")) from None
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document_add(**form.data_for_service(), by=request.user, **{anchor.link: record})
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Document attached."))
            return redirect(anchor.page_url(record) + "#documents")
    # Refused: the form again on a page of its own, errors beside the fields.
    context = {"form": form, "record": record, "back": anchor.page_url(record)}
    return render(request, "documents/upload.html", context, status=400)
