"""One rule for the claim that leads on a parcel (claims.leading: an open claim before a
closed one, then the latest stage date, then the newest). The map's tiles, the export, the
API and the ORM form of the rule name the same claim for every parcel."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Subquery

from landclaims.claims.leading import leading_claims
from landclaims.claims.services import SkippedStage, claim_advance, claim_create
from landclaims.exports.services import export_layer
from landclaims.parcels.models import Parcel
from tests.api.conftest import client_for
from tests.exports.helpers import read_back
from tests.factories import log_in, make_claim, make_group, make_parcel
from tests.maps.conftest import DETAIL_ZOOM, features

pytestmark = pytest.mark.django_db


def test_every_reader_colours_a_parcel_by_the_same_claim(
    client, frozen_today, org, other_org, places, organiser
) -> None:
    # Parcel 1: a claim rejected late loses to an open claim whose stage moved earlier.
    rejected = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    shared = rejected.parcels.get()
    claim_advance(
        claim=rejected,
        to="application_filed",
        on=date(2021, 1, 5),
        by=None,
        skipped={"application_prepared": SkippedStage(on=date(2021, 1, 1))},
        number="7/2021",
    )
    claim_advance(claim=rejected, to="rejected", on=date(2024, 5, 1), by=None)
    group = make_group(organisation=org, village=places.village_a)
    open_claim = claim_create(
        organisation=org, groups=[group], parcels=[shared], opened_on=date(2022, 3, 1), by=None
    )
    # Parcel 2: two open claims; the one whose stage moved last leads.
    older = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a2)
    twice = older.parcels.get()
    newer = claim_create(
        organisation=org, groups=[group], parcels=[twice], opened_on=date(2023, 2, 1), by=None
    )
    # Parcel 3: no claim.
    bare = make_parcel(organisation=org, mouza=places.mouza_a)
    expected = {shared.pk: open_claim.pk, twice.pk: newer.pk, bare.pk: None}

    lead = leading_claims(user=organiser).values("pk")[:1]
    orm = dict(
        Parcel.objects.visible_to(organiser).annotate(lead=Subquery(lead)).values_list("pk", "lead")
    )
    assert orm == expected

    log_in(client, organiser)
    tiles = {pk: f.props["claim"] or None for pk, f in features(client, DETAIL_ZOOM).items()}
    assert tiles == expected

    frame = read_back(export_layer(user=organiser, layer="parcels").path, "gpkg")
    exported = {
        int(pk): (None if claim != claim else int(claim))  # NaN for no claim
        for pk, claim in zip(frame["id"], frame["claim_id"], strict=True)
    }
    assert exported == expected

    api = client_for(organiser)
    for parcel, claim in expected.items():
        body = api.get(f"/api/v1/parcels/{parcel}/").json()
        assert body["properties"]["claim"] == claim
