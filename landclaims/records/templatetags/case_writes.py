"""The case page's per-row write forms (one set per order and per task): a fresh form for
each row, or the one whose save was just refused, with what was typed and its errors."""

from __future__ import annotations

from typing import Any

from django import template

from landclaims.cases.models import CaseTask, InterimOrder
from landclaims.cases.selectors import case_task_assignee_list
from landclaims.core.permissions import CASE_WRITERS, may_write
from landclaims.records.forms.case_orders import (
    ORDER_FORMS,
    CaseNoteForm,
    CaseTaskDoneForm,
    CaseTaskForm,
)

register = template.Library()


def _writer(context: Any) -> bool:
    request = context.get("request")
    return request is not None and may_write(request.user, CASE_WRITERS)


def _or_failed(context: Any, form: Any) -> Any:
    failed = context.get("failed")
    return failed if failed is not None and failed.prefix == form.prefix else form


@register.simple_tag(takes_context=True)
def order_forms(context: Any, order: InterimOrder) -> dict[str, Any] | None:
    """{"vacate": form, "extend": ..., "modify": ..., "comply": ...}; None for a reader."""
    if not _writer(context):
        return None
    return {cls.prefix_name: _or_failed(context, cls(target=order)) for cls in ORDER_FORMS}


@register.simple_tag(takes_context=True)
def task_done_form(context: Any, task: CaseTask) -> Any:
    return _or_failed(context, CaseTaskDoneForm(target=task)) if _writer(context) else None


@register.simple_tag(takes_context=True)
def note_forms(context: Any) -> dict[str, Any] | None:
    """{"note": form, "task": form} for adding a note or a task; None for a reader."""
    if not _writer(context):
        return None
    request, case = context["request"], context["detail"].case
    assignees = case_task_assignee_list(user=request.user, case=case)
    fresh = {"note": CaseNoteForm(), "task": CaseTaskForm(assignees=assignees)}
    return {name: _or_failed(context, form) for name, form in fresh.items()}
