"""The map's side list (/map/claims.json): the parcels in view as the tiles draw them, only
what the user may see, group names only for the roles that read names, capped, filtered."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from landclaims.cases.services import hearing_schedule
from landclaims.maps.colours import group_colour
from landclaims.maps.embed import PHASE_COLOURS
from landclaims.maps.selectors import MapFilters, parcel_list_in_view
from tests.factories import log_in, make_user

pytestmark = pytest.mark.django_db

# Around district A's and district B's mouzas of the shared `places`; each narrower than
# IN_VIEW_WIDEST, as a map zoomed in to parcels shows.
AROUND_A = "89.8,24.1,90.1,24.4"
AROUND_B = "89.4,25.2,89.7,25.5"
COUNTRY = "88.0,20.6,92.7,26.6"


def _get(client: Any, query: dict[str, Any]) -> dict[str, Any]:
    response = client.get(reverse("maps:in_view"), query)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def _rows(client: Any, **query: Any) -> dict[str, Any]:
    """The lists of the two boxes, as one."""
    if "bbox" in query:
        return _get(client, query)
    a, b = (_get(client, {"bbox": box, **query}) for box in (AROUND_A, AROUND_B))
    return {
        "rows": a["rows"] + b["rows"],
        "total": a["total"] + b["total"],
        "more": a["more"] + b["more"],
        "moreText": a["moreText"] + b["moreText"],
    }


def _ids(data: dict[str, Any]) -> set[int]:
    return {row["id"] for row in data["rows"]}


def test_lists_only_the_mapped_parcels_of_the_users_organisation(client, organiser, world):
    log_in(client, organiser)
    listed = _ids(_rows(client))
    assert listed == {
        world.p_identified.pk,
        world.p_filed.pk,
        world.bare_a.pk,
        world.p_a2.pk,
        world.p_b.pk,
    }
    assert world.other_claimed.pk not in listed
    assert world.paper_a2.pk not in listed  # not mapped


def test_lists_only_the_users_districts(client, legal_a, world):
    log_in(client, legal_a)
    listed = _ids(_rows(client))
    assert world.p_b.pk not in listed
    assert world.p_filed.pk in listed


def test_lists_only_what_lies_in_the_box(client, organiser, world):
    log_in(client, organiser)
    lon, lat = world.places.mouza_b.centre.coords
    box = f"{lon - 0.01},{lat - 0.01},{lon + 0.01},{lat + 0.01}"
    assert _ids(_rows(client, bbox=box)) == {world.p_b.pk}


def test_a_parcel_shows_the_stage_and_groups_of_the_claim_that_colours_it(client, organiser, world):
    log_in(client, organiser)
    row = next(r for r in _rows(client)["rows"] if r["id"] == world.p_a2.pk)
    # Two open claims: the newer one, on hold, leads (as on the map), with its group.
    assert row["stage"] == world.claim_a2_paused.get_stage_display()
    assert row["stageColour"] == PHASE_COLOURS["paused"]
    assert row["groups"] == [
        {"name": world.group_3.name_bn, "colour": group_colour(world.group_3.pk)}
    ]


def test_group_names_only_for_roles_that_read_them(client, org, world):
    viewer = make_user(organisation=org, role="viewer")
    log_in(client, viewer)
    data = _rows(client)
    row = next(r for r in data["rows"] if r["id"] == world.p_identified.pk)
    shown = row["groups"][0]["name"]
    assert shown.startswith("Women's group") and shown.endswith(", Charpara")
    text = str(data)
    for group in (world.group_1, world.group_2, world.group_3, world.group_b):
        assert group.name_bn not in text
        assert f"#{group.pk}" not in text


def test_the_list_stops_at_its_cap_and_says_how_many_more(client, organiser, world):
    box = tuple(float(n) for n in AROUND_A.split(","))
    found = parcel_list_in_view(user=organiser, filters=MapFilters(), bbox=box, limit=2)
    assert len(found.rows) == 2
    assert found.total == 4
    assert found.more == 2
    # Claimed parcels come first.
    assert all(row.claim is not None for row in found.rows)


def test_the_json_names_the_parcels_left_out(client, organiser, world, settings):
    log_in(client, organiser)
    data = _rows(client)
    assert (data["total"], data["more"], data["moreText"]) == (5, 0, "")


def test_stage_and_possession_filters_apply_to_the_leading_claim(client, organiser, world):
    log_in(client, organiser)
    assert _ids(_rows(client, stage="application_filed")) == {world.p_filed.pk}
    assert _ids(_rows(client, possession="group_in_possession")) == {world.p_filed.pk}
    assert _ids(_rows(client, group=world.group_1.pk)) == {world.p_identified.pk, world.p_a2.pk}


def test_the_next_hearing_of_a_case_on_the_claim(client, organiser, world):
    hearing_schedule(case=world.case, on=date(2031, 5, 4), purpose="hearing", by=None)
    log_in(client, organiser)
    rows = {r["id"]: r for r in _rows(client)["rows"]}
    assert "2031" in rows[world.p_filed.pk]["hearing"]  # through the claim
    assert "2031" in rows[world.bare_a.pk]["hearing"]  # the case names the parcel itself
    assert rows[world.p_identified.pk]["hearing"] == ""


def test_a_box_that_is_not_four_numbers_is_refused(client, organiser, world):
    log_in(client, organiser)
    for bad in ("1,2,3", "a,b,c,d", "92,20,88,26"):
        response = client.get(reverse("maps:in_view"), {"bbox": bad})
        assert response.status_code == 400, bad
        assert "bbox" in response.content.decode()


def test_a_box_too_wide_lists_nothing_and_asks_to_zoom_in(client, organiser, world):
    log_in(client, organiser)
    data = _get(client, {"bbox": COUNTRY})
    assert (data["rows"], data["total"]) == ([], 0)
    assert data["countText"] == "Zoom in to list the parcels in view."


def test_a_group_filter_lists_its_parcels_however_wide_the_box(client, organiser, world):
    log_in(client, organiser)
    data = _get(client, {"bbox": COUNTRY, "group": world.group_1.pk})
    assert _ids(data) == {world.p_identified.pk, world.p_a2.pk}
