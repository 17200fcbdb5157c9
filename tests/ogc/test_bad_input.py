"""Bad query parameters to the OGC service are a 400 whose JSON names the parameter, never a
500; links built from a query in Bengali digits lead to the next page of the same query."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db

ITEMS = "/ogc/collections/parcels/items"
EPSG_9678 = "http://www.opengis.net/def/crs/EPSG/0/9678"


@pytest.fixture
def get(client, monitor_key):
    def get(path: str, params=None):
        return client.get(path, params or {}, HTTP_X_API_KEY=monitor_key)

    return get


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"limit": "--5"}, "limit"),
        ({"offset": "--1"}, "offset"),
        ({"limit": "²"}, "limit"),
        ({"offset": "²"}, "offset"),
        ({"limit": "-5"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"limit": "1e3"}, "limit"),
        ({"offset": "9" * 30}, "offset"),
        ({"crs": "EPSG:²"}, "crs"),
        ({"bbox-crs": "EPSG:²", "bbox": "88,20,92,26"}, "bbox-crs"),
        ({"bbox": "1e300,1e300,1e300,1e300", "bbox-crs": EPSG_9678}, "bbox"),
        ({"bbox": "-1e300,-1e300,1e300,1e300", "bbox-crs": EPSG_9678}, "bbox"),
        ({"bbox": "0,0,1,1", "bbox-crs": EPSG_9678}, "bbox"),  # off Bangladesh
        ({"bbox": "nan,nan,nan,nan"}, "bbox"),
        ({"bbox": "88,20,²,26"}, "bbox"),
        ({"mouza": "²"}, "mouza"),
        ({"mouza": "--1"}, "mouza"),
        ({"dag_no": "\x00"}, "dag_no"),  # PostgreSQL cannot take a NUL in a string
        ({"jl_no": "1" * 201}, "jl_no"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(get, records, params, name) -> None:
    response = get(ITEMS, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "InvalidParameterValue"
    assert response.json()["description"].startswith(f"{name}: ")


def test_a_feature_id_that_is_not_a_whole_number_is_a_404(get, records) -> None:
    for fid in ("²", "--1", "1e3", "9" * 30):
        assert get(f"{ITEMS}/{fid}").status_code == 404


def test_a_bbox_in_the_national_grid_finds_the_parcels_in_it(get, records, places) -> None:
    # Tangail in Bangladesh Transverse Mercator, about 40 km on a side.
    response = get(ITEMS, {"bbox": "480000,650000,520000,690000", "bbox-crs": EPSG_9678})
    assert response.status_code == 200
    tangail = {c.parcels.get().pk for c in records.claims[:2]} | {records.unclaimed.pk}
    assert {f["id"] for f in response.json()["features"]} == tangail


def test_numbers_in_bengali_digits_are_read_and_the_next_link_keeps_them(get, records) -> None:
    first = get(ITEMS, {"limit": "৩", "survey": "RS"})
    assert first.status_code == 200
    assert first.json()["numberReturned"] == 3
    href = next(link["href"] for link in first.json()["links"] if link["rel"] == "next")
    parts = urlsplit(href)
    second = get(f"{parts.path}?{parts.query}")
    assert second.status_code == 200
    assert second.json()["numberMatched"] == first.json()["numberMatched"]
    ids = [f["id"] for f in first.json()["features"] + second.json()["features"]]
    assert len(set(ids)) == len(ids) == first.json()["numberMatched"]


def test_the_next_link_round_trips_a_bengali_filter(get, records) -> None:
    dag = records.claims[0].parcels.get().dags.first().dag_no
    bengali = dag.translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))
    first = get(ITEMS, {"dag_no": bengali, "limit": "1", "offset": "0"})
    links = {link["rel"]: link["href"] for link in first.json()["links"]}
    self_link = urlsplit(links["self"])
    again = get(f"{self_link.path}?{self_link.query}")
    assert again.json()["features"] == first.json()["features"]
    assert first.json()["numberMatched"] >= 1
