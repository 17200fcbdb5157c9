"""What the drawing map (static/js/parcel_draw.js) needs, as data attributes: the basemap,
where to fetch neighbours to snap to, where to start, and the reader's area unit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gis.units import unit_factor
from landclaims.core import display
from landclaims.core.scoping import scope_for
from landclaims.places.models import AdminArea

# Bangladesh as a whole, when nothing nearer is known (lon, lat, zoom).
COUNTRY = (90.35, 23.7, 7)


def draw_settings(*, user: Any, form: Any) -> dict[str, Any]:
    shown = display.current()
    unit = shown.unit()
    bangla = (get_language() or "").startswith("bn")
    lon, lat, zoom = _start(user, form)
    return {
        "basemap": settings.MAP_BASEMAP_URL,
        "attribution": settings.MAP_BASEMAP_ATTRIBUTION,
        "near": reverse("parcels:near"),
        "unit_m2": str(unit_factor(unit, shown.local_factors)),
        "unit_label": display.unit_label(unit, "bn" if bangla else "en"),
        "bangla": "1" if bangla else "",
        "lon": f"{lon:.6f}",
        "lat": f"{lat:.6f}",
        "zoom": zoom,
        "area_label": _("Area of the boundary"),
        "draw_hint": _(
            "Click the polygon button, then click each corner; click the first corner to finish."
        ),
    }


def _start(user: Any, form: Any) -> tuple[float, float, int]:
    parcel = getattr(form, "parcel", None)
    if parcel is not None and parcel.mouza.centre is not None:
        return parcel.mouza.centre.x, parcel.mouza.centre.y, 15
    scope = scope_for(user)
    areas = AdminArea.objects.filter(level=AdminArea.Level.DISTRICT, centre__isnull=False)
    if scope is not None and scope.district_ids is not None:
        areas = areas.filter(pk__in=scope.district_ids)
    first = areas.order_by("name_en").first()
    if first is None or scope is None or scope.district_ids is None:
        return COUNTRY
    return first.centre.x, first.centre.y, 11
