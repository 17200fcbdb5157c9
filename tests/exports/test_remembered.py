"""The export form keeps each user's last choices, and a link from the map (its filters in
the query string) fills the filters in their place."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from landclaims.core.models import Membership, Preference
from tests.factories import log_in

URL = reverse("exports:index")
POST = {"layer": "claims", "file_format": "csv", "srid": "9678", "profile": "monitor"}


@pytest.fixture
def organiser_client(client, organiser):
    log_in(client, organiser)
    return client


def initial_of(response) -> dict:
    form = response.context["form"]
    return {
        name: form[name].value()
        for name in (
            "layer",
            "file_format",
            "srid",
            "profile",
            "area",
            "stage",
            "possession",
            "date_from",
        )
    }


def test_the_form_offers_the_last_choices_again(data, organiser_client, organiser) -> None:
    district = data.world.places.district_a
    organiser_client.post(
        URL, {**POST, "area": district.pk, "stage": ["identified"], "date_from": "০১/০২/২০২৪"}
    )
    response = organiser_client.get(URL)
    values = initial_of(response)
    assert values["layer"] == "claims" and values["file_format"] == "csv"
    assert str(values["srid"]) == "9678" and values["profile"] == "monitor"
    assert str(values["area"]) == str(district.pk) and values["stage"] == ["identified"]
    assert str(values["date_from"]) == "2024-02-01"
    assert re.search(r'<input[^>]*value="identified"[^>]*checked', response.content.decode())
    assert Preference.objects.get(user=organiser).export_choices["layer"] == "claims"


def test_the_choices_are_the_users_own(data, organiser_client, org, client) -> None:
    from tests.factories import make_user

    organiser_client.post(URL, POST)
    colleague = make_user(organisation=org, role="organiser")
    log_in(client, colleague)
    assert initial_of(client.get(URL))["layer"] == "parcels"


def test_a_link_from_the_map_replaces_the_remembered_filters_not_the_format(
    data, organiser_client
) -> None:
    district = data.world.places.district_a
    organiser_client.post(
        URL, {**POST, "stage": ["identified"], "possession": ["group_in_possession"]}
    )
    response = organiser_client.get(
        URL, {"area": district.pk, "stage": "field_inquiry,upazila_recommended"}
    )
    values = initial_of(response)
    assert values["file_format"] == "csv" and values["layer"] == "claims"
    assert str(values["area"]) == str(district.pk)
    assert values["stage"] == ["field_inquiry", "upazila_recommended"]
    assert not values["possession"]


def test_a_remembered_profile_the_role_no_longer_allows_is_not_chosen(
    data, organiser_client, organiser
) -> None:
    organiser_client.post(URL, {**POST, "profile": "staff"})
    Membership.objects.filter(user=organiser).update(role="viewer")
    response = organiser_client.get(URL)
    assert response.context["form"]["profile"].value() == "public"
