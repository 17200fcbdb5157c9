"""`{% load member_refs %}`, then `{% member_links ids %}`: links to members by their code (as
every page names a member), never by their database id. Members the reader may not see are
counted, not named."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

from landclaims.core.templatetags.lc_format import num
from landclaims.groups.selectors import member_list

register = template.Library()


@register.simple_tag(takes_context=True)
def member_links(context: template.Context, ids: Iterable[Any] | None) -> SafeString:
    wanted = [int(pk) for pk in ids or ()]
    if not wanted:
        return SafeString("")
    user = context["request"].user
    codes = dict(member_list(user=user).filter(pk__in=wanted).values_list("pk", "code"))
    links = format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((reverse("groups:member", args=[pk]), codes[pk]) for pk in wanted if pk in codes),
    )
    unseen = len([pk for pk in wanted if pk not in codes])
    if not unseen:
        return links
    more = ngettext("%(n)s member you may not see", "%(n)s members you may not see", unseen)
    return format_html("{}{}{}", links, ", " if codes else "", more % {"n": num(unseen)})
