"""Reads of documents, starting from what the user may see.

Who may open a document, by its sensitivity (README, "Documents"):

- public and internal: whoever may see the record it is attached to;
- restricted (it names people): the roles that may read names (GROUP_NAME_READERS: admins,
  legal staff, organisers); monitors and viewers see that it exists, not its title;
- confidential: admins and legal staff, and whoever uploaded it.

Opening a restricted or confidential one is logged in the privacy read log
(documents.services.document_read).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet

from landclaims.core.models import Role
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.documents.models import LINK_FIELDS, Document

CONFIDENTIAL_READERS = frozenset({Role.ADMIN, Role.LEGAL})
SENSITIVE = frozenset({Document.Sensitivity.RESTRICTED, Document.Sensitivity.CONFIDENTIAL})
_READERS = {
    Document.Sensitivity.RESTRICTED: GROUP_NAME_READERS,
    Document.Sensitivity.CONFIDENTIAL: CONFIDENTIAL_READERS,
}


def document_list(*, user: Any) -> QuerySet[Document]:
    return Document.objects.visible_to(user)


def document_get(*, user: Any, pk: int) -> Document:
    """A document the user may see (Document.DoesNotExist otherwise, as for one that does
    not exist); whether they may open it is `document_may_read`."""
    return Document.objects.visible_to(user).get(pk=pk)


def document_may_read(user: Any, document: Document) -> bool:
    """Whether `user`, who may see `document`, may open it and read its title."""
    readers = _READERS.get(document.sensitivity)
    if readers is None:
        return True
    if document.uploaded_by_id is not None and document.uploaded_by_id == user.pk:
        return True
    return has_role(user, readers)


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    may_read: bool  # False: listed without its title and without a download link


def document_list_for(*, user: Any, **link: Any) -> list[DocumentRow]:
    """The documents attached to one record (`claim=`, `legal_case=`, `parcel=`, `group=`...)
    that the user may see, newest first, each saying whether the user may open it."""
    (name, record), *rest = link.items()
    if rest or name not in LINK_FIELDS:
        raise TypeError("document_list_for takes exactly one of " + ", ".join(LINK_FIELDS))
    documents = (
        document_list(user=user)
        .filter(**{name: record})
        .order_by(F("dated_on").desc(nulls_last=True), "-id")
    )
    return [DocumentRow(document, document_may_read(user, document)) for document in documents]
