"""Template helpers for the links to case intake on other records' pages."""

from __future__ import annotations

from typing import Any

from django import template

from landclaims.core.permissions import CASE_WRITERS, may_write

register = template.Library()


@register.filter
def writes_cases(user: Any) -> bool:
    """The user's role opens and edits cases (the pages' "Open a case" link)."""
    return may_write(user, CASE_WRITERS)
