"""A group's savings pages: its ledger and months, recording a meeting's collection,
correcting an entry, and a meeting's attendance and decisions. HTTP in, savings selectors
and services, HTTP out."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from landclaims.core.permissions import (
    GROUP_NAME_READERS,
    GROUP_WORK_WRITERS,
    has_role,
    may_write,
    writers_only,
)
from landclaims.groups.models import LandlessGroup
from landclaims.groups.selectors import group_get
from landclaims.records.forms.savings import (
    SavingsCorrectionForm,
    SavingsMeetingEditForm,
    SavingsMeetingForm,
)
from landclaims.savings import selectors, services
from landclaims.savings.models import SavingsEntry, SavingsMeeting


def _group_or_404(request: HttpRequest, pk: int) -> LandlessGroup:
    try:
        return group_get(user=request.user, pk=pk)
    except LandlessGroup.DoesNotExist:
        raise Http404(_("No such group.")) from None


def _context(request: HttpRequest, group: LandlessGroup, **extra: Any) -> dict[str, Any]:
    return {
        "group": group,
        "show_names": has_role(request.user, GROUP_NAME_READERS),
        "can_write": may_write(request.user, GROUP_WORK_WRITERS),
        **extra,
    }


@login_required
def savings_page(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group_or_404(request, pk)
    meetings = selectors.savings_meeting_list(user=request.user, group=group)
    context = _context(
        request,
        group,
        balance=selectors.savings_balance(user=request.user, group=group),
        months=selectors.savings_monthly_totals(user=request.user, group=group),
        ledger=list(selectors.savings_ledger(user=request.user, group=group)),
        meetings=meetings.prefetch_related("entries"),
    )
    return render(request, "savings/group.html", context)


@login_required
@writers_only(GROUP_WORK_WRITERS)
def savings_meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group_or_404(request, pk)
    data = request.POST if request.method == "POST" else None
    form = SavingsMeetingForm(data, group=group)
    if data is not None and form.is_valid():
        try:
            services.savings_meeting_record(group=group, **form.values(), by=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Meeting recorded."))
            return redirect("savings:group", pk=group.pk)
    status = 400 if form.errors else 200
    return render(request, "savings/new.html", _context(request, group, form=form), status=status)


@login_required
@writers_only(GROUP_WORK_WRITERS)
def savings_entry_correct(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    group = _group_or_404(request, pk)
    try:
        entry = selectors.savings_entry_get(user=request.user, pk=entry_pk)
    except SavingsEntry.DoesNotExist:
        raise Http404(_("No such entry.")) from None
    if entry.meeting.group_id != group.pk or entry.kind == SavingsEntry.Kind.CORRECTION:
        raise Http404(_("No such entry."))
    data = request.POST if request.method == "POST" else None
    form = SavingsCorrectionForm(data, entry=entry)
    if data is not None and form.is_valid():
        try:
            services.savings_entry_correct(entry=entry, **form.values(), by=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Correction recorded."))
            return redirect("savings:group", pk=group.pk)
    context = _context(request, group, form=form, entry=entry)
    return render(request, "savings/correct.html", context, status=400 if form.errors else 200)


@login_required
@writers_only(GROUP_WORK_WRITERS)
def savings_meeting_edit(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    group = _group_or_404(request, pk)
    try:
        meeting = selectors.savings_meeting_get(user=request.user, pk=meeting_pk)
    except SavingsMeeting.DoesNotExist:
        raise Http404(_("No such meeting.")) from None
    if meeting.group_id != group.pk:
        raise Http404(_("No such meeting."))
    data = request.POST if request.method == "POST" else None
    form = SavingsMeetingEditForm(data, meeting=meeting)
    if data is not None and form.is_valid():
        try:
            services.savings_meeting_update(
                meeting=meeting,
                by=request.user,
                changes=form.changes(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect("savings:group", pk=group.pk)
    context = _context(request, group, form=form, meeting=meeting)
    return render(request, "savings/meeting_edit.html", context, status=400 if form.errors else 200)
