"""Writes for documents: a file attached to a claim, case, parcel, allocation or incident."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

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
    unknown = set(links) - set(LINK_FIELDS)
    if unknown:
        raise ValidationError(
            {"links": _("Unknown link: %(names)s.") % {"names": ", ".join(unknown)}}
        )
    anchor = next((obj for obj in links.values() if obj is not None), None)
    if anchor is None:
        raise ValidationError(
            {"links": _("Attach the document to a claim, case, parcel, allocation or incident.")}
        )
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


def _district_of(anchor: Any) -> Any:
    if hasattr(anchor, "district"):
        return anchor.district
    parcel = getattr(anchor, "parcel", anchor)
    return parcel.mouza.district
