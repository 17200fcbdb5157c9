"""Case intake: opening and editing a case, its parties, appeals, and the lawyer directory."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from landclaims.cases import selectors, services
from landclaims.cases.models import CaseParty, Lawyer
from landclaims.core.models import Membership, Organisation
from landclaims.core.permissions import CASE_WRITERS, may_write, writers_only
from landclaims.records.forms.case_intake import (
    AppealForm,
    CaseEditForm,
    CaseOpenForm,
    LawyerForm,
    PartyAddForm,
    PartyFormSet,
    PartyRemoveForm,
)
from landclaims.records.views.cases import _case_or_404, _submit

PREFILL = ("claim", "parcel", "group")


def _organisation(request: HttpRequest) -> Organisation:
    membership = Membership.objects.filter(user=request.user).select_related("organisation")
    found = membership.first()
    if found is None:  # a superuser of no organisation: the admin is their door
        raise PermissionDenied(_("Your account belongs to no organisation."))
    return found.organisation


def _prefill(request: HttpRequest) -> dict[str, int]:
    return {k: int(v) for k in PREFILL if (v := request.GET.get(k, "")).isdigit()}


@login_required
@writers_only(CASE_WRITERS)
def case_new(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    data = request.POST if request.method == "POST" else None
    form = CaseOpenForm(data, user=request.user, prefill=_prefill(request))
    parties = PartyFormSet(data, form_kwargs={"user": request.user}, prefix="party")
    if data is not None and form.is_valid() and parties.is_valid():
        names = parties.names()
        if form.check_conflicts(request.user, names):
            try:
                case = services.case_create(
                    organisation=organisation,
                    **form.service_kwargs(parties.parties()),
                    by=request.user,
                )
            except ValidationError as error:
                _show_errors(form, parties, error)
            else:
                messages.success(request, _("%(case)s opened.") % {"case": case.display_no})
                return redirect("cases:detail", pk=case.pk)
    context = {"form": form, "parties": parties, "conflicts": getattr(form, "conflicts", [])}
    refused = bool(form.errors or parties.total_error_count())
    return render(request, "cases/new.html", context, status=400 if refused else 200)


def _show_errors(form: CaseOpenForm, parties: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict") and "parties" in error.error_dict:
        parties.add_service_error(error.message_dict["parties"])
        return
    form.add_service_error(error)


@login_required
@writers_only(CASE_WRITERS)
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    data = request.POST if request.method == "POST" else None
    form = CaseEditForm(data, user=request.user, case=case)
    if data is not None and form.is_valid():
        try:
            services.case_update(
                case=case, by=request.user, changes=form.changes(), **form.concurrency()
            )
        except ValidationError as error:
            form.add_service_error(error)
            case = _case_or_404(request, pk)
            form.rebase(case)
        else:
            messages.success(request, _("%(case)s saved.") % {"case": case.display_no})
            return redirect("cases:detail", pk=case.pk)
    context = {"form": form, "case": case}
    return render(request, "cases/edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
@writers_only(CASE_WRITERS)
def party_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    form = PartyAddForm(request.POST, user=request.user, case=case)

    def write(data: dict[str, Any]) -> str:
        fields = {name: data[name] for name in ("side", "role", "name", "member")}
        services.case_add_party(case=case, **fields, by=request.user, **form.concurrency())
        return _("Party added.")

    return _submit(request, case, form, write)


@login_required
@require_POST
@writers_only(CASE_WRITERS)
def party_remove(request: HttpRequest, pk: int, party_pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    try:
        party = selectors.case_party_get(user=request.user, case=case, pk=party_pk)
    except CaseParty.DoesNotExist:
        raise Http404(_("No such party.")) from None
    form = PartyRemoveForm(request.POST)

    def write(data: dict[str, Any]) -> str:
        services.case_remove_party(case=case, party=party, by=request.user, **form.concurrency())
        return _("Party removed.")

    return _submit(request, case, form, write)


@login_required
@writers_only(CASE_WRITERS)
def case_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    data = request.POST if request.method == "POST" else None
    initial = {"version": case.version, "seen_status": case.status, "seen_outcome": case.outcome}
    form = AppealForm(data, case=case, user=request.user, initial=initial)
    if data is not None and form.is_valid():
        names = (
            "case_type",
            "forum_level",
            "court_name",
            "court_name_bn",
            "bench",
            "number",
            "year",
        )
        fields = {name: form.cleaned_data[name] for name in names}
        try:
            higher = services.case_file_appeal(
                case=case,
                **fields,
                filed_on=form.cleaned_data["filed_on"],
                our_role=form.cleaned_data["our_role"],
                by=request.user,
                **form.concurrency(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("%(case)s filed.") % {"case": higher.display_no})
            return redirect("cases:detail", pk=higher.pk)
    status = 400 if form.errors else 200
    return render(request, "cases/appeal.html", {"form": form, "case": case}, status=status)


@login_required
def lawyer_list(request: HttpRequest) -> HttpResponse:
    context = {
        "lawyers": selectors.lawyer_list(user=request.user),
        "writer": may_write(request.user, CASE_WRITERS),
    }
    return render(request, "cases/lawyers.html", context)


@login_required
@writers_only(CASE_WRITERS)
def lawyer_new(request: HttpRequest) -> HttpResponse:
    return _lawyer_form(request, None)


@login_required
@writers_only(CASE_WRITERS)
def lawyer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        lawyer = selectors.lawyer_get(user=request.user, pk=pk)
    except Lawyer.DoesNotExist:
        raise Http404(_("No such lawyer.")) from None
    return _lawyer_form(request, lawyer)


def _lawyer_form(request: HttpRequest, lawyer: Lawyer | None) -> HttpResponse:
    fields = ("name", "phone", "email", "bar", "user")
    initial = {name: getattr(lawyer, name) for name in fields} if lawyer else {}
    data = request.POST if request.method == "POST" else None
    form = LawyerForm(data, user=request.user, initial=initial)
    if data is not None and form.is_valid():
        try:
            if lawyer is None:
                services.lawyer_create(
                    organisation=_organisation(request), **form.cleaned_data, by=request.user
                )
            else:
                services.lawyer_update(lawyer=lawyer, changes=form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Lawyer saved."))
            return redirect("cases:lawyers")
    context = {"form": form, "lawyer": lawyer}
    return render(request, "cases/lawyer_form.html", context, status=400 if form.errors else 200)
