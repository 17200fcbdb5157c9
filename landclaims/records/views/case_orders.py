"""Writes from a case's page on its orders' life (vacate, extend, modify, compliance) and on
its notes and tasks. Each answers as the other case writes do (records/views/cases.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from landclaims.cases import selectors, services
from landclaims.cases.models import CaseTask, InterimOrder, LegalCase
from landclaims.core.permissions import CASE_WRITERS, writers_only
from landclaims.records.forms.case_orders import (
    CaseNoteForm,
    CaseTaskDoneForm,
    CaseTaskForm,
    OrderComplianceForm,
    OrderExtendForm,
    OrderModifyForm,
    OrderVacateForm,
)
from landclaims.records.views.cases import _case_or_404, _day, _submit


def _order_or_404(request: HttpRequest, pk: int, order_pk: int) -> tuple[LegalCase, InterimOrder]:
    case = _case_or_404(request, pk)
    try:
        return case, selectors.interim_order_get(user=request.user, case=case, pk=order_pk)
    except InterimOrder.DoesNotExist:
        raise Http404(_("No such order.")) from None


@login_required
@require_POST
@writers_only(CASE_WRITERS)
def order_vacate(request: HttpRequest, pk: int, order_pk: int) -> HttpResponse:
    case, order = _order_or_404(request, pk, order_pk)
    form = OrderVacateForm(request.POST, target=order)

    def write(data: dict[str, Any]) -> str:
        services.interim_order_vacate(
            order=order, on=data["on"], note=data["note"], by=request.user, **form.concurrency()
        )
        kind = order.get_kind_display()
        return _("%(order)s vacated on %(on)s.") % {"order": kind, "on": _day(data["on"])}

    return _submit(request, case, form, write)


@login_required
@require_POST
@writers_only(CASE_WRITERS)
def order_extend(request: HttpRequest, pk: int, order_pk: int) -> HttpResponse:
    case, order = _order_or_404(request, pk, order_pk)
    form = OrderExtendForm(request.POST, target=order)

    def write(data: dict[str, Any]) -> str:
        fields = {name: data[name] for name in ("on", "until", "note")}
        services.interim_order_extend(order=order, **fields, by=request.user, **form.concurrency())
        kind = order.get_kind_display()
        return _("%(order)s extended to %(on)s.") % {"order": kind, "on": _day(data["until"])}

    return _submit(request, case, form, write)


@login_required
@require_POST
@writers_only(CASE_WRITERS)
def order_modify(request: HttpRequest, pk: int, order_pk: int) -> HttpResponse:
    case, order = _order_or_404(request, pk, order_pk)
    form = OrderModifyForm(request.POST, target=order)

    def write(data: dict[str, Any]) -> str:
        modified = services.interim_order_modify(
            order=order,
            on=data["on"],
            changes=form.changes(),
            note=data["note"],
            by=request.user,
            **form.concurrency(),
        )
        return _("%(order)s modified.") % {"order": modified.get_kind_display()}

    return _submit(request, case, form, write)


@login_required
@require_POST
@writers_only(CASE_WRITERS)
def order_compliance(request: HttpRequest, pk: int, order_pk: int) -> HttpResponse:
    case, order = _order_or_404(request, pk, order_pk)
    form = OrderComplianceForm(request.POST, target=order)

    def write(data: dict[str, Any]) -> str:
        services.interim_order_record_compliance(
            order=order, on=data["on"], note=data["note"], by=request.user, **form.concurrency()
        )
        return _("Compliance with the %(order)s recorded.") % {"order": order.get_kind_display()}

    return _submit(request, case, form, write)


@login_required
@require_POST
@writers_only(CASE_WRITERS)
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    form = CaseNoteForm(request.POST)

    def write(data: dict[str, Any]) -> str:
        services.case_note_add(
            case=case,
            written_on=data["written_on"],
            text=data["text"],
            by=request.user,
            **form.concurrency(),
        )
        return _("Note added.")

    return _submit(request, case, form, write)


@login_required
@require_POST
@writers_only(CASE_WRITERS)
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    assignees = selectors.case_task_assignee_list(user=request.user, case=case)
    form = CaseTaskForm(request.POST, assignees=assignees)

    def write(data: dict[str, Any]) -> str:
        fields = {name: data[name] for name in ("title", "assignee", "due_on")}
        services.case_task_add(case=case, **fields, by=request.user, **form.concurrency())
        return _("Task added, due %(on)s.") % {"on": _day(data["due_on"])}

    return _submit(request, case, form, write)


@login_required
@require_POST
@writers_only(CASE_WRITERS)
def task_done(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    try:
        task = selectors.case_task_get(user=request.user, case=case, pk=task_pk)
    except CaseTask.DoesNotExist:
        raise Http404(_("No such task.")) from None
    form = CaseTaskDoneForm(request.POST, target=task)

    def write(data: dict[str, Any]) -> str:
        services.case_task_done(task=task, on=data["on"], by=request.user, **form.concurrency())
        return _("Task done: %(title)s.") % {"title": task.title}

    return _submit(request, case, form, write)
