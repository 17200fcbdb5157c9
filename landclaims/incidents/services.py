"""Writes for incidents."""

from __future__ import annotations

from datetime import date

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gis.geometry import check_point
from landclaims.cases.models import LegalCase
from landclaims.claims.models import Claim
from landclaims.core.geo import to_shapely
from landclaims.core.models import Organisation
from landclaims.core.validation import check_event_date
from landclaims.incidents.models import Incident
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
    legal_case: LegalCase | None = None,
) -> Incident:
    check_event_date(occurred_on, previous=None, field="occurred_on")
    if location is not None:
        problems = check_point(to_shapely(location))
        if problems:
            raise ValidationError({"location": [p.message for p in problems]})
    for linked, name in ((claim, "claim"), (legal_case, "legal_case")):
        if linked is not None and linked.organisation_id != organisation.pk:
            raise ValidationError({name: _("It belongs to another organisation.")})
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
        legal_case=legal_case,
    )
    incident.full_clean()
    incident.save()
    return incident
