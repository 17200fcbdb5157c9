"""Representatives pages: seats of members on public bodies, listed with filters, added
(from a group's page) and corrected or ended. Members by code only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from landclaims.core.permissions import GROUP_WORK_WRITERS, may_write, writers_only
from landclaims.groups.models import Member
from landclaims.records.forms.representation import SeatFilterForm, SeatForm
from landclaims.representation import selectors, services
from landclaims.representation.models import Seat


@login_required
def seat_list_view(request: HttpRequest) -> HttpResponse:
    form = SeatFilterForm(request.GET or None, user=request.user)
    seats = selectors.seat_list_filtered(user=request.user, filters=form.filters())
    context = {
        "form": form,
        "page": Paginator(seats, 50).get_page(request.GET.get("page")),
        "counts": selectors.seat_counts_by_body_and_sex(user=request.user),
        "can_write": may_write(request.user, GROUP_WORK_WRITERS),
    }
    return render(request, "representation/list.html", context)


def _members(request: HttpRequest) -> QuerySet[Member]:
    """The members a seat may be added for: of the group the page was opened from, else
    every member the person may see; by code (personal fields not loaded)."""
    members = Member.objects.visible_to(request.user).filter(left_on__isnull=True)
    group = request.GET.get("group", "")
    if group.isdigit():
        members = members.filter(group=int(group))
    return members.only("pk", "code", "group_id").order_by("code")


@login_required
@writers_only(GROUP_WORK_WRITERS)
def seat_new(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = SeatForm(data, members=_members(request))
    if data is not None and form.is_valid():
        try:
            seat = services.seat_add(
                member=form.cleaned_data["member"], **form.values(), by=request.user
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Seat recorded."))
            return redirect("groups:detail", pk=seat.member.group_id)
    return _form_page(request, "representation/new.html", form, None)


@login_required
@writers_only(GROUP_WORK_WRITERS)
def seat_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        seat = selectors.seat_get(user=request.user, pk=pk)
    except Seat.DoesNotExist:
        raise Http404(_("No such seat.")) from None
    data = request.POST if request.method == "POST" else None
    members = Member.objects.filter(pk=seat.member_id)
    form = SeatForm(data, members=members, seat=seat)
    if data is not None and form.is_valid():
        try:
            services.seat_update(
                seat=seat,
                by=request.user,
                changes=form.values(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Seat saved."))
            return redirect("groups:detail", pk=seat.member.group_id)
    return _form_page(request, "representation/edit.html", form, seat)


def _form_page(
    request: HttpRequest, template: str, form: SeatForm, seat: Seat | None
) -> HttpResponse:
    context = {"form": form, "seat": seat}
    return render(request, template, context, status=400 if form.errors else 200)
