"""Reads for the API: a person's keys, the owner of a key, and parcels with their claim."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    Prefetch,
    QuerySet,
    Subquery,
)

from landclaims.api.models import ApiToken
from landclaims.api.services import KEY_PREFIX
from landclaims.claims.leading import leading_claims
from landclaims.core.keys import key_find
from landclaims.parcels.models import Parcel, ParcelDag


def api_token_list(*, user: Any) -> QuerySet[ApiToken]:
    """The person's own keys, active and revoked: nobody lists another person's keys."""
    if not getattr(user, "is_authenticated", False):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)


def api_token_get(*, user: Any, pk: int) -> ApiToken:
    return api_token_list(user=user).get(pk=pk)


def api_token_find(*, secret: str) -> ApiToken | None:
    """The active key with this secret, with its user, or None."""
    return key_find(ApiToken, secret=secret, secret_prefix=KEY_PREFIX)


def parcel_list_with_claim(*, user: Any) -> QuerySet[Parcel]:
    """Visible parcels, each with its leading claim's id, stage, possession and stage date
    (`lead_claim`, `lead_stage`, `lead_possession`, `lead_stage_since`; None without one)."""
    lead = leading_claims(user=user)
    return (
        Parcel.objects.visible_to(user)
        .select_related("mouza")
        .prefetch_related(Prefetch("dags", queryset=ParcelDag.objects.order_by("id")))
        .annotate(
            lead_claim=Subquery(lead.values("pk")[:1]),
            lead_stage=Subquery(lead.values("stage")[:1]),
            lead_possession=Subquery(lead.values("possession")[:1]),
            lead_stage_since=Subquery(lead.values("stage_since")[:1]),
        )
    )
