"""Who may change what through the API: the same roles as on the pages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from landclaims.core.permissions import (
    CASE_WRITERS,
    CLAIM_WRITERS,
    GROUP_NAME_READERS,
    has_role,
    may_write,
)
from landclaims.groups.services import GROUP_WRITERS


class _Writers(BasePermission):
    writers: frozenset[str] = frozenset()
    message = _("Your role may look at these records but not change them.")

    def has_permission(self, request: Any, view: Any) -> bool:
        return request.method in SAFE_METHODS or may_write(request.user, self.writers)


class ClaimWriters(_Writers):
    writers = CLAIM_WRITERS


class CaseWriters(_Writers):
    writers = CASE_WRITERS


class GroupWriters(_Writers):
    writers = GROUP_WRITERS


class MemberPeople(BasePermission):
    """Members are people: only the roles that read names reach them, to read or write."""

    message = _("Your role may not see the members of groups.")

    def has_permission(self, request: Any, view: Any) -> bool:
        return has_role(request.user, GROUP_NAME_READERS) and (
            request.method in SAFE_METHODS or may_write(request.user, GROUP_WRITERS)
        )
