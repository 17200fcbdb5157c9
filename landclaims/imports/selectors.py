"""Reads of the import log, every one starting from what the user may see."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from landclaims.imports.models import ImportBatch


def import_batch_list(*, user: Any) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.visible_to(user).select_related("created_by", "organisation")


def import_batch_get(*, user: Any, token: UUID) -> ImportBatch:
    return import_batch_list(user=user).get(token=token)
