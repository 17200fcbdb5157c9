"""Writes for field phones: issuing and revoking a phone's key, and receiving what a phone
sends (kept exactly as received, then applied through the services or held for review)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from landclaims.core.keys import key_issue, key_revoke, key_touch
from landclaims.core.models import Membership, Role
from landclaims.core.permissions import has_role
from landclaims.documents import content
from landclaims.documents.storage import private_storage
from landclaims.odk import applying, xlsforms
from landclaims.odk.models import FieldDevice, Submission, SubmissionAttachment
from landclaims.odk.xml import (
    ParsedSubmission,
    SubmissionXmlError,
    answers_of,
    repeat_names,
    submission_parse,
)

# The key travels in the server URL a phone is given: URL-safe characters only.
DEVICE_KEY_PREFIX = "lcp_"
# A phone syncs often; once a minute is enough to tell a phone in use from a lost one.
LAST_USED_RESOLUTION_S = 60


@dataclass(frozen=True)
class IssuedDevice:
    device: FieldDevice
    secret: str  # shown to the person once, never stored


def may_send_forms(user: Any) -> bool:
    """Whether the person's role may send at least one field form."""
    return bool(xlsforms.forms_for(user))


@transaction.atomic
def field_device_issue(*, user: Any, name: str) -> IssuedDevice:
    if not may_send_forms(user):
        raise PermissionDenied(_("Your role sends no field forms, so it needs no phone key."))
    device, secret = key_issue(
        FieldDevice,
        user=user,
        name=name,
        secret_prefix=DEVICE_KEY_PREFIX,
        unnamed=_("Name the key after the phone it goes on."),
    )
    return IssuedDevice(device=device, secret=secret)


def may_revoke(*, device: FieldDevice, by: Any) -> bool:
    """The key's owner, or an admin of the owner's organisation (a lost phone)."""
    if device.user_id == by.pk:
        return True
    return has_role(by, frozenset({Role.ADMIN})) and (
        FieldDevice.objects.visible_to(by).filter(pk=device.pk).exists()
    )


@transaction.atomic
def field_device_revoke(*, device: FieldDevice, by: Any) -> FieldDevice:
    """Stop a key working at once; the row stays so the person sees when it was revoked."""
    if not may_revoke(device=device, by=by):
        raise PermissionDenied(_("Only the key's owner or an administrator may revoke it."))
    return key_revoke(FieldDevice.objects.select_for_update().get(pk=device.pk))


def field_device_touch(*, device: FieldDevice) -> None:
    key_touch(device, every_seconds=LAST_USED_RESOLUTION_S)


# --- receiving a submission ----------------------------------------------------------------


class SubmissionRefused(Exception):
    """A submission refused as a whole (nothing written); `kind` says how to answer."""

    BAD = "bad"  # 400: not XML, no instanceID, unknown form
    FORBIDDEN = "forbidden"  # 403: a form this person may not send
    CONFLICT = "conflict"  # 409: the same instanceID with other XML
    TOO_LARGE = "too_large"  # 413

    def __init__(self, message: str, kind: str = BAD) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind


@dataclass(frozen=True)
class Received:
    submission: Submission
    created: bool  # False: this instance was received before (a retry or the rest of it)
    attachments_added: int


def submission_max_bytes() -> int:
    """The most one POST may carry (the XML and its files), announced to phones as
    X-OpenRosa-Accept-Content-Length; Collect splits a larger submission over several."""
    return int(settings.ODK_SUBMISSION_MAX_BYTES)


def submission_receive(
    *,
    user: Any,
    device: FieldDevice | None,
    xml: bytes,
    files: list[UploadedFile],
    complete: bool,
    channel: str,
    form_id: str | None = None,
) -> Received:
    """Keep a submission as received with its files, then, when complete, apply it; all in
    one transaction.

    `form_id` names the form when the XML's own id does not (KoboToolbox replaces it with
    its asset id). SubmissionRefused, with nothing written, for what cannot be kept."""
    stored: list[str] = []
    try:
        return _receive(user, device, xml, files, complete, channel, form_id, stored)
    except BaseException:
        # The rows are rolled back; the files already written must go with them.
        for name in stored:
            private_storage().delete(name)
        raise


@transaction.atomic
def _receive(
    user: Any,
    device: FieldDevice | None,
    xml: bytes,
    files: list[UploadedFile],
    complete: bool,
    channel: str,
    form_id: str | None,
    stored: list[str],
) -> Received:
    _check_sizes(xml, files)
    try:
        parsed = submission_parse(xml)
    except SubmissionXmlError as error:
        raise SubmissionRefused(str(error)) from error
    form = _form_to_send(user, parsed.form_id if form_id is None else form_id, parsed.form_id)
    if parsed.deprecated_id:
        # An edit of a form sent before would make its records a second time.
        raise SubmissionRefused(
            _("An edited form is not applied again: correct it on the review page instead."),
            SubmissionRefused.CONFLICT,
        )
    submission, created = _submission_keep(user, device, xml, parsed, form, channel)
    added = _attachments_add(submission, files, stored)
    if complete and _to_apply(submission, created=created, added=added):
        submission = applying.submission_apply(submission=submission, by=user)
    return Received(submission=submission, created=created, attachments_added=added)


