"""Writes for incidents."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gis.geometry import check_point
from landclaims.cases.models import LegalCase
from landclaims.claims.models import Claim
from landclaims.core.geo import to_shapely
from landclaims.core.models import Organisation
from landclaims.core.permissions import CLAIM_WRITERS, require_writer
from landclaims.core.updates import apply_changes
from landclaims.core.validation import check_event_date
from landclaims.incidents.models import Incident
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea


@transaction.atomic
def incident_record(
    *,
    organisation: Organisation,
    district: AdminArea,
    kind: str,
    occurred_on: date,
    women_affected: int = 0,
    men_affected: int = 0,
    gd_fir_no: str = "",
    police_station: str = "",
    description: str = "",
    location: Point | None = None,
    claim: Claim | None = None,
    parcel: Parcel | None = None,
    legal_case: LegalCase | None = None,
    by: Any = None,
) -> Incident:
    require_writer(by, CLAIM_WRITERS)
    check_event_date(occurred_on, previous=None, field="occurred_on")
    _check_location(location)
    _check_links(organisation, {"claim": claim, "parcel": parcel, "legal_case": legal_case})
    incident = Incident(
        organisation=organisation,
        district=district,
        kind=kind,
        occurred_on=occurred_on,
        women_affected=women_affected,
        men_affected=men_affected,
        gd_fir_no=gd_fir_no,
        police_station=police_station,
        description=description,
        location=location,
        claim=claim,
        parcel=parcel,
        legal_case=legal_case,
    )
    incident.full_clean()
    incident.save()
    return incident


def _check_location(location: Point | None) -> None:
    if location is not None:
        problems = check_point(to_shapely(location))
        if problems:
            raise ValidationError({"location": [p.message for p in problems]})


def _check_links(organisation: Organisation, links: Mapping[str, Any]) -> None:
    for name, linked in links.items():
        if linked is not None and linked.organisation_id != organisation.pk:
            raise ValidationError({name: _("It belongs to another organisation.")})


# The organisation and district an incident is filed under are fixed.
INCIDENT_EDITABLE = (
    "kind", "occurred_on", "women_affected", "men_affected", "gd_fir_no", "police_station",
    "description", "location", "claim", "parcel", "legal_case",
)  # fmt: skip


@transaction.atomic
def incident_update(*, incident: Incident, by: Any, changes: Mapping[str, Any]) -> Incident:
    require_writer(by, CLAIM_WRITERS)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if "occurred_on" in changes:
        check_event_date(changes["occurred_on"], previous=None, field="occurred_on")
    _check_location(changes.get("location"))
    links = {k: v for k, v in changes.items() if k in ("claim", "parcel", "legal_case")}
    _check_links(incident.organisation, links)
    return apply_changes(incident, changes, editable=INCIDENT_EDITABLE)
