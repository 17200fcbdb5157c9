"""`{% load group_display %}`, then `{{ group|group_label }}`: a group as a reader who may not
read its name sees it (groups.selectors.group_label)."""

from __future__ import annotations

from django import template

from landclaims.groups.models import LandlessGroup
from landclaims.groups.selectors import group_label as _group_label

register = template.Library()


@register.filter
def group_label(group: LandlessGroup | None) -> str:
    return "" if group is None else _group_label(group)
