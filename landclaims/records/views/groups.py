"""Group pages: the list, one group with its claims and the map of its parcels, registering
and correcting a group, and recording its members."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from landclaims.audit.selectors import group_history, member_history
from landclaims.claims.selectors import group_list_with_claims
from landclaims.core.permissions import GROUP_NAME_READERS, has_role, may_write, writers_only
from landclaims.groups import services
from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.selectors import (
    group_counts,
    group_get,
    group_leader_list,
    member_get,
    member_list_for_group,
    member_table,
    with_labels,
    with_member_counts,
)
from landclaims.groups.services import GROUP_WRITERS
from landclaims.maps.embed import map_context
from landclaims.maps.selectors import MapFilters
from landclaims.privacy.forms import PurposeForm
from landclaims.privacy.services import purpose_recalled, purpose_remember, read_log
from landclaims.records.forms.groups import GroupFilterForm, GroupForm, MemberForm, MemberLeaveForm
from landclaims.records.pages import group_detail
from landclaims.records.views.case_intake import _organisation

PAGE_SIZE = 50


@login_required
def group_list_view(request: HttpRequest) -> HttpResponse:
    show_names = has_role(request.user, GROUP_NAME_READERS)
    form = GroupFilterForm(request.GET, user=request.user, show_names=show_names)
    groups = with_labels(
        with_member_counts(group_list_with_claims(user=request.user, **form.filters()))
    )
    page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "show_names": show_names,
        "writer": may_write(request.user, GROUP_WRITERS),
    }
    return render(request, "groups/list.html", context)


@login_required
def group_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        detail = group_detail(user=request.user, pk=pk)
    except LandlessGroup.DoesNotExist as exc:
        raise Http404(_("No such group.")) from exc
    filters = MapFilters(group=detail.group)
    context = {
        "d": detail,
        "show_names": has_role(request.user, GROUP_NAME_READERS),
        "members": member_list_for_group(user=request.user, group=detail.group),
        "counts": group_counts(user=request.user, group=detail.group),
        "leaders": group_leader_list(user=request.user, group=detail.group),
        "writer": may_write(request.user, GROUP_WRITERS),
        "history": group_history(user=request.user, group_pk=detail.group.pk),
        **map_context(user=request.user, filters=filters),
    }
    return render(request, "groups/detail.html", context)


@login_required
def member_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's record: the pseudonymous part for roles that see people, and the personal
    details (and their history) once the reader has stated why; every showing is logged."""
    try:
        member = member_get(user=request.user, pk=pk)
    except Member.DoesNotExist as exc:
        raise Http404(_("No such member.")) from exc
    form = PurposeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        purpose_remember(session=request.session, member_pk=member.pk, **form.cleaned_data)
        return redirect("groups:member", pk=member.pk)
    stated = purpose_recalled(session=request.session, member_pk=member.pk)
    context: dict[str, Any] = {"member": member, "form": form, "stated": stated}
    if stated is not None:
        read_log(user=request.user, members=[member], via="page", url=request.path, **stated)
        context["member"] = member_get(user=request.user, pk=pk, personal=True)
        context["history"] = member_history(user=request.user, member_pk=member.pk)
    status = 400 if form.is_bound else 200
    return render(request, "groups/member.html", context, status=status)


# Registering and correcting groups, recording members -------------------------------------


def _group_or_404(request: HttpRequest, pk: int) -> LandlessGroup:
    try:
        return group_get(user=request.user, pk=pk)
    except LandlessGroup.DoesNotExist as exc:
        raise Http404(_("No such group.")) from exc


def _member_or_404(request: HttpRequest, pk: int, personal: bool = False) -> Member:
    try:
        return member_get(user=request.user, pk=pk, personal=personal)
    except Member.DoesNotExist as exc:
        raise Http404(_("No such member.")) from exc


