"""Writes for documents: a file attached to a claim, case, parcel, allocation or incident."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from landclaims.core.permissions import CLAIM_WRITERS, require_writer
from landclaims.core.updates import apply_changes
from landclaims.documents.models import LINK_FIELDS, Document


@transaction.atomic
def document_add(
    *,
    kind: str,
    title: str,
    file: File,
    by: Any,
    sensitivity: str = Document.Sensitivity.INTERNAL,
    dated_on: date | None = None,
    **links: Any,
) -> Document:
    """Attach a document; its organisation and district come from what it is attached to."""
    require_writer(by, CLAIM_WRITERS)
    unknown = set(links) - set(LINK_FIELDS)
    if unknown:
        raise ValidationError(
            {"links": _("Unknown link: %(names)s.") % {"names": ", ".join(unknown)}}
        )
    anchored = [obj for obj in links.values() if obj is not None]
    if not anchored:
        raise ValidationError(
            {"links": _("Attach the document to a claim, case, parcel, allocation or incident.")}
        )
    anchor = anchored[0]
    if any(obj.organisation_id != anchor.organisation_id for obj in anchored):
        raise ValidationError({"links": _("It belongs to another organisation.")})
    document = Document(
        organisation_id=anchor.organisation_id,
        district=_district_of(anchor),
        kind=kind,
        title=title,
        file=file,
        sensitivity=sensitivity,
        dated_on=dated_on,
        uploaded_by=by,
        **links,
    )
    document.full_clean()
    document.save()
    return document


# What a document is and who may read it may be corrected; the file and what it is attached
# to (which decide its organisation and district) are fixed.
DOCUMENT_EDITABLE = ("kind", "title", "sensitivity", "dated_on")


@transaction.atomic
def document_update(*, document: Document, by: Any, changes: Mapping[str, Any]) -> Document:
    require_writer(by, CLAIM_WRITERS)
    document = Document.objects.select_for_update().get(pk=document.pk)
    return apply_changes(document, changes, editable=DOCUMENT_EDITABLE)


def _district_of(anchor: Any) -> Any:
    if hasattr(anchor, "district"):
        return anchor.district
    parcel = getattr(anchor, "parcel", anchor)
    return parcel.mouza.district
