"""The map's rules restated in Python, to check the SQL against."""

from __future__ import annotations

from typing import Any

from landclaims.claims.models import Claim
from landclaims.claims.stages import TERMINAL
from landclaims.parcels.models import Parcel


def leading_stage(parcel: Parcel, user: Any) -> str:
    """The stage of the claim the map shows for a parcel ('' when none): among the claims of
    the parcel's own organisation, an open one before a closed one, then the one whose stage
    moved last, then the newest."""
    claims = Claim.objects.visible_to(user).filter(
        parcels=parcel, organisation_id=parcel.organisation_id
    )
    ranked = sorted(claims, key=lambda c: (c.stage in TERMINAL, -c.stage_since.toordinal(), -c.pk))
    return ranked[0].stage if ranked else ""
