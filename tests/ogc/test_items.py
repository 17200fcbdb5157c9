"""The OGC API - Features documents: scoping, paging, filters, CRS, formats, keys."""

from __future__ import annotations

import pytest

from tests.api.conftest import key_for
from tests.factories import log_in, make_user

pytestmark = pytest.mark.django_db

EPSG_4326 = "http://www.opengis.net/def/crs/EPSG/0/4326"
EPSG_9678 = "http://www.opengis.net/def/crs/EPSG/0/9678"


@pytest.fixture
def get(client, monitor_key):
    def get(path: str, **params):
        return client.get(path, params, HTTP_X_API_KEY=monitor_key)

    return get


def feature_ids(response) -> set[int]:
    return {f["id"] for f in response.json()["features"]}


def our_parcels(records) -> set[int]:
    return {c.parcels.get().pk for c in records.claims} | {records.unclaimed.pk}


def test_anonymous_callers_get_401_and_no_data(client, records) -> None:
    response = client.get("/ogc/collections/parcels/items")
    assert response.status_code == 401
    assert response.json()["code"] == "Unauthorized"
    assert "features" not in response.json()
    page = client.get("/ogc/collections/parcels/items", HTTP_ACCEPT="text/html")
    assert page.status_code == 401
    assert b"/login/" in page.content


def test_the_landing_page_links_what_clients_need(get) -> None:
    links = {link["rel"] for link in get("/ogc").json()["links"]}
    assert {"self", "alternate", "service-desc", "conformance", "data"} <= links
    conformance = get("/ogc/conformance").json()["conformsTo"]
    assert any(uri.endswith("ogcapi-features-2/1.0/conf/crs") for uri in conformance)
    assert get("/ogc/api").json()["openapi"].startswith("3.0")


def test_the_collections_are_parcels_groups_cases_allocations_land_and_areas(get) -> None:
    ids = [c["id"] for c in get("/ogc/collections").json()["collections"]]
    assert ids == [
        "parcels", "groups", "cases", "allocations", "cooperative-land", "admin-areas",
    ]  # fmt: skip
    assert get("/ogc/collections/nothing").status_code == 404


def test_another_organisations_features_never_appear(get, records) -> None:
    assert feature_ids(get("/ogc/collections/parcels/items")) == our_parcels(records)
    assert feature_ids(get("/ogc/collections/cases/items")) == {c.pk for c in records.cases}
    other_parcel = records.other_claim.parcels.get().pk
    assert get(f"/ogc/collections/parcels/items/{other_parcel}").status_code == 404
    assert get(f"/ogc/collections/cases/items/{records.other_case.pk}").status_code == 404


def test_pages_link_to_the_next_and_previous(get, records) -> None:
    first = get("/ogc/collections/parcels/items", limit=3).json()
    assert (first["numberMatched"], first["numberReturned"]) == (4, 3)
    next_url = next(link["href"] for link in first["links"] if link["rel"] == "next")
    second = get(next_url.split("testserver")[1]).json()
    assert second["numberReturned"] == 1
    assert "next" not in {link["rel"] for link in second["links"]}
    assert "prev" in {link["rel"] for link in second["links"]}
    seen = feature_ids_of(first) | feature_ids_of(second)
    assert seen == our_parcels(records)


def feature_ids_of(document) -> set[int]:
    return {f["id"] for f in document["features"]}


def test_bbox_keeps_features_in_the_box_in_any_supported_crs(get, records, places) -> None:
    mouza = places.mouza_a2.centre
    lon, lat = mouza.x, mouza.y
    box = f"{lon - 0.01},{lat - 0.01},{lon + 0.01},{lat + 0.01}"
    in_box = feature_ids(get("/ogc/collections/parcels/items", bbox=box))
    lat_first = f"{lat - 0.01},{lon - 0.01},{lat + 0.01},{lon + 0.01}"
    also = feature_ids(
        get("/ogc/collections/parcels/items", bbox=lat_first, **{"bbox-crs": EPSG_4326})
    )
    assert in_box == also == {records.claims[1].parcels.get().pk, records.unclaimed.pk}


def test_coordinates_follow_the_requested_crs(get, records) -> None:
    pk = records.claims[0].parcels.get().pk
    crs84 = get(f"/ogc/collections/parcels/items/{pk}").json()["geometry"]["coordinates"]
    lat_first = get(f"/ogc/collections/parcels/items/{pk}", crs=EPSG_4326)
    btm = get(f"/ogc/collections/parcels/items/{pk}", crs=EPSG_9678)
    lon, lat = crs84[0][0][0]
    assert lat_first.json()["geometry"]["coordinates"][0][0][0] == [lat, lon]
    assert lat_first["Content-Crs"] == f"<{EPSG_4326}>"
    easting, northing = btm.json()["geometry"]["coordinates"][0][0][0]
    assert 400_000 < easting < 600_000 and 600_000 < northing < 800_000  # Tangail in BTM
    assert get("/ogc/collections/parcels/items", crs="EPSG:32646x").status_code == 400


def test_datetime_filters_on_the_day_the_stage_was_reached(get, records) -> None:
    claimed = {c.parcels.get().pk for c in records.claims}
    before = feature_ids(get("/ogc/collections/parcels/items", datetime="../2020-12-31"))
    after = feature_ids(get("/ogc/collections/parcels/items", datetime="2021-01-01T00:00:00Z/.."))
    assert (before, after) == (claimed, set())
    assert get("/ogc/collections/parcels/items", datetime="soon").status_code == 400


def test_property_filters(get, records) -> None:
    unclaimed = feature_ids(get("/ogc/collections/parcels/items", phase="no_claim"))
    assert unclaimed == {records.unclaimed.pk}
    assert len(feature_ids(get("/ogc/collections/parcels/items", stage="identified"))) == 3
    assert get("/ogc/collections/parcels/items", stage="nowhere").status_code == 400
    response = get("/ogc/collections/parcels/items", colour="red")
    assert response.status_code == 400
    assert response.json()["code"] == "InvalidParameterValue"


def test_a_browser_gets_html_and_f_json_overrides_it(client, records, monitor) -> None:
    log_in(client, monitor)
    page = client.get("/ogc/collections/parcels/items", HTTP_ACCEPT="text/html")
    assert page["Content-Type"].startswith("text/html")
    assert b"numberMatched" not in page.content
    data = client.get("/ogc/collections/parcels/items?f=json", HTTP_ACCEPT="text/html")
    assert data["Content-Type"] == "application/geo+json"


def test_group_names_only_reach_roles_that_read_them(client, records, monitor_key, org) -> None:
    as_monitor = client.get("/ogc/collections/groups/items", HTTP_X_API_KEY=monitor_key).json()
    organiser_key = key_for(make_user(organisation=org, role="organiser"))
    as_organiser = client.get("/ogc/collections/groups/items", HTTP_X_API_KEY=organiser_key)
    assert all("name_bn" not in f["properties"] for f in as_monitor["features"])
    assert all("name_bn" in f["properties"] for f in as_organiser.json()["features"])


def test_the_key_may_ride_in_the_query_string_and_stays_in_links(client, records, monitor_key):
    response = client.get("/ogc/collections/parcels/items", {"api_key": monitor_key, "limit": 1})
    assert response.status_code == 200
    next_link = next(link["href"] for link in response.json()["links"] if link["rel"] == "next")
    assert f"api_key={monitor_key}" in next_link
