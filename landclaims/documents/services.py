"""Writes for documents: a file attached to a claim, case, parcel, group, allocation or
incident, checked by its content; and the log of who was given a sensitive one."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from landclaims.core.permissions import CASE_WRITERS, CLAIM_WRITERS, require_writer
from landclaims.core.updates import apply_changes
from landclaims.documents import content
from landclaims.documents.models import LINK_FIELDS, Document
from landclaims.documents.scanning import scan
from landclaims.documents.selectors import SENSITIVE, document_may_read
from landclaims.privacy.services import document_read_log


def document_writers(links: Mapping[str, Any]) -> frozenset[str]:
    """Who may attach to (or correct a document of) these records: legal staff and admins
    for a case, claim writers (organisers too) for anything else."""
    return CASE_WRITERS if links.get("legal_case") is not None else CLAIM_WRITERS


@transaction.atomic
def document_add(
    *,
    kind: str,
    title: str,
    file: File,
    by: Any,
    sensitivity: str = Document.Sensitivity.INTERNAL,
    dated_on: date | None = None,
    language: str = Document.Language.BENGALI,
    **links: Any,
) -> Document:
    """Attach a document; its organisation and district come from what it is attached to.

    The file is refused (ValidationError on "file") when it is empty, larger than
    settings.DOCUMENT_MAX_BYTES, not one of the accepted types by its content, named with
    an extension its content does not have, or refused by the scanner."""
    require_writer(by, document_writers(links))
    unknown = set(links) - set(LINK_FIELDS)
    if unknown:
        raise ValidationError(
            {"links": _("Unknown link: %(names)s.") % {"names": ", ".join(unknown)}}
        )
    anchored = [obj for obj in links.values() if obj is not None]
    if not anchored:
        raise ValidationError(
            {
                "links": _(
                    "Attach the document to a claim, case, parcel, group, allocation or incident."
                )
            }
        )
    anchor = anchored[0]
    if any(obj.organisation_id != anchor.organisation_id for obj in anchored):
        raise ValidationError({"links": _("It belongs to another organisation.")})
    found = document_file_check(file=file)
    document = Document(
        organisation_id=anchor.organisation_id,
        district=_district_of(anchor),
        kind=kind,
        title=title.strip(),
        file=file,
        sensitivity=sensitivity,
        dated_on=dated_on,
        language=language,
        content_type=found.content_type,
        size_bytes=file.size,
        sha256=_sha256(file),
        uploaded_by=by,
        **links,
    )
    document.full_clean()
    document.save()
    return document


def document_file_check(*, file: File) -> content.FileType:
    """The file's type by its content, or ValidationError on "file" saying why it is
    refused (checked in this order: empty, too large, type, extension, scanner)."""
    size = file.size or 0
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("The file is %(size)s; the largest accepted is %(limit)s.")
                % {
                    "size": filesizeformat(size),
                    "limit": filesizeformat(settings.DOCUMENT_MAX_BYTES),
                }
            }
        )
    found = content.sniff(file)
    if found is None:
        raise ValidationError(
            {
                "file": _(
                    "This kind of file is not accepted. Accepted: PDF, JPEG, PNG, WebP, plain "
                    "text, and Word, Excel, PowerPoint or OpenDocument files."
                )
            }
        )
    extension = content.extension_of(file.name or "")
    if extension not in found.extensions:
        raise ValidationError(
            {
                "file": _(
                    "The file's name ends in “.%(extension)s” but it is %(found)s: name it "
                    "“.%(expected)s”."
                )
                % {
                    "extension": extension,
                    "found": found.label,
                    "expected": found.extensions[0],
                }
            }
        )
    scan(file)
    return found


# What a document is and who may read it may be corrected; the file and what it is attached
# to (which decide its organisation and district) are fixed.
DOCUMENT_EDITABLE = ("kind", "title", "sensitivity", "dated_on", "language")


@transaction.atomic
def document_update(*, document: Document, by: Any, changes: Mapping[str, Any]) -> Document:
    require_writer(by, document_writers({"legal_case": document.legal_case_id}))
    document = Document.objects.select_for_update().get(pk=document.pk)
    return apply_changes(document, changes, editable=DOCUMENT_EDITABLE)


@transaction.atomic
def document_read(*, user: Any, document: Document, url: str = "") -> File:
    """Open `document`'s file for `user`, who must be allowed its sensitivity
    (PermissionDenied otherwise); a restricted or confidential one is logged in the privacy
    read log first. `document` must come from `document_get` (the user's scope)."""
    if not document_may_read(user, document):
        raise PermissionDenied(_("Your role may not open documents of this sensitivity."))
    if document.sensitivity in SENSITIVE:
        document_read_log(user=user, documents=[document], url=url)
    return document.file.open("rb")


def _sha256(file: File) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _district_of(anchor: Any) -> Any:
    if hasattr(anchor, "district"):
        return anchor.district
    if hasattr(anchor, "village"):  # a landless group
        return anchor.village.union.district
    parcel = getattr(anchor, "parcel", anchor)
    return parcel.mouza.district
