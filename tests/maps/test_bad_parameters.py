"""The map page, its tiles and popups, and the export page answer a filter that is not a
number with a 400 (or the page without it), never a 500."""

from __future__ import annotations

import pytest

from tests.factories import log_in

pytestmark = pytest.mark.django_db

NOT_NUMBERS = ["²", "--1", "1e3", "9" * 30, "১²"]


@pytest.fixture
def signed_in(client, organiser):
    log_in(client, organiser)
    return client


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_the_map_page_refuses_an_area_that_is_not_a_number(signed_in, places, value) -> None:
    response = signed_in.get("/map/", {"area": value})
    assert response.status_code == 400
    assert "area" in response.context["form"].errors


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_a_tile_refuses_an_area_that_is_not_a_number(signed_in, places, value) -> None:
    response = signed_in.get("/tiles/parcels/10/750/440.pbf", {"area": value})
    assert response.status_code == 400
    assert response.content.decode().startswith("area: ")


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_an_area_popup_refuses_a_filter_that_is_not_a_number_naming_it(
    signed_in, places, value
) -> None:
    response = signed_in.get(f"/map/areas/{places.union_a.pk}/popup/", {"area": value})
    assert response.status_code == 400
    assert response.content.decode().startswith("area: ")


def test_a_tile_off_the_grid_is_a_400(signed_in, places) -> None:
    for path in ("/tiles/parcels/23/0/0.pbf", "/tiles/parcels/3/8/0.pbf"):
        assert signed_in.get(path).status_code == 400
    assert signed_in.get(f"/tiles/parcels/{'9' * 40}/0/0.pbf").status_code == 400


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_the_export_page_ignores_a_linked_area_that_is_not_a_number(
    signed_in, places, value
) -> None:
    response = signed_in.get("/exports/", {"area": value})
    assert response.status_code == 200


def test_the_map_offers_a_linked_mouza_named_in_bengali_digits(signed_in, places) -> None:
    pk = str(places.mouza_a.pk).translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))
    response = signed_in.get("/map/", {"area": pk})
    assert response.status_code == 200
    assert response.context["form"].cleaned_data["area"] == places.mouza_a
