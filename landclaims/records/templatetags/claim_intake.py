"""Template helper for the links to claim intake on other records' pages and the map."""

from __future__ import annotations

from typing import Any

from django import template

from landclaims.core.permissions import CLAIM_WRITERS, may_write

register = template.Library()


@register.filter
def writes_claims(user: Any) -> bool:
    """The user's role opens claims (the "Open a claim" links)."""
    return may_write(user, CLAIM_WRITERS)
