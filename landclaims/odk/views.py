"""The OpenRosa server field phones talk to (/odk/key/<secret>/…) and the phone keys page.

A phone has no session: the key in its server URL says whose phone it is. Every answer to a
phone carries X-OpenRosa-Version; the views only translate HTTP to the services and back.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from landclaims.core.forms import add_service_errors
from landclaims.core.preferences import language_of
from landclaims.core.qr import qr_svg
from landclaims.odk import lists, protocol, xlsforms
from landclaims.odk.forms import PhoneKeyCreateForm, PhoneKeyRevokeForm
from landclaims.odk.models import FieldDevice, Submission
from landclaims.odk.selectors import field_device_find, field_device_get, field_device_list
from landclaims.odk.services import (
    IssuedDevice,
    Received,
    SubmissionRefused,
    field_device_issue,
    field_device_revoke,
    field_device_touch,
    may_send_forms,
    submission_max_bytes,
    submission_receive,
)

PhoneView = Callable[..., HttpResponse]
XML_PART = "xml_submission_file"
INCOMPLETE_PART = "*isIncomplete*"
REFUSED_STATUS = {
    SubmissionRefused.BAD: 400,
    SubmissionRefused.FORBIDDEN: 403,
    SubmissionRefused.CONFLICT: 409,
    SubmissionRefused.TOO_LARGE: 413,
}


def _message(text: str, status: int, *, success: bool = False) -> HttpResponse:
    body = protocol.response_xml(text, success=success)
    return HttpResponse(body, status=status, content_type=protocol.XML_CONTENT_TYPE)


def _language_of(user: Any) -> str:
    # A phone sends no session: its person's choice, else the site's language.
    return language_of(user, default=settings.LANGUAGE_CODE)


def phone_view(view: PhoneView) -> PhoneView:
    """For the views a phone calls: https only (outside DEBUG), the key in the URL must be
    active (401 otherwise, nothing written), answers in the person's language, with the
    OpenRosa headers. No session or CSRF token: a phone has neither."""

    @csrf_exempt
    @wraps(view)
    def answer(request: HttpRequest, secret: str, **kwargs: Any) -> HttpResponse:
        plain = _plain_http(request)
        device = None if plain else field_device_find(secret=secret)
        if plain:
            response = _message(_("Field phones must connect over https://."), 403)
        elif device is None:
            response = _message(_("This phone key is not valid: make a new one."), 401)
        else:
            field_device_touch(device=device)
            with translation.override(_language_of(device.user)):
                try:
                    response = view(request, device, secret, **kwargs)
                except Http404:
                    response = _message(_("There is no such form or list for you."), 404)
        response["X-OpenRosa-Version"] = protocol.OPENROSA_VERSION
        response["Date"] = http_date()
        return response

    return answer


def _plain_http(request: HttpRequest) -> bool:
    # Behind a proxy, is_secure() trusts SECURE_PROXY_SSL_HEADER (see settings.py).
    return not settings.DEBUG and not request.is_secure()


def _url(request: HttpRequest, name: str, secret: str, **kwargs: str) -> str:
    return request.build_absolute_uri(reverse(name, kwargs={"secret": secret, **kwargs}))


def _form(device: FieldDevice, form_id: str) -> xlsforms.BuiltForm:
    for form in xlsforms.forms_for(device.user):
        if form.form_id == form_id:
            return form
    raise Http404


def _cached(request: HttpRequest, md5: str, body: bytes, content_type: str) -> HttpResponse:
    """The file, or 304 when the phone already has this version (If-None-Match)."""
    etag = f'"{md5}"'
    sent = [
        tag.strip().removeprefix("W/")
        for tag in request.headers.get("If-None-Match", "").split(",")
    ]
    response = (
        HttpResponseNotModified() if etag in sent else HttpResponse(body, content_type=content_type)
    )
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


@phone_view
@require_http_methods(["GET", "HEAD"])
def form_list(request: HttpRequest, device: FieldDevice, secret: str) -> HttpResponse:
    wanted = request.GET.get("formID")
    listed = [
        protocol.ListedForm(
            form_id=form.form_id,
            name=form.title,
            version=form.version,
            md5=form.md5,
            download_url=_url(request, "odk:form_xml", secret, form_id=form.form_id),
            manifest_url=_url(request, "odk:manifest", secret, form_id=form.form_id)
            if form.media
            else None,
        )
        for form in xlsforms.forms_for(device.user)
        if wanted in (None, form.form_id)
    ]
    return HttpResponse(protocol.form_list_xml(listed), content_type=protocol.XML_CONTENT_TYPE)


@phone_view
@require_http_methods(["GET", "HEAD"])
def form_xml(request: HttpRequest, device: FieldDevice, secret: str, form_id: str) -> HttpResponse:
    form = _form(device, form_id)
    return _cached(request, form.md5, form.xml, protocol.XML_CONTENT_TYPE)


@phone_view
@require_http_methods(["GET", "HEAD"])
def manifest(request: HttpRequest, device: FieldDevice, secret: str, form_id: str) -> HttpResponse:
    form = _form(device, form_id)
    media = []
    for name in form.media:
        found = lists.media_file(device.user, name)
        if found is not None:
            url = _url(request, "odk:media", secret, form_id=form_id, filename=name)
            media.append(protocol.ListedMedia(filename=name, md5=found.md5, download_url=url))
    return HttpResponse(protocol.manifest_xml(media), content_type=protocol.XML_CONTENT_TYPE)


@phone_view
@require_http_methods(["GET", "HEAD"])
def media(
    request: HttpRequest, device: FieldDevice, secret: str, form_id: str, filename: str
) -> HttpResponse:
    form = _form(device, form_id)
    found = lists.media_file(device.user, filename) if filename in form.media else None
    if found is None:
        raise Http404
    return _cached(request, found.md5, found.content, "text/csv; charset=utf-8")


@phone_view
@require_http_methods(["HEAD", "POST"])
def submission(request: HttpRequest, device: FieldDevice, secret: str) -> HttpResponse:
    if request.method == "HEAD":
        # Collect asks first, then sends at most this much in one POST.
        response = HttpResponse(status=204)
        response["X-OpenRosa-Accept-Content-Length"] = str(submission_max_bytes())
        response["Location"] = _url(request, "odk:submission", secret)
        return response
    upload = request.FILES.get(XML_PART)
    if upload is None:
        return _message(_("The submission has no part named %(part)s.") % {"part": XML_PART}, 400)
    files = [f for key, f in request.FILES.items() if key != XML_PART]
    complete = request.POST.get(INCOMPLETE_PART, "").lower() != "yes"
    return _receive(request, device, upload.read(), files, complete, Submission.Channel.ODK)


@phone_view
@require_http_methods(["POST"])
def kobo(request: HttpRequest, device: FieldDevice, secret: str) -> HttpResponse:
    """KoboToolbox's REST Services, type XML: one submission's XML as the body, no files.
    `?form=lc_group` names the form, since Kobo gives the XML its own asset id."""
    form_id = request.GET.get("form") or None
    return _receive(request, device, request.body, [], True, Submission.Channel.KOBO, form_id)


def _receive(
    request: HttpRequest,
    device: FieldDevice,
    xml: bytes,
    files: list[Any],
    complete: bool,
    channel: str,
    form_id: str | None = None,
) -> HttpResponse:
    try:
        received = submission_receive(
            user=device.user,
            device=device,
            xml=xml,
            files=files,
            complete=complete,
            channel=channel,
            form_id=form_id,
        )
    except SubmissionRefused as refused:
        return _message(refused.message, REFUSED_STATUS[refused.kind])
    except PermissionDenied as denied:
        return _message(str(denied), 403)
    return _message(_received_text(received), 201, success=True)


def _received_text(received: Received) -> str:
    """What Collect shows the sender: whether it became records or waits for a review."""
    if not received.created:
        return _("Received before; kept once.")
    if received.submission.status == Submission.Status.APPLIED:
        return _("Received and recorded.")
    if received.submission.problems:
        return _("Received; it waits for a review on the website before it is recorded.")
    return _("Received.")


# --- the phone keys page (/odk/phones/) ---------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def phones_page(request: HttpRequest) -> HttpResponse:
    form, issued, status = PhoneKeyCreateForm(), None, 200
    if request.method == "POST" and "device" in request.POST:
        _revoke(request)
        return redirect("odk:phones")
    may_add = may_send_forms(request.user)
    if request.method == "POST":
        if not may_add:
            raise PermissionDenied(_("Your role sends no field forms, so it needs no phone key."))
        form = PhoneKeyCreateForm(request.POST)
        if form.is_valid():
            try:
                issued = field_device_issue(user=request.user, name=form.cleaned_data["name"])
            except ValidationError as error:
                add_service_errors(form, error)
        status = 400 if form.errors else 200
    response = render(
        request, "odk/phones.html", _page_context(request, form, issued, may_add), status=status
    )
    # The page that shows a key must not be kept by a browser or proxy.
    response["Cache-Control"] = "no-store"
    return response


def _page_context(
    request: HttpRequest, form: PhoneKeyCreateForm, issued: IssuedDevice | None, may_add: bool
) -> dict[str, Any]:
    context: dict[str, Any] = {
        "form": form,
        "may_add": may_add,
        "field_forms": xlsforms.forms_for(request.user),
        "devices": [
            (device, device.user_id != request.user.pk)
            for device in field_device_list(user=request.user)
        ],
    }
    if issued is not None:
        server_url = request.build_absolute_uri(
            reverse("odk:server", kwargs={"secret": issued.secret})
        )
        context.update(
            issued=issued.device,
            server_url=server_url,
            qr=qr_svg(protocol.collect_settings_code(server_url)),
        )
    return context


def _revoke(request: HttpRequest) -> None:
    form = PhoneKeyRevokeForm(request.POST)
    if not form.is_valid():
        return
    try:
        device = field_device_get(user=request.user, pk=form.cleaned_data["device"])
    except FieldDevice.DoesNotExist:
        return
    field_device_revoke(device=device, by=request.user)
    messages.success(request, _("The key of “%(name)s” is revoked.") % {"name": device.name})


@login_required
@require_http_methods(["GET"])
def xlsform_download(request: HttpRequest, form_id: str) -> HttpResponse:
    """A form the person may send as an XLSForm, for a KoboToolbox project (README)."""
    if form_id not in {form.form_id for form in xlsforms.forms_for(request.user)}:
        raise Http404
    response = HttpResponse(
        xlsforms.xlsform_workbook(form_id),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{form_id}.xlsx"'
    return response
