"""Group pages: the list and one group with its claims and the map of its parcels."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.groups.forms import GroupFilterForm
from landclaims.groups.models import LandlessGroup
from landclaims.groups.selectors import group_detail, group_list_with_claims
from landclaims.maps.embed import map_context
from landclaims.maps.selectors import MapFilters

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
        **map_context(user=request.user, filters=filters),
    }
    return render(request, "groups/detail.html", context)