@login_required
@writers_only(GROUP_WRITERS)
def group_new(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    data = request.POST if request.method == "POST" else None
    form = GroupForm(data, user=request.user)
    if data is not None and "find" not in data and form.is_valid():
        try:
            group = services.group_create(
                organisation=organisation, **form.values(), by=request.user
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Group registered."))
            return redirect("groups:members", pk=group.pk)
    status = 400 if data is not None and "find" not in data and form.errors else 200
    return render(request, "groups/form.html", {"form": form}, status=status)


@login_required
@writers_only(GROUP_WRITERS)
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group_or_404(request, pk)
    data = request.POST if request.method == "POST" else None
    form = GroupForm(data, user=request.user, group=group)
    if data is not None and "find" not in data and form.is_valid():
        try:
            services.group_update(
                group=group, by=request.user, changes=form.changes(), **form.concurrency()
            )
        except ValidationError as error:
            form.add_service_error(error)
            form.rebase(_group_or_404(request, pk))
        else:
            messages.success(request, _("Group saved."))
            return redirect("groups:detail", pk=group.pk)
    status = 400 if data is not None and "find" not in data and form.errors else 200
    context = {"form": form, "group": group, "show_names": True}
    return render(request, "groups/form.html", context, status=status)


@login_required
@writers_only(GROUP_WRITERS)
def group_members(request: HttpRequest, pk: int) -> HttpResponse:
    """The group's members (codes, never names) and a form to add one."""
    group = _group_or_404(request, pk)
    personal = has_role(request.user, GROUP_NAME_READERS)
    data = request.POST if request.method == "POST" else None
    form = MemberForm(data, personal=personal, initial={"sex": _usual_sex(group)})
    if data is not None and form.is_valid():
        try:
            member = services.member_create(group=group, **form.values(), by=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Member %(code)s added.") % {"code": member.code})
            return redirect("groups:members", pk=group.pk)
    context = {
        "group": group,
        "form": form,
        "members": member_table(user=request.user, group=group),
        "counts": group_counts(user=request.user, group=group),
        "show_names": personal,
    }
    return render(request, "groups/members.html", context, status=400 if form.errors else 200)


def _usual_sex(group: LandlessGroup) -> str:
    return Member.Sex.FEMALE if group.sex == LandlessGroup.Sex.WOMEN else Member.Sex.MALE


@login_required
@writers_only(GROUP_WRITERS)
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a member; the personal details are filled in (and the reading logged) only
    once the reader has stated why on the member's page."""
    member = _member_or_404(request, pk)
    stated = purpose_recalled(session=request.session, member_pk=member.pk)
    if stated is not None:
        read_log(user=request.user, members=[member], via="page", url=request.path, **stated)
        member = _member_or_404(request, pk, personal=True)
    data = request.POST if request.method == "POST" else None
    personal = has_role(request.user, GROUP_NAME_READERS)
    form = MemberForm(data, personal=personal, member=member, shown=stated is not None)
    if data is not None and form.is_valid():
        try:
            services.member_update(
                member=member,
                by=request.user,
                changes=form.changes(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Member %(code)s saved.") % {"code": member.code})
            return redirect("groups:members", pk=member.group_id)
    leave = MemberLeaveForm(initial={"version": member.version})
    return _member_page(request, member, form, leave, stated)


@login_required
@require_POST
@writers_only(GROUP_WRITERS)
def member_leave(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member_or_404(request, pk)
    leave = MemberLeaveForm(request.POST)
    if leave.is_valid():
        data = leave.cleaned_data
        try:
            services.member_leave(
                member=member,
                on=data["left_on"],
                reason=data["left_reason"],
                by=request.user,
                expected_version=data["version"],
            )
        except ValidationError as error:
            leave.add_service_error(error)
        else:
            messages.success(request, _("Member %(code)s marked as left.") % {"code": member.code})
            return redirect("groups:members", pk=member.group_id)
    personal = has_role(request.user, GROUP_NAME_READERS)
    form = MemberForm(personal=personal, member=member)
    return _member_page(request, member, form, leave, None)


def _member_page(
    request: HttpRequest, member: Member, form: Any, leave: Any, stated: Any
) -> HttpResponse:
    refused = bool(form.errors or leave.errors)
    context = {"member": member, "form": form, "leave": leave, "stated": stated}
    return render(request, "groups/member_edit.html", context, status=400 if refused else 200)
