"""Zoomed out, each union (z9-11) or upazila (below z9) is one point with its parcel count and
dominant phase. The counts come from `maps_stagecount`, kept fresh by triggers and
`stage_counts_refresh()`: checked here against counts made independently with the ORM,
before and after a claim moves on through the service."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from landclaims.claims.services import claim_advance, claim_change_possession
from landclaims.claims.stages import phase_of
from landclaims.maps.models import StageCount
from landclaims.maps.services import stage_counts_refresh
from landclaims.parcels.models import Parcel
from tests.factories import log_in
from tests.maps.conftest import area_counts, features, get_tile, tiles_covering
from tests.maps.helpers import leading_stage

# The areas a zoom level counts by, as a path from a parcel.
AREA_OF_PARCEL = {10: "mouza__parent_id", 7: "mouza__parent__parent_id"}


def orm_counts(user, z: int) -> dict[int, int]:
    """Visible parcels per union or upazila, counted by the ORM (every parcel, mapped or
    not: a parcel tracked from paper still lies in its mouza, and the area popup and the
    circles count it)."""
    rows = Parcel.objects.visible_to(user).values_list(AREA_OF_PARCEL[z], flat=True)
    return dict(Counter(rows))


def orm_dominant_phase(user, z: int) -> dict[int, str]:
    by_area: dict[int, Counter] = {}
    for parcel in Parcel.objects.visible_to(user).select_related("mouza__parent"):
        area = parcel.mouza.parent_id if z == 10 else parcel.mouza.parent.parent_id
        by_area.setdefault(area, Counter())[str(phase_of(leading_stage(parcel, user)))] += 1
    # Most parcels first; a tie goes to the phase code first in alphabetical order.
    return {
        area: min(counter.items(), key=lambda item: (-item[1], item[0]))[0]
        for area, counter in by_area.items()
    }


@pytest.mark.django_db
@pytest.mark.parametrize("z", [7, 10])
@pytest.mark.parametrize("who", ["organiser", "legal_a", "outsider"])
def test_the_counts_add_up_to_the_visible_parcels(client, world, request, z, who) -> None:
    user = request.getfixturevalue(who)
    log_in(client, user)
    drawn = features(client, z, kind="areas")
    counts = {pk: f.props["n"] for pk, f in drawn.items()}
    expected = orm_counts(user, z)
    assert counts == expected
    assert sum(counts.values()) == Parcel.objects.visible_to(user).count()
    assert {pk: f.props["phase"] for pk, f in drawn.items()} == orm_dominant_phase(user, z)


@pytest.mark.django_db
def test_the_stage_counts_table_matches_a_full_recount(client, organiser, world) -> None:
    """The triggers recorded every change of the fixture: refreshing only the stale unions
    leaves the same rows as recounting everything."""
    log_in(client, organiser)
    area_counts(client, 10)  # a low-zoom tile refreshes the counts
    fields = ("organisation_id", "union_id", "stage", "phase", "possession", "parcels")
    incremental = sorted(StageCount.objects.values_list(*fields))
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO maps_stalemouza (mouza_id) VALUES (0)")
    assert stage_counts_refresh() == -1
    assert sorted(StageCount.objects.values_list(*fields)) == incremental


@pytest.mark.django_db
def test_a_refresh_with_nothing_pending_only_reads(client, organiser, world) -> None:
    """Every low-zoom tile calls the refresh; with nothing to recount it must not open a
    writing transaction (a commit per tile request)."""
    stage_counts_refresh()
    with CaptureQueriesContext(connection) as queries:
        assert stage_counts_refresh() == 0
    assert len(queries) == 1
    assert queries[0]["sql"].lstrip().startswith("SELECT EXISTS")


# The ETag tests commit each write, as the site does: the layers' version counts committed
# writing transactions, and a test wrapped in one transaction would be only one.
@pytest.mark.django_db(transaction=True)
def test_a_stage_change_reaches_the_next_low_zoom_tile_and_its_etag(
    client, organiser, world
) -> None:
    union_b = world.places.union_b
    log_in(client, organiser)
    before = features(client, 10, kind="areas")[union_b.pk].props
    assert (before["n"], before["phase"]) == (1, "preparing")
    upazila_b = features(client, 7, kind="areas")[world.upazila_b.pk].props
    assert upazila_b["phase"] == "preparing"

    (tile,) = tiles_covering([union_b.centre.coords], 10)
    first = get_tile(client, tile)
    etag = first["ETag"]
    # Nothing changed: the browser's copy is still good.
    assert get_tile(client, tile, etag=etag).status_code == 304
    assert get_tile(client, tile, etag=etag).content == b""

    claim_advance(
        claim=world.claim_b,
        to="on_hold_litigation",
        on=date(2021, 5, 1),
        by=organiser,
    )

    after = get_tile(client, tile, etag=etag)
    assert after.status_code == 200
    assert after["ETag"] != etag
    assert after.content != first.content
    assert features(client, 10, kind="areas")[union_b.pk].props == {
        "id": union_b.pk,
        "level": "union",
        "n": 1,
        "phase": "paused",
    }
    assert features(client, 7, kind="areas")[world.upazila_b.pk].props["phase"] == "paused"
    # Union A's tile was not touched by the change, but its ETag moved too (the version is
    # global); and the new one is stable until the next write.
    new_etag = after["ETag"]
    assert get_tile(client, tile, etag=new_etag).status_code == 304


@pytest.mark.django_db(transaction=True)
def test_a_possession_change_reaches_the_detail_tile_and_its_etag(client, organiser, world) -> None:
    parcel = world.p_identified
    log_in(client, organiser)
    (tile,) = tiles_covering([parcel.geom.centroid.coords], 15)
    first = get_tile(client, tile)
    assert get_tile(client, tile, etag=first["ETag"]).status_code == 304

    claim_change_possession(
        claim=world.claim_identified, to="grabbed", on=date(2021, 1, 1), by=organiser
    )
    after = get_tile(client, tile, etag=first["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != first["ETag"]
    assert features(client, 15)[parcel.pk].props["possession"] == "grabbed"
    assert area_counts(client, 10, {"possession": "grabbed"}) == {world.places.union_a.pk: 1}


@pytest.mark.django_db(transaction=True)
def test_another_users_etag_is_not_this_users(client, organiser, outsider, world) -> None:
    """Tiles differ by user: the same tile under another scope has another ETag."""
    (tile,) = tiles_covering([world.places.mouza_a.centre.coords], 12)
    log_in(client, outsider)
    theirs = get_tile(client, tile)["ETag"]
    log_in(client, organiser)
    response = get_tile(client, tile, etag=theirs)
    assert response.status_code == 200
    assert response["ETag"] != theirs
