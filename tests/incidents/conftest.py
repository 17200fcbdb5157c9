"""Fixtures of the incident tests: a claim (one group, one parcel) in district A, an eviction
recorded on its parcel and a sexual violence incident recorded at a point, and one person of
each role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.contrib.gis.geos import Point

from landclaims.claims.models import Claim
from landclaims.groups.models import LandlessGroup
from landclaims.incidents.models import Incident
from landclaims.incidents.services import incident_record
from landclaims.parcels.models import Parcel
from tests.factories import make_claim, make_user


@dataclass
class Scene:
    claim: Claim
    group: LandlessGroup
    parcel: Parcel
    eviction: Incident  # on the parcel, no point of its own
    assault: Incident  # sexual violence, at a point
    users: dict[str, Any]


@pytest.fixture
def scene(org, places) -> Scene:
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    group, parcel = claim.groups.get(), claim.parcels.get()
    eviction = incident_record(
        organisation=org,
        kind="eviction",
        occurred_on=date(2024, 3, 2),
        women_affected=4,
        men_affected=2,
        parcel=parcel,
        claim=claim,
        group=group,
        perpetrators="Abul Kashem's men",
    )
    assault = incident_record(
        organisation=org,
        kind="sexual_violence",
        occurred_on=date(2024, 4, 9),
        women_affected=1,
        location=Point(89.921, 24.251, srid=4326),
        claim=claim,
        group=group,
        description="secret detail",
    )
    users = {
        role: make_user(organisation=org, role=role)
        for role in ("admin", "legal", "organiser", "monitor", "viewer")
    }
    return Scene(claim, group, parcel, eviction, assault, users)
