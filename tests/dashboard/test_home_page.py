"""The home page as a visitor sees it: a log-in first, only what the user may see, in Bangla
when asked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import log_in, make_claim, make_parcel

pytestmark = pytest.mark.django_db


def test_the_home_page_asks_anonymous_visitors_to_log_in(client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_home_page_counts_only_what_the_user_may_see(
    client, org, other_org, places, legal_a
) -> None:
    make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    make_claim(organisation=org, village=places.village_b, mouza=places.mouza_b)
    make_parcel(organisation=other_org, mouza=places.mouza_a)
    log_in(client, legal_a)
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["counts"].parcels == 1
    assert response.context["counts"].claims == 1
    assert ("identified", "Identified", 1) in response.context["counts"].claims_by_stage


def test_a_user_without_an_organisation_is_told_why_the_page_is_empty(
    client, no_membership
) -> None:
    log_in(client, no_membership)
    response = client.get("/")
    assert "belongs to no organisation" in response.content.decode()


def test_the_page_is_served_in_bengali_when_asked(client, organiser, org, places) -> None:
    make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    log_in(client, organiser)
    client.post(reverse("set_language"), {"language": "bn", "next": "/"})
    html = client.get("/").content.decode()
    assert 'lang="bn"' in html
    assert "খাস জমির দাবি" in html  # the heading
    assert "খাস জমি দাবি" not in html  # its Bengali subtitle, for English readers only
    assert "চিহ্নিত" in html  # the stage "Identified"
