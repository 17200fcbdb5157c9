"""The parcel page: its record, the claims and cases on it, its map and its history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from landclaims.audit.selectors import parcel_history
from landclaims.core.models import Membership, Organisation
from landclaims.core.permissions import CLAIM_WRITERS, may_write, writers_only
from landclaims.maps.embed import map_context
from landclaims.maps.selectors import MapFilters, parcel_popup
from landclaims.parcels import selectors, services
from landclaims.parcels.models import Parcel
from landclaims.records.draw import draw_settings
from landclaims.records.forms.parcels import ParcelForm, initial_of


@login_required
@require_GET
def parcel_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        summary = parcel_popup(user=request.user, pk=pk, today=timezone.localdate())
    except Parcel.DoesNotExist as exc:
        raise Http404(_("No such parcel.")) from exc
    parcel = summary.parcel
    context = {
        "p": summary,
        "history": parcel_history(user=request.user, parcel_pk=parcel.pk),
        "writer": may_write(request.user, CLAIM_WRITERS),
        # The mouza's map: the parcel among its neighbours, as the survey sheet shows it.
        **map_context(user=request.user, filters=MapFilters(area=parcel.mouza)),
    }
    return render(request, "parcels/detail.html", context)


def _organisation(request: HttpRequest) -> Organisation:
    found = Membership.objects.filter(user=request.user).select_related("organisation").first()
    if found is None:  # a superuser of no organisation: the admin is their door
        raise PermissionDenied(_("Your account belongs to no organisation."))
    return found.organisation


def _draw_context(request: HttpRequest, form: ParcelForm, **extra: Any) -> dict[str, Any]:
    return {"form": form, "draw": draw_settings(user=request.user, form=form), **extra}


@login_required
@writers_only(CLAIM_WRITERS)
def parcel_new(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = ParcelForm(data, files, user=request.user)
    if data is not None and form.is_valid() and form.ready_to_save():
        try:
            saved = services.parcel_create(
                organisation=organisation, **form.service_kwargs(), created_by=request.user
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            for warning in saved.warnings:
                messages.warning(request, warning)
            messages.success(request, _("Parcel saved."))
            return redirect("parcels:detail", pk=saved.parcel.pk)
    status = 400 if form.errors else 200
    return render(request, "parcels/new.html", _draw_context(request, form), status=status)


@login_required
@writers_only(CLAIM_WRITERS)
def parcel_edit(request: HttpRequest, pk: int) -> HttpResponse:
    parcel = _parcel_or_404(request, pk)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = ParcelForm(data, files, user=request.user, parcel=parcel, initial=initial_of(parcel))
    if data is not None and form.is_valid() and form.ready_to_save():
        try:
            services.parcel_update(
                parcel=parcel, by=request.user, changes=form.changes(), **form.concurrency()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Parcel saved."))
            return redirect("parcels:detail", pk=parcel.pk)
    context = _draw_context(request, form, parcel=parcel)
    return render(request, "parcels/edit.html", context, status=400 if form.errors else 200)


def _parcel_or_404(request: HttpRequest, pk: int) -> Parcel:
    try:
        return selectors.parcel_get(user=request.user, pk=pk)
    except Parcel.DoesNotExist as exc:
        raise Http404(_("No such parcel.")) from exc


@login_required
@require_GET
def parcel_near(request: HttpRequest) -> HttpResponse:
    """The boundaries near the drawing map's view, to snap to: geometry only, no names."""
    try:
        west, south, east, north = (float(v) for v in request.GET.get("bbox", "").split(","))
    except ValueError:
        return JsonResponse({"error": _("Give bbox=west,south,east,north.")}, status=400)
    if not (west < east and south < north and east - west < 0.2 and north - south < 0.2):
        return JsonResponse({"type": "FeatureCollection", "features": []})
    rows = selectors.parcel_list_near(user=request.user, bbox=(west, south, east, north))
    body = ",".join(f'{{"type":"Feature","properties":{{}},"geometry":{g}}}' for g in rows)
    text = f'{{"type":"FeatureCollection","features":[{body}]}}'
    return HttpResponse(text, content_type="application/geo+json")
