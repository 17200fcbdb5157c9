"""Picking areas of the demo data for the dashboard tests."""

from __future__ import annotations

from django.db import connection

from landclaims.places.models import AdminArea


def busiest_area(level: str) -> AdminArea:
    """The area of `level` with the most parcels (ties: the lowest id)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT a.id FROM places_adminarea a JOIN places_adminarea m
               ON m.path LIKE a.path || '%%' JOIN parcels_parcel p ON p.mouza_id = m.id
               WHERE a.level = %s GROUP BY a.id ORDER BY count(*) DESC, a.id LIMIT 1""",
            [level],
        )
        return AdminArea.objects.get(pk=cursor.fetchone()[0])
