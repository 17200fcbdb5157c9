"""Group pages: the list and one group with its claims and the map of its parcels."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from landclaims.audit.selectors import member_history
from landclaims.claims.selectors import group_list_with_claims
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.selectors import (
    member_get,
    member_list_for_group,
)
from landclaims.maps.embed import map_context
from landclaims.maps.selectors import MapFilters
from landclaims.privacy.forms import PurposeForm
from landclaims.privacy.services import purpose_recalled, purpose_remember, read_log
from landclaims.records.forms.groups import GroupFilterForm
from landclaims.records.pages import group_detail

PAGE_SIZE = 50


@login_required
def group_list_view(request: HttpRequest) -> HttpResponse:
    show_names = has_role(request.user, GROUP_NAME_READERS)
    form = GroupFilterForm(request.GET, user=request.user, show_names=show_names)
    groups = group_list_with_claims(user=request.user, **form.filters())
    page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "show_names": show_names}
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
