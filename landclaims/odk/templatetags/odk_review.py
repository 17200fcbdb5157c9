"""The navbar's link to the field submissions, with the number held for review."""

from __future__ import annotations

from typing import Any

from django import template

from landclaims.core.permissions import has_role
from landclaims.odk.review import REVIEWERS, held_count

register = template.Library()


@register.inclusion_tag("odk/_review_nav.html", takes_context=True)
def field_submissions_nav(context: dict[str, Any], namespace: str = "") -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    shown = user is not None and has_role(user, REVIEWERS)
    return {
        "shown": shown,
        "held": held_count(user) if shown else 0,
        "active": namespace == "odk_review",
    }
