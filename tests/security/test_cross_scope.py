"""What leaks does so through lists, counts, maps, tiles, exports and the API rather than
through detail pages (research/reliability.md §1: Cadasta #196, #1384). Each surface is
asked by every persona and must hold exactly the records that persona may see: organisation
A's people see A's records of both districts, A's legal staff district A's only, B's admin
B's only, the superuser everything. Exact equality also catches a surface that shows too
little. (Detail pages and popups answering 404 are cells of test_url_matrix.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from landclaims.allocations.models import Allocation
from landclaims.cases.models import CaseEvent, Hearing, InterimOrder
from landclaims.claims.models import ClaimEvent
from landclaims.exports.services import export_layer
from tests.exports.helpers import read_back
from tests.maps.conftest import area_counts, features
from tests.security.conftest import OTHER_MARK, OTHER_MARK_EN, Matrix, Records

# Which of the three record sets ("a": A's in district A, "b": A's in district B, "other":
# organisation B's) each persona may see.
VISIBLE = {
    "superuser": ("a", "b", "other"),
    "admin": ("a", "b"),
    "legal": ("a",),
    "organiser": ("a", "b"),
    "monitor": ("a", "b"),
    "viewer": ("a", "b"),
    "outsider": ("other",),
}
PERSONAS = list(VISIBLE)
NAME_READERS = {"superuser", "admin", "legal", "organiser", "outsider"}

Pks = Callable[[Records], set[int]]


def _one(attribute: str) -> Pks:
    return lambda records: {getattr(records, attribute).pk}


def _pks(matrix: Matrix, persona: str, of: Pks) -> set[int]:
    return set().union(*(of(getattr(matrix, target)) for target in VISIBLE[persona]))


def _hidden_text(matrix: Matrix, persona: str) -> list[str]:
    """Text written into records the persona may not see."""
    marks = [] if "other" in VISIBLE[persona] else [OTHER_MARK, OTHER_MARK_EN]
    return marks + ([] if "b" in VISIBLE[persona] else ["A-district-B"])


def _client(matrix: Matrix, persona: str) -> Client:
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = matrix.sessions[persona]
    return client


def _api(matrix: Matrix, persona: str) -> Client:
    """A client sending the persona's API key and no session, as a script would."""
    return Client(headers={"Authorization": f"Token {matrix.api_keys[persona]}"})


# --- pages -------------------------------------------------------------------------------

PAGE_LISTS = {
    "claims:list": _one("claim"),
    "cases:list": _one("case"),
    "groups:list": _one("group"),
}


