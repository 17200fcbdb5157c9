"""How the case pages name things in the reader's language: `{% load case_display %}`.

`{{ area|local_name }}` is a place's Bengali name on Bangla pages where it is known, its
English name otherwise (districts, mouzas, villages)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def local_name(area: Any) -> str:
    if area is None:
        return ""
    bangla = (get_language() or "").split("-")[0] == "bn"
    name_bn = getattr(area, "name_bn", "") or ""
    if bangla and name_bn:
        return str(name_bn)
    return str(getattr(area, "name_en", "") or name_bn)
