"""Reads of administrative areas.

Areas are public geography: anyone logged in may open any of them. What lies in an area
(parcels, claims) is read through their apps' selectors that start from `visible_to(user)`.
"""

from __future__ import annotations

from landclaims.places.models import AdminArea


def admin_area_get(*, pk: int) -> AdminArea:
    return AdminArea.objects.get(pk=pk)


def admin_area_ancestor_list(*, area: AdminArea) -> list[AdminArea]:
    """The areas `area` lies in, from the division down to its parent."""
    ids = [int(part) for part in area.path.strip("/").split("/") if part]
    above = [pk for pk in ids if pk != area.pk]
    return sorted(AdminArea.objects.filter(pk__in=above), key=lambda a: len(a.path))
