"""Reads of documents, starting from what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from landclaims.documents.models import Document


def document_list(*, user: Any) -> QuerySet[Document]:
    return Document.objects.visible_to(user)
