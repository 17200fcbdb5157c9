"""Area pages: an administrative area, what lies under it and the map of its parcels."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from landclaims.maps.embed import map_context
from landclaims.maps.selectors import MapFilters
from landclaims.places.models import AdminArea
from landclaims.records.pages import area_detail

# Levels the claim list's area filter offers; a link to it from a mouza would not filter.
CLAIM_LIST_LEVELS = frozenset({"division", "district", "upazila", "union"})


@login_required
def area_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        detail = area_detail(user=request.user, pk=pk)
    except AdminArea.DoesNotExist as exc:
        raise Http404(_("No such area.")) from exc
    filters = MapFilters(area=detail.area)
    context = {
        "d": detail,
        "claims_listed": detail.area.level in CLAIM_LIST_LEVELS,
        **map_context(user=request.user, filters=filters),
    }
    return render(request, "places/detail.html", context)
