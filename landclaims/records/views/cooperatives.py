"""Cooperative pages: the list, a cooperative's page (member groups, land with a small map,
production by season), recording and correcting one, adding land, member groups and
production. HTTP in, cooperative selectors and services, HTTP out."""

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

from gis.svgmap import svg_map
from landclaims.cooperatives import selectors, services
from landclaims.cooperatives.models import Cooperative
from landclaims.core.geo import to_shapely
from landclaims.core.permissions import (
    GROUP_NAME_READERS,
    GROUP_WORK_WRITERS,
    has_role,
    may_write,
    writers_only,
)
from landclaims.groups.models import LandlessGroup
from landclaims.records.draw import draw_settings
from landclaims.records.forms.cooperatives import (
    CooperativeFilterForm,
    CooperativeForm,
    LandForm,
    MemberFormSet,
    MemberGroupForm,
    ProductionForm,
)
from landclaims.records.views.case_intake import _organisation


def _cooperative_or_404(request: HttpRequest, pk: int) -> Cooperative:
    try:
        return selectors.cooperative_get(user=request.user, pk=pk)
    except Cooperative.DoesNotExist:
        raise Http404(_("No such cooperative.")) from None


@login_required
def cooperative_list_view(request: HttpRequest) -> HttpResponse:
    form = CooperativeFilterForm(request.GET or None, user=request.user)
    cooperatives = selectors.cooperative_list(user=request.user, filters=form.filters())
    context = {
        "form": form,
        "page": Paginator(cooperatives, 50).get_page(request.GET.get("page")),
        "can_write": may_write(request.user, GROUP_WORK_WRITERS),
    }
    return render(request, "cooperatives/list.html", context)


@login_required
def cooperative_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    cooperative = _cooperative_or_404(request, pk)
    land = list(selectors.cooperative_land_list(user=request.user, cooperative=cooperative))
    drawn = [(to_shapely(p.geom), str(p.get_tenure_display())) for p in land if p.geom]
    context = {
        "cooperative": cooperative,
        "shares": selectors.cooperative_share_list(user=request.user, cooperative=cooperative),
        "land": land,
        "land_map": svg_map(drawn),
        "seasons": selectors.production_by_season(user=request.user, cooperative=cooperative),
        "show_names": has_role(request.user, GROUP_NAME_READERS),
        "can_write": may_write(request.user, GROUP_WORK_WRITERS),
    }
    return render(request, "cooperatives/detail.html", context)


@login_required
@writers_only(GROUP_WORK_WRITERS)
def cooperative_new(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    data = request.POST if request.method == "POST" else None
    form = CooperativeForm(data, user=request.user, organisation=organisation)
    members = MemberFormSet(data, user=request.user, prefix="member")
    if data is not None and form.is_valid() and members.is_valid():
        try:
            cooperative = services.cooperative_create(
                organisation=organisation,
                **form.values(),
                members=members.members(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Cooperative recorded."))
            return redirect("cooperatives:detail", pk=cooperative.pk)
    context = {"form": form, "members": members}
    return render(request, "cooperatives/new.html", context, status=_status(form, members))


def _status(form: Any, formset: Any = None) -> int:
    """400 for a refused form, so a script or test sees the refusal without reading it."""
    refused = bool(form.errors)
    if formset is not None and formset.is_bound:
        refused = refused or formset.total_error_count() > 0
    return 400 if refused else 200


@login_required
@writers_only(GROUP_WORK_WRITERS)
def cooperative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cooperative = _cooperative_or_404(request, pk)
    data = request.POST if request.method == "POST" else None
    form = CooperativeForm(
        data,
        user=request.user,
        organisation=cooperative.organisation,
        cooperative=cooperative,
    )
    if data is not None and form.is_valid():
        try:
            services.cooperative_update(
                cooperative=cooperative,
                by=request.user,
                changes=form.values(),
                **form.concurrency(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Cooperative saved."))
            return redirect("cooperatives:detail", pk=cooperative.pk)
    context = {"form": form, "cooperative": cooperative}
    return render(request, "cooperatives/edit.html", context, status=_status(form))


@login_required
@writers_only(GROUP_WORK_WRITERS)
def cooperative_group_add(request: HttpRequest, pk: int) -> HttpResponse:
    cooperative = _cooperative_or_404(request, pk)
    data = request.POST if request.method == "POST" else None
    form = MemberGroupForm(data, user=request.user)
    if data is not None and form.is_valid():
        try:
            services.cooperative_group_add(
                cooperative=cooperative, member=form.member(), by=request.user
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Member group saved."))
            return redirect("cooperatives:detail", pk=cooperative.pk)
    context = {"form": form, "cooperative": cooperative}
    return render(request, "cooperatives/group_add.html", context, status=_status(form))


@login_required
@writers_only(GROUP_WORK_WRITERS)
@require_POST
def cooperative_group_remove(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    cooperative = _cooperative_or_404(request, pk)
    group = LandlessGroup.objects.visible_to(request.user).filter(pk=group_pk).first()
    if group is None:
        raise Http404(_("No such group."))
    try:
        services.cooperative_group_remove(cooperative=cooperative, group=group, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The group left the cooperative."))
    return redirect("cooperatives:detail", pk=cooperative.pk)


@login_required
@writers_only(GROUP_WORK_WRITERS)
def cooperative_land_add(request: HttpRequest, pk: int) -> HttpResponse:
    cooperative = _cooperative_or_404(request, pk)
    data = request.POST if request.method == "POST" else None
    form = LandForm(data, user=request.user, cooperative=cooperative)
    if data is not None and form.is_valid():
        try:
            services.cooperative_land_add(cooperative=cooperative, **form.values(), by=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Land recorded."))
            return redirect("cooperatives:detail", pk=cooperative.pk)
    draw = draw_settings(user=request.user, form=form)
    if cooperative.district.centre is not None:
        centre = cooperative.district.centre
        draw.update(lon=f"{centre.x:.6f}", lat=f"{centre.y:.6f}", zoom=11)
    context = {"form": form, "cooperative": cooperative, "draw": draw}
    return render(request, "cooperatives/land_add.html", context, status=_status(form))


@login_required
@writers_only(GROUP_WORK_WRITERS)
def production_new(request: HttpRequest, pk: int) -> HttpResponse:
    cooperative = _cooperative_or_404(request, pk)
    data = request.POST if request.method == "POST" else None
    form = ProductionForm(data, user=request.user, cooperative=cooperative)
    if data is not None and form.is_valid():
        try:
            services.production_record(cooperative=cooperative, **form.values(), by=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Production recorded."))
            return redirect("cooperatives:detail", pk=cooperative.pk)
    context = {"form": form, "cooperative": cooperative}
    return render(request, "cooperatives/production_new.html", context, status=_status(form))
