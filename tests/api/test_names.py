"""Names that tie people to land reach only the roles that may read them; members never."""

from __future__ import annotations

import pytest

from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def test_monitors_see_groups_by_kind_and_village_not_name(world, monitor) -> None:
    groups = client_for(monitor).get("/api/v1/groups/").json()["results"]
    assert groups
    assert all(g["name_bn"] is None and g["name_en"] is None for g in groups)
    assert all(g["label"].startswith(("Women's group", "Men's group")) for g in groups)
    assert all(str(g["id"]) not in g["label"] and "#" not in g["label"] for g in groups)


def test_organisers_see_group_names(world, organiser) -> None:
    groups = client_for(organiser).get("/api/v1/groups/").json()["results"]
    assert all(g["name_bn"].startswith("ভূমিহীন সমিতি") for g in groups)


def test_monitors_cannot_search_by_name(world, monitor) -> None:
    client = client_for(monitor)
    for url, param in (("/api/v1/groups/", "search"), ("/api/v1/claims/", "group_name")):
        response = client.get(url, {param: "ভূমিহীন"})
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == param


def test_names_on_a_kabuliyat_and_incident_narratives_are_hidden_from_monitors(
    world, monitor
) -> None:
    client = client_for(monitor)
    body = client.get("/api/v1/allocations/").content.decode()
    incidents = client.get("/api/v1/incidents/").json()["features"]
    assert "Rahima" not in body
    assert incidents[0]["properties"]["description"] is None


def test_no_endpoint_serves_members_personal_data(organiser) -> None:
    """Members are served by code (to the roles that read names, tests/api/test_group_writes);
    their names, national ID and phone never are."""
    schema = client_for(organiser).get("/api/schema/", {"format": "json"}).json()
    served = schema["components"]["schemas"]["Member"]["properties"]
    assert not {"name_bn", "name_en", "nid", "phone"} & set(served)
