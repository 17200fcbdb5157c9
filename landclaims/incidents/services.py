"""Writes for incidents.

An incident is placed by a point picked on the map or, when only its parcel is known, by the
parcel (no point of its own). Its district comes from what it is about when not given. Every
change locks the row and raises its `version` (see core/concurrency.py).
"""

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
from landclaims.core.concurrency import bump_version, check_version
from landclaims.core.geo import to_shapely
from landclaims.core.models import Organisation
from landclaims.core.permissions import CLAIM_WRITERS, GROUP_NAME_READERS, has_role, require_writer
from landclaims.core.services import district_record_check
from landclaims.core.text import ascii_digits
from landclaims.core.updates import apply_changes
from landclaims.core.validation import check_event_date
from landclaims.groups.models import LandlessGroup
from landclaims.incidents.models import Incident
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea

LINKS = ("claim", "parcel", "group", "legal_case")


@transaction.atomic
def incident_record(
    *,
    organisation: Organisation,
    kind: str,
    occurred_on: date,
    district: AdminArea | None = None,
    women_affected: int = 0,
    men_affected: int = 0,
    others_affected: int = 0,
    perpetrators: str = "",
    gd_fir_no: str = "",
    police_station: str = "",
    description: str = "",
    location: Point | None = None,
    claim: Claim | None = None,
    parcel: Parcel | None = None,
    group: LandlessGroup | None = None,
    legal_case: LegalCase | None = None,
    by: Any = None,
) -> Incident:
    """Record what happened, when and where; the district is the parcel's, the claim's or the
    group's when not given."""
    require_writer(by, CLAIM_WRITERS)
    check_event_date(occurred_on, previous=None, field="occurred_on")
    _check_location(location)
    links = {"claim": claim, "parcel": parcel, "group": group, "legal_case": legal_case}
    _check_links(by, organisation, links)
    _check_perpetrators(by, perpetrators)
    district = district or _district_of(parcel=parcel, claim=claim, group=group)
    _check_district(by, organisation, district)
    incident = Incident(
        organisation=organisation,
        district=district,
        kind=kind,
        occurred_on=occurred_on,
        women_affected=women_affected,
        men_affected=men_affected,
        others_affected=others_affected,
        perpetrators=perpetrators.strip(),
        gd_fir_no=ascii_digits(gd_fir_no.strip()),
        police_station=police_station.strip(),
        description=description,
        location=location,
        claim=claim,
        parcel=parcel,
        group=group,
        legal_case=legal_case,
    )
    incident.full_clean()
    incident.save()
    return incident


def _district_of(
    *, parcel: Parcel | None, claim: Claim | None, group: LandlessGroup | None
) -> AdminArea | None:
    if parcel is not None and parcel.mouza.district is not None:
        return parcel.mouza.district
    if claim is not None:
        return claim.district
    if group is not None:
        return group.village.union.district
    return None


def _check_district(by: Any, organisation: Organisation, district: AdminArea | None) -> None:
    district_record_check(
        by=by,
        organisation=organisation,
        district=district,
        wrong_organisation=_("You may record incidents only for your organisation."),
        missing=_("Choose the district, or the parcel, claim or group it concerns."),
    )


def _check_location(location: Point | None) -> None:
    if location is not None:
        problems = check_point(to_shapely(location))
        if problems:
            raise ValidationError({"location": [p.message for p in problems]})


def _check_links(by: Any, organisation: Organisation, links: Mapping[str, Any]) -> None:
    """The group, parcel, claim and case are the organisation's, and in the districts of the
    person recording (a record they cannot see reads as one of another district)."""
    for name, linked in links.items():
        if linked is None:
            continue
        if linked.organisation_id != organisation.pk:
            raise ValidationError({name: _("It belongs to another organisation.")})
        if by is not None and not type(linked).objects.visible_to(by).filter(pk=linked.pk).exists():
            raise ValidationError({name: _("It lies in districts you do not work in.")})


def _check_perpetrators(by: Any, perpetrators: str) -> None:
    # Names of the attackers are read and written only by the roles that read names.
    if perpetrators.strip() and by is not None and not has_role(by, GROUP_NAME_READERS):
        raise ValidationError(
            {"perpetrators": _("Your role may not record who the perpetrators are.")}
        )


# The organisation and district an incident is filed under are fixed.
INCIDENT_EDITABLE = (
    "kind", "occurred_on", "women_affected", "men_affected", "others_affected", "perpetrators",
    "gd_fir_no", "police_station", "description", "location", "claim", "parcel", "group",
    "legal_case",
)  # fmt: skip


@transaction.atomic
def incident_update(
    *,
    incident: Incident,
    by: Any,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> Incident:
    """Correct an incident (INCIDENT_EDITABLE); refused when someone else saved it since the
    form or the API read it at `expected_version`."""
    require_writer(by, CLAIM_WRITERS)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    check_version(incident, expected=expected_version, seen=seen)
    if "occurred_on" in changes:
        check_event_date(changes["occurred_on"], previous=None, field="occurred_on")
    _check_location(changes.get("location"))
    links = {k: v for k, v in changes.items() if k in LINKS}
    organisation = Organisation.objects.get(pk=incident.organisation_id)
    _check_links(by, organisation, links)
    changes = dict(changes)
    if "perpetrators" in changes:
        if changes["perpetrators"].strip() != incident.perpetrators:
            _check_perpetrators(by, changes["perpetrators"] or " ")
        changes["perpetrators"] = changes["perpetrators"].strip()
    for name in ("gd_fir_no", "police_station"):
        if name in changes:
            changes[name] = changes[name].strip()
    if "gd_fir_no" in changes:
        changes["gd_fir_no"] = ascii_digits(changes["gd_fir_no"])
    bump_version(incident)
    return apply_changes(incident, changes, editable=INCIDENT_EDITABLE)
