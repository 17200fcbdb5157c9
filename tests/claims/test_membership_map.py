"""The map follows a claim's parcels: adding or removing one through the services moves the
tiles' version (their ETag) and the union's stage counts, by the database's triggers."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.db import transaction

from landclaims.claims.services import claim_add_parcel, claim_remove_parcel
from landclaims.maps.models import StageCount
from landclaims.maps.selectors import layer_version
from landclaims.maps.services import stage_counts_refresh
from tests.factories import make_claim, make_parcel

pytestmark = pytest.mark.django_db(transaction=True)


def _claimed_in_union(union_id: int) -> int:
    counts = StageCount.objects.filter(union_id=union_id).exclude(stage="")
    return sum(counts.values_list("parcels", flat=True))


def test_adding_and_removing_a_parcel_refreshes_tiles_and_counts(org, places, organiser):
    with time_machine.travel(date(2024, 6, 1), tick=False):
        claim = make_claim(
            organisation=org, village=places.village_a, mouza=places.mouza_a, by=organiser
        )
        parcel = make_parcel(organisation=org, mouza=places.mouza_a2)
        stage_counts_refresh()
        before = (layer_version(), _claimed_in_union(places.union_a.pk))
        with transaction.atomic():
            claim_add_parcel(claim=claim, parcel=parcel, on=date(2024, 5, 1), by=organiser)
        stage_counts_refresh()
        added = (layer_version(), _claimed_in_union(places.union_a.pk))
        with transaction.atomic():
            claim_remove_parcel(claim=claim, parcel=parcel, on=date(2024, 5, 2), by=organiser)
        stage_counts_refresh()
        removed = (layer_version(), _claimed_in_union(places.union_a.pk))
    assert added[0] > before[0] and removed[0] > added[0]
    assert (added[1], removed[1]) == (before[1] + 1, before[1])
