"""Reads of parcels, every one starting from what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.gis.db.models.functions import Intersection
from django.contrib.gis.geos import GEOSGeometry
from django.db.models import F, Q, QuerySet

from gis.crs import geodesic_area_m2
from landclaims.core.db import GeodesicArea
from landclaims.core.geo import to_shapely
from landclaims.core.text import name_contains, normalise_search
from landclaims.parcels.models import Parcel


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