@pytest.mark.parametrize("url_name", list(PAGE_LISTS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_a_list_page_holds_only_what_the_persona_may_see(matrix, db, persona, url_name):
    response = _client(matrix, persona).get(reverse(url_name))
    assert response.status_code == 200
    listed = {record.pk for record in response.context["page"].object_list}
    assert listed == _pks(matrix, persona, PAGE_LISTS[url_name])
    for text in _hidden_text(matrix, persona):
        assert text not in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_home_page_counts_only_what_the_persona_may_see(matrix, db, persona):
    counts = _client(matrix, persona).get(reverse("home")).context["counts"]
    seen = len(VISIBLE[persona])  # one of each record per visible set
    assert (counts.parcels, counts.groups, counts.claims) == (seen, seen, seen)
    assert (counts.cases_open, counts.incidents_last_90_days) == (seen, seen)


@pytest.mark.parametrize("persona", PERSONAS)
def test_map_search_finds_only_what_the_persona_may_see(matrix, db, persona):
    client = _client(matrix, persona)

    def hits(text: str, kind: str) -> list[Any]:
        found = client.get(reverse("maps:map"), {"q": text}).context["hits"]
        return [hit for hit in found if hit.kind == kind]

    groups = _pks(matrix, persona, _one("group")) if persona in NAME_READERS else set()
    assert {int(hit.query["group"]) for hit in hits("group", "group")} == groups
    for target in ("a", "b", "other"):
        records = getattr(matrix, target)
        seen = target in VISIBLE[persona]
        case_hits = {int(hit.query["case"]) for hit in hits(records.case.number, "case")}
        assert case_hits == ({records.case.pk} if seen else set())
        # Dag numbers are unique in this world: one hit when the parcel is visible.
        assert len(hits(records.parcel.dags.get().dag_no, "parcel")) == seen


# --- the map's tiles ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_detail_tiles_hold_only_the_personas_parcels(matrix, db, persona):
    seen = set(features(_client(matrix, persona), 12))
    assert seen == _pks(matrix, persona, _one("parcel"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_zoomed_out_tile_counts_hold_only_the_personas_parcels(matrix, db, persona):
    union_of = {t: getattr(matrix, t).parcel.mouza.parent_id for t in ("a", "b", "other")}
    expected: dict[int, int] = {}
    for target in VISIBLE[persona]:
        expected[union_of[target]] = expected.get(union_of[target], 0) + 1
    assert area_counts(_client(matrix, persona), 10) == expected


# --- exports ----------------------------------------------------------------------------------

EXPORT_LAYERS = {
    "parcels": _one("parcel"),
    "claims": _one("claim"),
    "groups": _one("group"),
    "cases": _one("case"),
    "incidents": _one("incident"),
}


@pytest.mark.parametrize("layer", list(EXPORT_LAYERS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_an_export_holds_only_what_the_persona_may_see(matrix, db, persona, layer):
    """In the least revealing profile the role allows (its default) and in CSV, read back."""
    result = export_layer(user=matrix.users[persona], layer=layer, file_format="csv")
    frame = read_back(result.path, "csv", layer=layer)
    assert {int(i) for i in frame["id"]} == _pks(matrix, persona, EXPORT_LAYERS[layer])
    text = result.path.read_text(encoding="utf-8")
    for hidden in _hidden_text(matrix, persona):
        assert hidden not in text


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_admin_area_export_counts_only_the_personas_parcels(matrix, db, persona):
    frame = read_back(export_layer(user=matrix.users[persona], layer="admin_areas").path, "gpkg")
    parcels = dict(zip(frame["id"], frame["parcels"], strict=True))
    mouza_a, mouza_b = matrix.places.mouza_a.pk, matrix.places.mouza_b.pk
    visible = VISIBLE[persona]
    assert parcels[mouza_a] == ("a" in visible) + ("other" in visible)
    assert parcels[mouza_b] == ("b" in visible)


# --- the REST API and OGC API - Features, with API keys ------------------------------------


def _children(model: Any, link: str, attribute: str) -> Pks:
    return lambda records: set(
        model.objects.filter(**{link: getattr(records, attribute)}).values_list("pk", flat=True)
    )


API_LISTS: dict[str, Pks] = {
    "parcel": _one("parcel"),
    "group": _one("group"),
    "claim": _one("claim"),
    "claim-event": _children(ClaimEvent, "claim", "claim"),
    "case": _one("case"),
    "hearing": _children(Hearing, "case", "case"),
    "interim-order": _children(InterimOrder, "case", "case"),
    "case-event": _children(CaseEvent, "case", "case"),
    "allocation": _children(Allocation, "parcel", "parcel"),
    "incident": _one("incident"),
}


def _ids(body: dict[str, Any]) -> set[int]:
    rows = body["features"] if "features" in body else body["results"]
    return {int(row["id"]) for row in rows}


@pytest.mark.parametrize("basename", list(API_LISTS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_an_api_list_holds_only_what_the_persona_may_see(matrix, db, persona, basename):
    response = _api(matrix, persona).get(reverse(f"api:{basename}-list"), {"page_size": 500})
    assert response.status_code == 200, response.content[:300]
    assert _ids(response.json()) == _pks(matrix, persona, API_LISTS[basename])
    for hidden in _hidden_text(matrix, persona):
        assert hidden not in response.content.decode()


OGC_COLLECTIONS = {"parcels": _one("parcel"), "groups": _one("group"), "cases": _one("case")}


@pytest.mark.parametrize("collection", list(OGC_COLLECTIONS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_ogc_items_hold_only_what_the_persona_may_see(matrix, db, persona, collection):
    client = Client(headers={"X-API-Key": matrix.api_keys[persona]})
    url = reverse("ogc:items", args=[collection])
    response = client.get(url, {"f": "json", "limit": 1000})
    assert response.status_code == 200, response.content[:300]
    assert _ids(response.json()) == _pks(matrix, persona, OGC_COLLECTIONS[collection])
