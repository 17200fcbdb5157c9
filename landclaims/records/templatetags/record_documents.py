"""{% document_section record %}: a record's "Documents" section (list and upload form),
the same on the case, claim, parcel and group pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from landclaims.core.permissions import may_write
from landclaims.documents.selectors import document_list_for
from landclaims.documents.services import document_writers
from landclaims.records.documents import ANCHOR_BY_MODEL, ANCHORS
from landclaims.records.forms.documents import DocumentUploadForm

register = template.Library()


@register.inclusion_tag("documents/_list.html", takes_context=True)
def document_section(context: template.Context, record: Any) -> dict[str, Any]:
    on = ANCHOR_BY_MODEL[record._meta.model_name]
    link = ANCHORS[on].link
    user = context["request"].user
    return {
        "rows": document_list_for(user=user, **{link: record}),
        "can_upload": may_write(user, document_writers({link: record})),
        "form": DocumentUploadForm(),
        "action": reverse(f"documents:upload_{on}", args=[record.pk]),
        "csrf_token": context.get("csrf_token"),
    }
