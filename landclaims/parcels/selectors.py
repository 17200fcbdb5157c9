"""Reads of parcels, every one starting from what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.gis.db.models.functions import AsGeoJSON, Intersection
from django.contrib.gis.geos import GEOSGeometry, Polygon
from django.db.models import F, Q, QuerySet

from gis.crs import geodesic_area_m2
from landclaims.core.db import GeodesicArea
from landclaims.core.geo import to_shapely
from landclaims.core.scoping import scope_for
from landclaims.core.text import name_contains, normalise_search
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea


def parcel_list(*, user: Any, area: Any = None, search: str = "") -> QuerySet[Parcel]:
    parcels = Parcel.objects.visible_to(user).select_related("mouza").prefetch_related("dags")
    if area is not None:
        parcels = parcels.in_area(area)
    if search:
        term = normalise_search(search)
        parcels = parcels.filter(
            Q(dags__dag_no=term)
            | Q(khatian_no=term)
            | name_contains(("mouza__name_en", "mouza__name_bn"), search)
        ).distinct()
    return parcels


def parcel_get(*, user: Any, pk: int) -> Parcel:
    return parcel_list(user=user).get(pk=pk)


@dataclass(frozen=True)
class Overlap:
    parcel: Parcel
    share: float  # of the new boundary's area


def parcel_list_overlapping(
    *, user: Any, geom: GEOSGeometry, min_share: float, exclude_pk: int | None = None
) -> list[Overlap]:
    """Visible parcels covering more than `min_share` of `geom`'s area (on the spheroid)."""
    geom_area = geodesic_area_m2(to_shapely(geom))
    if geom_area == 0:
        return []
    candidates = (
        Parcel.objects.visible_to(user)
        .filter(geom__intersects=geom)
        .exclude(pk=exclude_pk)
        .annotate(shared_m2=GeodesicArea(Intersection(F("geom"), geom)))
        .select_related("mouza")
    )
    overlaps = [Overlap(parcel=p, share=p.shared_m2 / geom_area) for p in candidates]
    return [o for o in overlaps if o.share > min_share]


# The drawing map's neighbours: enough to snap to in a village, never a district's worth.
NEAR_LIMIT = 300


def parcel_list_near(*, user: Any, bbox: tuple[float, float, float, float]) -> list[str]:
    """The boundaries (GeoJSON geometry texts, nothing else) of the visible parcels inside
    `bbox` (west, south, east, north), at most NEAR_LIMIT, for snapping a new boundary."""
    box = Polygon.from_bbox(bbox)
    box.srid = 4326
    rows = (
        Parcel.objects.visible_to(user)
        .filter(geom__bboverlaps=box)
        .annotate(geojson=AsGeoJSON("geom", precision=7))
        .order_by("pk")
        .values_list("geojson", flat=True)[:NEAR_LIMIT]
    )
    return list(rows)


def parcel_mouza_choices(*, user: Any, name: str, limit: int = 20) -> QuerySet[AdminArea]:
    """Mouzas in the user's districts whose English or Bengali name contains `name`."""
    scope = scope_for(user)
    if scope is None or not name.strip():
        return AdminArea.objects.none()
    mouzas = AdminArea.objects.filter(level=AdminArea.Level.MOUZA).filter(
        name_contains(("name_en", "name_bn"), name)
    )
    if scope.district_ids is not None:
        mouzas = mouzas.filter(district_id__in=scope.district_ids)
    first = list(mouzas.order_by("name_en", "pk").values_list("pk", flat=True)[:limit])
    chosen = AdminArea.objects.filter(pk__in=first)
    return chosen.select_related("parent", "parent__parent").order_by("name_en", "pk")
