"""What the document pages need to know about the records documents are attached to."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from landclaims.cases.selectors import case_get
from landclaims.claims.selectors import claim_get
from landclaims.documents.content import ACCEPTED, extension_of
from landclaims.documents.models import Document
from landclaims.groups.selectors import group_get
from landclaims.parcels.selectors import parcel_get


@dataclass(frozen=True)
class Anchor:
    link: str  # the Document field that points at the record
    get: Callable[..., Any]  # its selector: get(user=, pk=), DoesNotExist when not visible
    page: str  # the URL name of the record's page

    def page_url(self, record: Any) -> str:
        return reverse(self.page, args=[record.pk])


# Keyed by the word in the upload URL (/documents/upload/<on>/<pk>/).
ANCHORS = {
    "case": Anchor("legal_case", case_get, "cases:detail"),
    "claim": Anchor("claim", claim_get, "claims:detail"),
    "parcel": Anchor("parcel", parcel_get, "parcels:detail"),
    "group": Anchor("group", group_get, "groups:detail"),
}
ANCHOR_BY_MODEL = {
    "legalcase": "case",
    "claim": "claim",
    "parcel": "parcel",
    "landlessgroup": "group",
}

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def download_name(document: Document) -> str:
    """The file name a download gets: the title (Bengali kept; characters no file system
    takes replaced) and the extension of the file's sniffed type."""
    extension = next(
        (kind.extensions[0] for kind in ACCEPTED if kind.content_type == document.content_type),
        extension_of(document.file.name),
    )
    stem = _UNSAFE.sub("_", document.title).strip(" ._") or "document"
    return f"{stem[:150]}.{extension}" if extension else stem[:150]
