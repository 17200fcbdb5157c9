"""Money on the dashboard: amounts are held in poisha (1 taka = 100 poisha) and shown in taka."""

from __future__ import annotations

from django import template

from landclaims.core.templatetags.lc_format import taka

register = template.Library()


# One definition of how money reads (core/templatetags/lc_format.py), loadable here too.
register.filter("taka", taka)
