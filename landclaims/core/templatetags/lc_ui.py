"""Small helpers for the design system (Bootstrap 5): `{% load lc_ui %}`.

`{{ ns|nav_in:"claims parcels" }}` marks the navigation's active section;
`{% badge "stage" claim.stage claim.get_stage_display %}` draws a status as a badge whose
colour is chosen in static/css/site.css by its kind and value (one home for status colours).
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def nav_in(namespace: str | None, namespaces: str) -> bool:
    return bool(namespace) and namespace in namespaces.split()


@register.simple_tag
def badge(kind: str, value: object, label: object) -> SafeString:
    """A status badge: `kind` (stage, possession, case-status, order…) and the choice's
    code pick the colour, `label` is what people read (never the code)."""
    return format_html('<span class="badge lc-badge" data-{}="{}">{}</span>', kind, value, label)
