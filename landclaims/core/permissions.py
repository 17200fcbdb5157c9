"""Who may change what: reading follows visible_to(); writing also needs a role that writes.

Viewers and monitors read; organisers move claims; legal staff move claims and cases.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from landclaims.core.models import Role
from landclaims.core.scoping import scope_for

CLAIM_WRITERS = frozenset({Role.ADMIN, Role.ORGANISER, Role.LEGAL})
CASE_WRITERS = frozenset({Role.ADMIN, Role.LEGAL})
# A group's work beyond the land (savings, cooperatives, training, actions, seats): recorded
# by the staff who work with the groups.
GROUP_WORK_WRITERS = frozenset({Role.ADMIN, Role.ORGANISER, Role.LEGAL})
# Group names tie people to land; monitors and viewers see counts, not names.
GROUP_NAME_READERS = frozenset({Role.ADMIN, Role.ORGANISER, Role.LEGAL})


def has_role(user: Any, roles: frozenset[str]) -> bool:
    scope = scope_for(user)
    return scope is not None and scope.role in roles


def may_write(user: Any, writers: frozenset[str]) -> bool:
    return has_role(user, writers)


def require_writer(by: Any, writers: frozenset[str]) -> None:
    """The services' check: refuse a person whose role does not write this kind of record.

    `by=None` is a write by the system itself (the demo seeder, scheduled tasks), never by a
    person: every door a person uses (pages, admin, API, commands) passes that person.
    """
    if by is not None and not may_write(by, writers):
        raise PermissionDenied(_("Your role may look at these records but not change them."))


def writers_only(writers: frozenset[str]) -> Callable[[Callable[..., HttpResponse]], Any]:
    """A view decorator refusing users whose role does not write this kind of record."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            # The services refuse the same people; refusing here first answers 403 before
            # the record is looked up or the form is read.
            require_writer(request.user, writers)
            return view(request, *args, **kwargs)

        return guarded

    return decorate
