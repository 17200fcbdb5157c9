"""{% incident_timeline record %}: the incidents on a claim's or group's timeline, and
{% record_incident_link record %}: the "Record an incident" link for a claim, group or
parcel page (shown to the roles that record incidents)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from landclaims.claims.models import Claim
from landclaims.core.permissions import CLAIM_WRITERS, may_write
from landclaims.incidents.selectors import incident_list_for_claim, incident_list_for_group

register = template.Library()


@register.inclusion_tag("incidents/_timeline.html", takes_context=True)
def incident_timeline(context: template.Context, record: Any) -> dict[str, Any]:
    user = context["request"].user
    if isinstance(record, Claim):
        incidents = incident_list_for_claim(user=user, claim=record)
    else:
        incidents = incident_list_for_group(user=user, group=record)
    return {"incidents": incidents}


@register.simple_tag(takes_context=True)
def record_incident_link(context: template.Context, record: Any) -> SafeString:
    if not may_write(context["request"].user, CLAIM_WRITERS):
        return SafeString("")
    name = record._meta.model_name
    param = {"landlessgroup": "group"}.get(name, name)
    url = f"{reverse('incidents:new')}?{param}={record.pk}"
    return format_html(
        '<p><a href="{}" class="record-incident btn btn-outline-primary" id="record-incident">'
        "{}</a></p>",
        url,
        _("Record an incident"),
    )
