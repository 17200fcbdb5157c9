"""Incident pages: the list, recording one (from a map click, a parcel, a claim or a group),
its page and its correction. HTTP in, incident selectors and services, HTTP out."""

from __future__ import annotations

import contextlib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from landclaims.core.permissions import (
    CLAIM_WRITERS,
    GROUP_NAME_READERS,
    has_role,
    may_write,
    writers_only,
)
from landclaims.core.text import ascii_digits
from landclaims.incidents import selectors, services
from landclaims.incidents.models import Incident
from landclaims.records.forms.incidents import IncidentFilterForm, IncidentForm, point_map
from landclaims.records.views.case_intake import _organisation

PREFILL = ("parcel", "claim", "group")


def _incident_or_404(request: HttpRequest, pk: int) -> Incident:
    try:
        return selectors.incident_get(user=request.user, pk=pk)
    except Incident.DoesNotExist:
        raise Http404(_("No such incident.")) from None


def _prefill(request: HttpRequest) -> dict[str, Any]:
    found: dict[str, Any] = {k: int(v) for k in PREFILL if (v := request.GET.get(k, "")).isdigit()}
    for name in ("lat", "lng"):
        with contextlib.suppress(ValueError):
            found[name] = round(float(ascii_digits(request.GET.get(name, ""))), 6)
    return found


@login_required
def incident_list_view(request: HttpRequest) -> HttpResponse:
    form = IncidentFilterForm(request.GET or None, user=request.user)
    incidents = selectors.incident_list_filtered(user=request.user, filters=form.filters())
    page = Paginator(incidents, 50).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "show_names": has_role(request.user, GROUP_NAME_READERS),
        "can_write": may_write(request.user, CLAIM_WRITERS),
    }
    return render(request, "incidents/list.html", context)


@login_required
def incident_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    context = {
        "incident": _incident_or_404(request, pk),
        "show_names": has_role(request.user, GROUP_NAME_READERS),
        "can_write": may_write(request.user, CLAIM_WRITERS),
    }
    return render(request, "incidents/detail.html", context)


@login_required
@writers_only(CLAIM_WRITERS)
def incident_new(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    data = request.POST if request.method == "POST" else None
    form = IncidentForm(data, user=request.user, prefill=_prefill(request))
    if data is not None and form.is_valid():
        try:
            incident = services.incident_record(
                organisation=organisation, **form.values(), by=request.user
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Incident recorded."))
            return redirect("incidents:detail", pk=incident.pk)
    return _form_page(request, "incidents/new.html", form, None)


@login_required
@writers_only(CLAIM_WRITERS)
def incident_edit(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_or_404(request, pk)
    data = request.POST if request.method == "POST" else None
    form = IncidentForm(data, user=request.user, incident=incident)
    if data is not None and form.is_valid():
        try:
            services.incident_update(
                incident=incident, by=request.user, changes=form.values(), **form.concurrency()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Incident saved."))
            return redirect("incidents:detail", pk=incident.pk)
    return _form_page(request, "incidents/edit.html", form, incident)


def _form_page(
    request: HttpRequest, template: str, form: IncidentForm, incident: Incident | None
) -> HttpResponse:
    context = {
        "form": form,
        "incident": incident,
        "point_map": point_map(form),
        "basemap_url": settings.MAP_BASEMAP_URL,
        "basemap_attribution": settings.MAP_BASEMAP_ATTRIBUTION,
    }
    return render(request, template, context, status=400 if form.errors else 200)
