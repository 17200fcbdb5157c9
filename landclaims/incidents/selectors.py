"""Reads of incidents, starting from what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from landclaims.incidents.models import Incident


def incident_list(*, user: Any, kind: str = "") -> QuerySet[Incident]:
    incidents = Incident.objects.visible_to(user).select_related("district")
    return incidents.filter(kind=kind) if kind else incidents