def _submission_keep(
    user: Any,
    device: FieldDevice | None,
    xml: bytes,
    parsed: ParsedSubmission,
    form: xlsforms.BuiltForm,
    channel: str,
) -> tuple[Submission, bool]:
    """The submission as received, new or (the same XML sent again) the one kept before."""
    digest = hashlib.sha256(xml).hexdigest()
    kept = Submission.objects.select_for_update().filter(instance_id=parsed.instance_id).first()
    if kept is not None:
        if kept.xml_sha256 != digest or kept.submitted_by_id != user.pk:
            raise SubmissionRefused(
                _("A different submission with this instanceID was received before."),
                SubmissionRefused.CONFLICT,
            )
        return kept, False
    submission = Submission(
        organisation=_organisation_of(user),
        submitted_by=user,
        device=device,
        channel=channel,
        form_id=form.form_id,
        form_version=parsed.version[:64],
        instance_id=parsed.instance_id,
        xml=xml,
        xml_sha256=digest,
        status=Submission.Status.HELD,
        answers=answers_of(parsed.root, repeats=repeat_names(form.xml)),
    )
    submission.full_clean()
    submission.save()
    return submission, True


def _to_apply(submission: Submission, *, created: bool, added: int) -> bool:
    """Applied once only. A held one is tried again when files it lacked have come, and one
    never tried yet (its first POSTs were incomplete: no problems recorded) when the last
    part comes, even with no file of its own."""
    if submission.status != Submission.Status.HELD:
        return False
    return created or added > 0 or not submission.problems


def _check_sizes(xml: bytes, files: list[UploadedFile]) -> None:
    limit = settings.DOCUMENT_MAX_BYTES
    for upload in files:
        if (upload.size or 0) > limit:
            raise SubmissionRefused(
                _("The file %(name)s is %(size)s; the largest accepted is %(limit)s.")
                % {
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(limit),
                },
                SubmissionRefused.TOO_LARGE,
            )
    total = len(xml) + sum(upload.size or 0 for upload in files)
    if total > submission_max_bytes():
        raise SubmissionRefused(
            _("The submission is %(size)s; send at most %(limit)s at once.")
            % {"size": filesizeformat(total), "limit": filesizeformat(submission_max_bytes())},
            SubmissionRefused.TOO_LARGE,
        )


def _form_to_send(user: Any, form_id: str, sent_id: str) -> xlsforms.BuiltForm:
    if form_id not in xlsforms.FORM_IDS:
        raise SubmissionRefused(
            _("The form “%(form)s” is not one of landclaims' forms.") % {"form": sent_id}
        )
    for form in xlsforms.forms_for(user):
        if form.form_id == form_id:
            return form
    raise SubmissionRefused(
        _("Your role may not send the form “%(form)s”.") % {"form": form_id},
        SubmissionRefused.FORBIDDEN,
    )


def _organisation_of(user: Any) -> Any:
    membership = Membership.objects.filter(user=user).select_related("organisation").first()
    if membership is None:
        raise SubmissionRefused(
            _("Your account belongs to no organisation: ask an administrator."),
            SubmissionRefused.FORBIDDEN,
        )
    return membership.organisation


def _attachments_add(submission: Submission, files: list[UploadedFile], stored: list[str]) -> int:
    """Store the files not stored yet (a retry sends them again); the number added."""
    have = set(submission.attachments.values_list("name", flat=True))
    added = 0
    for upload in files:
        name = _safe_name(upload.name or "")
        if name in have:
            continue
        data = upload.read()
        found = content.sniff(io.BytesIO(data))
        attachment = SubmissionAttachment(
            submission=submission,
            name=name,
            content_type=found.content_type if found else (upload.content_type or "")[:100],
            size_bytes=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
        # Stored under its checksum: the name a phone chose may be long or odd (the field
        # keeps 100 characters); `name` keeps it as the answers say it.
        stored_name = get_valid_filename(attachment.sha256[:32] + PurePath(name).suffix[:10])
        attachment.file.save(stored_name, ContentFile(data), save=False)
        stored.append(attachment.file.name)
        attachment.full_clean()
        attachment.save()
        have.add(name)
        added += 1
    return added


def _safe_name(name: str) -> str:
    """The file name as the answers name it, without any path a client put before it."""
    base = PurePath(name.replace("\\", "/")).name.strip()[:255]
    if not base or base in (".", ".."):
        raise SubmissionRefused(_("An attached file has no name."))
    return base
