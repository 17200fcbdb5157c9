"""Reads of the read log: an organisation's admins see who read their members' records."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from landclaims.core.models import Role
from landclaims.core.permissions import has_role
from landclaims.privacy.models import PersonalDataRead

LOG_READERS = frozenset({Role.ADMIN})


def read_list(*, user: Any, member_pk: int | None = None) -> QuerySet[PersonalDataRead]:
    """The log rows of the user's organisation, newest first; none for roles other than
    admin."""
    if not has_role(user, LOG_READERS):
        return PersonalDataRead.objects.none()
    reads = PersonalDataRead.objects.visible_to(user).select_related("user")
    if member_pk is not None:
        reads = reads.filter(member_ids__contains=[member_pk])
    return reads
