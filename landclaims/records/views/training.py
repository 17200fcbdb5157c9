"""Training pages: the list, recording a training, its page, its correction and its
attendance. HTTP in, training selectors and services, HTTP out."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from landclaims.core.forms import add_service_errors
from landclaims.core.permissions import (
    GROUP_NAME_READERS,
    GROUP_WORK_WRITERS,
    has_role,
    may_write,
    writers_only,
)
from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.selectors import with_labels
from landclaims.records.forms.training import (
    AttendanceForm,
    AttendanceRows,
    TrainingFilterForm,
    TrainingForm,
    attendance_rows,
)
from landclaims.records.views.case_intake import _organisation
from landclaims.training import selectors, services
from landclaims.training.models import Topic, TrainingEvent


def _event_or_404(request: HttpRequest, pk: int) -> TrainingEvent:
    try:
        return selectors.training_get(user=request.user, pk=pk)
    except TrainingEvent.DoesNotExist:
        raise Http404(_("No such training.")) from None


@login_required
def training_list_view(request: HttpRequest) -> HttpResponse:
    form = TrainingFilterForm(request.GET or None, user=request.user)
    events = selectors.training_list_filtered(user=request.user, filters=form.filters())
    context = {
        "form": form,
        "page": Paginator(events, 50).get_page(request.GET.get("page")),
        "can_write": may_write(request.user, GROUP_WORK_WRITERS),
    }
    return render(request, "training/list.html", context)


@login_required
def training_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    context = {
        "event": event,
        "topics": [Topic(topic).label for topic in event.topics],
        "rows": selectors.training_group_attendance(user=request.user, event=event),
        "members": selectors.training_member_list(user=request.user, event=event),
        "show_names": has_role(request.user, GROUP_NAME_READERS),
        "can_write": may_write(request.user, GROUP_WORK_WRITERS),
    }
    return render(request, "training/detail.html", context)


@login_required
@writers_only(GROUP_WORK_WRITERS)
def training_new(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    data = request.POST if request.method == "POST" else None
    form = TrainingForm(data, user=request.user)
    if data is not None and form.is_valid():
        try:
            event = services.training_event_create(
                organisation=organisation, **form.values(), by=request.user
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Training recorded. Now record who attended."))
            return redirect("training:attendance", pk=event.pk)
    return _form_page(request, "training/new.html", form, None)


@login_required
@writers_only(GROUP_WORK_WRITERS)
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    data = request.POST if request.method == "POST" else None
    form = TrainingForm(data, user=request.user, event=event)
    if data is not None and form.is_valid():
        try:
            services.training_event_update(
                event=event, by=request.user, changes=form.values(), **form.concurrency()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Training saved."))
            return redirect("training:detail", pk=event.pk)
    return _form_page(request, "training/edit.html", form, event)


def _form_page(
    request: HttpRequest, template: str, form: TrainingForm, event: TrainingEvent | None
) -> HttpResponse:
    context = {"form": form, "event": event}
    return render(request, template, context, status=400 if form.errors else 200)


# Attendance ---------------------------------------------------------------------------------


def _offered_groups(user: Any, event: TrainingEvent) -> dict[int, LandlessGroup]:
    """The groups a row is offered for: the organisation's groups of the district the user
    may see, and any group already counted."""
    counted = event.group_attendance.values("group")
    groups = LandlessGroup.objects.visible_to(user).filter(organisation=event.organisation_id)
    groups = groups.filter(Q(village__union__district=event.district_id) | Q(pk__in=counted))
    return {g.pk: g for g in with_labels(groups).order_by("name_bn", "pk")}


def _initial_rows(event: TrainingEvent, groups: dict[int, LandlessGroup]) -> list[dict[str, Any]]:
    rows = [
        {
            "group": a.group_id,
            "community": a.community,
            "women": a.women,
            "men": a.men,
            "others": a.others,
        }
        for a in event.group_attendance.filter(group__in=list(groups)).order_by("group", "pk")
    ]
    counted = {row["group"] for row in rows}
    rows += [{"group": pk} for pk in groups if pk not in counted]
    return rows


@login_required
@writers_only(GROUP_WORK_WRITERS)
def training_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    groups = _offered_groups(request.user, event)
    members = Member.objects.visible_to(request.user).filter(group__in=list(groups))
    members = members.only("pk", "code", "group_id").order_by("code")
    data = request.POST if request.method == "POST" else None
    named = event.member_attendance.values_list("member", flat=True)
    form = AttendanceForm(
        data, members=members, initial={"version": event.version, "members": list(named)}
    )
    rows = AttendanceRows(data, initial=_initial_rows(event, groups), prefix="g")
    if data is not None and form.is_valid() and rows.is_valid():
        counts, problems = attendance_rows(rows, groups)
        try:
            if problems:
                raise ValidationError(problems)
            services.training_attendance_set(
                event=event,
                groups=counts,
                members=list(form.cleaned_data["members"]),
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("training:detail", pk=event.pk)
    context = {
        "event": event,
        "form": form,
        "rows": rows,
        "row_groups": [(row, groups.get(_row_group(row))) for row in rows],
        "show_names": has_role(request.user, GROUP_NAME_READERS),
    }
    invalid = bool(form.errors or rows.total_error_count())
    return render(request, "training/attendance.html", context, status=400 if invalid else 200)


def _row_group(row: Any) -> int | None:
    value = row["group"].value()
    return int(value) if str(value).isdigit() else None
