"""Money on the cooperative pages: stored in poisha, read in taka."""

from django import template

from landclaims.core.templatetags.lc_format import taka

register = template.Library()


# One definition of how money reads (core/templatetags/lc_format.py), loadable here too.
register.filter("taka", taka)
