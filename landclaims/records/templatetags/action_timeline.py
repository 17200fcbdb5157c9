"""{% action_timeline record %}: the groups' actions on a claim's, case's, incident's or
group's page, with a "Record an action" link pre-filled with that record (shown to the
roles that record actions)."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from landclaims.actions.models import Action
from landclaims.actions.selectors import (
    action_list_for_case,
    action_list_for_claim,
    action_list_for_group,
    action_list_for_incident,
)
from landclaims.cases.models import LegalCase
from landclaims.claims.models import Claim
from landclaims.core.permissions import GROUP_WORK_WRITERS, may_write
from landclaims.incidents.models import Incident

register = template.Library()


def _actions_of(user: Any, record: Any) -> QuerySet[Action]:
    if isinstance(record, Claim):
        return action_list_for_claim(user=user, claim=record)
    if isinstance(record, LegalCase):
        return action_list_for_case(user=user, case=record)
    if isinstance(record, Incident):
        return action_list_for_incident(user=user, incident=record)
    return action_list_for_group(user=user, group=record)


@register.inclusion_tag("actions/_timeline.html", takes_context=True)
def action_timeline(context: template.Context, record: Any) -> dict[str, Any]:
    user = context["request"].user
    return {
        "actions": _actions_of(user, record),
        "record_link": record_action_link(context, record),
        "show_names": context.get("show_names", False),
    }


@register.simple_tag(takes_context=True)
def record_action_link(context: template.Context, record: Any) -> SafeString:
    if not may_write(context["request"].user, GROUP_WORK_WRITERS):
        return SafeString("")
    param = {"landlessgroup": "group", "legalcase": "case"}.get(
        record._meta.model_name, record._meta.model_name
    )
    url = f"{reverse('actions:new')}?{param}={record.pk}"
    return format_html(
        '<p><a href="{}" class="record-action btn btn-outline-primary" id="record-action">'
        "{}</a></p>",
        url,
        _("Record an action"),
    )
