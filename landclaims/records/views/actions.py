"""Action pages: the list, recording one (from a claim, case, incident or group page), its
page and its correction; and the safety-net checks by union and programme. HTTP in, action
selectors and services, HTTP out."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from landclaims.actions import selectors, services
from landclaims.actions.models import Action, SafetyNetCheck
from landclaims.core.permissions import (
    GROUP_NAME_READERS,
    GROUP_WORK_WRITERS,
    has_role,
    may_write,
    writers_only,
)
from landclaims.records.forms.actions import (
    ActionFilterForm,
    ActionForm,
    SafetyNetCheckForm,
    SafetyNetFilterForm,
)
from landclaims.records.views.case_intake import _organisation

PREFILL = ("claim", "case", "incident", "group")


def _roles(request: HttpRequest) -> dict[str, bool]:
    return {
        "show_names": has_role(request.user, GROUP_NAME_READERS),
        "can_write": may_write(request.user, GROUP_WORK_WRITERS),
    }


def _action_or_404(request: HttpRequest, pk: int) -> Action:
    try:
        return selectors.action_get(user=request.user, pk=pk)
    except Action.DoesNotExist:
        raise Http404(_("No such action.")) from None


def _check_or_404(request: HttpRequest, pk: int) -> SafetyNetCheck:
    try:
        return selectors.safety_net_check_get(user=request.user, pk=pk)
    except SafetyNetCheck.DoesNotExist:
        raise Http404(_("No such check.")) from None


@login_required
def action_list_view(request: HttpRequest) -> HttpResponse:
    form = ActionFilterForm(request.GET or None, user=request.user)
    actions = selectors.action_list_filtered(user=request.user, filters=form.filters())
    page = Paginator(actions, 50).get_page(request.GET.get("page"))
    return render(request, "actions/list.html", {"form": form, "page": page, **_roles(request)})


@login_required
def action_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    context = {"action": _action_or_404(request, pk), **_roles(request)}
    return render(request, "actions/detail.html", context)


@login_required
@writers_only(GROUP_WORK_WRITERS)
def action_new(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    prefill = {k: int(v) for k in PREFILL if (v := request.GET.get(k, "")).isdigit()}
    data = request.POST if request.method == "POST" else None
    form = ActionForm(data, user=request.user, prefill=prefill)
    if data is not None and form.is_valid():
        try:
            action = services.action_create(
                organisation=organisation, **form.values(), by=request.user
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Action recorded."))
            return redirect("actions:detail", pk=action.pk)
    return _form_page(request, "actions/new.html", {"form": form})


@login_required
@writers_only(GROUP_WORK_WRITERS)
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_or_404(request, pk)
    data = request.POST if request.method == "POST" else None
    form = ActionForm(data, user=request.user, action=action)
    if data is not None and form.is_valid():
        try:
            services.action_update(
                action=action, by=request.user, changes=form.values(), **form.concurrency()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Action saved."))
            return redirect("actions:detail", pk=action.pk)
    return _form_page(request, "actions/edit.html", {"form": form, "action": action})


def _form_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    status = 400 if context["form"].errors else 200
    return render(request, template, context, status=status)


@login_required
def safety_net_list_view(request: HttpRequest) -> HttpResponse:
    form = SafetyNetFilterForm(request.GET or None)
    checks = selectors.safety_net_check_list(user=request.user, **form.values())
    context = {
        "form": form,
        "tally": selectors.safety_net_tally(user=request.user, **form.values()),
        "page": Paginator(checks, 50).get_page(request.GET.get("page")),
        **_roles(request),
    }
    return render(request, "actions/safety_nets.html", context)


@login_required
def safety_net_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    context = {"check": _check_or_404(request, pk), **_roles(request)}
    return render(request, "actions/safety_net_detail.html", context)


@login_required
@writers_only(GROUP_WORK_WRITERS)
def safety_net_new(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    data = request.POST if request.method == "POST" else None
    initial = {k: v for k in ("action",) if (v := request.GET.get(k, "")).isdigit()}
    form = SafetyNetCheckForm(data, user=request.user)
    form.initial.update(initial)
    if data is not None and form.is_valid():
        try:
            check = services.safety_net_check_create(
                organisation=organisation, **form.values(), by=request.user
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Check recorded."))
            return redirect("actions:safety_net_detail", pk=check.pk)
    return _form_page(request, "actions/safety_net_new.html", {"form": form})


@login_required
@writers_only(GROUP_WORK_WRITERS)
def safety_net_edit(request: HttpRequest, pk: int) -> HttpResponse:
    check = _check_or_404(request, pk)
    data = request.POST if request.method == "POST" else None
    form = SafetyNetCheckForm(data, user=request.user, check=check)
    if data is not None and form.is_valid():
        try:
            services.safety_net_check_update(
                check=check, by=request.user, changes=form.values(), **form.concurrency()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Check saved."))
            return redirect("actions:safety_net_detail", pk=check.pk)
    context = {"form": form, "check": check}
    return _form_page(request, "actions/safety_net_edit.html", context)
