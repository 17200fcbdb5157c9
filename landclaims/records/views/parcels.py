"""The parcel page: its record, the claims and cases on it, its map and its history."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from landclaims.audit.selectors import parcel_history
from landclaims.maps.embed import map_context
from landclaims.maps.selectors import MapFilters, parcel_popup
from landclaims.parcels.models import Parcel


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
        # The mouza's map: the parcel among its neighbours, as the survey sheet shows it.
        **map_context(user=request.user, filters=MapFilters(area=parcel.mouza)),
    }
    return render(request, "parcels/detail.html", context)
