"""The reader's saved preferences: the language follows the user to a new session, and
the area unit and Bangla dates apply to every page."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from gis.units import to_m2
from landclaims.core.models import Preference
from landclaims.core.text import bengali_digits
from tests.factories import log_in, make_claim

pytestmark = pytest.mark.django_db


def test_the_header_switch_saves_the_language_for_a_logged_in_user(client, organiser) -> None:
    log_in(client, organiser)
    response = client.post(reverse("choose_language"), {"language": "bn", "next": "/claims/"})
    assert response.status_code == 302 and response.url == "/claims/"
    assert Preference.objects.get(user=organiser).language == "bn"


def test_the_language_follows_the_user_to_a_new_session(client, organiser) -> None:
    log_in(client, organiser)
    client.post(reverse("choose_language"), {"language": "bn", "next": "/"})
    other_device = Client()  # no language cookie, a browser asking for English
    log_in(other_device, organiser)
    response = other_device.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "bn"
    assert 'lang="bn"' in response.content.decode()


def test_the_saved_language_wins_over_the_cookie(client, organiser) -> None:
    log_in(client, organiser)
    client.post(reverse("choose_language"), {"language": "bn", "next": "/"})
    client.cookies["django_language"] = "en"
    assert client.get("/")["Content-Language"] == "bn"


def test_anonymous_visitors_keep_the_cookie_and_nothing_is_saved(client) -> None:
    response = client.post(reverse("choose_language"), {"language": "bn", "next": "/login/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "bn"
    assert client.get("/login/")["Content-Language"] == "bn"
    assert not Preference.objects.exists()


def test_an_unknown_language_is_not_saved(client, organiser) -> None:
    log_in(client, organiser)
    client.post(reverse("choose_language"), {"language": "xx", "next": "/"})
    assert not Preference.objects.exists()


def test_the_preferences_page_saves_language_unit_and_calendar(client, organiser) -> None:
    log_in(client, organiser)
    page = client.get(reverse("preferences")).content.decode()
    assert 'value="bigha_local"' in page  # the organisation's own unit is offered
    response = client.post(
        reverse("preferences"),
        {"language": "bn", "area_unit": "decimal", "bangla_calendar": "on"},
        follow=True,
    )
    assert response.status_code == 200
    saved = Preference.objects.get(user=organiser)
    assert (saved.language, saved.area_unit, saved.bangla_calendar) == ("bn", "decimal", True)
    assert 'lang="bn"' in response.content.decode()


def test_an_area_unit_not_offered_is_refused(client, organiser) -> None:
    log_in(client, organiser)
    response = client.post(reverse("preferences"), {"language": "", "area_unit": "furlong"})
    assert response.status_code == 200
    assert "area_unit" in response.context["form"].errors
    assert not Preference.objects.exists()


def test_pages_show_bengali_digits_areas_in_the_chosen_unit_and_bangla_dates(
    client, organiser, org, places
) -> None:
    claim = make_claim(
        organisation=org,
        village=places.village_a,
        mouza=places.mouza_a,
        opened_on=date(2024, 4, 14),
    )
    log_in(client, organiser)
    client.post(
        reverse("preferences"),
        {"language": "bn", "area_unit": "decimal", "bangla_calendar": "on"},
    )
    html = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "১৪ এপ্রিল ২০২৪ (১ বৈশাখ ১৪৩১)" in html  # opened on Pohela Boishakh
    parcel = claim.parcels.get()
    shown = f"{from_decimal(parcel.area_m2)} শতাংশ"
    assert shown in html
    assert f'href="/claims/{claim.pk}/' in html or f"/claims/{claim.pk}/" in html  # ASCII ids


def from_decimal(area_m2) -> str:
    decimals = area_m2 / to_m2("1", "decimal")
    return bengali_digits(f"{decimals:.2f}")


def test_the_organisations_local_unit_applies_its_factor(client, organiser, org, places) -> None:
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    log_in(client, organiser)
    client.post(reverse("preferences"), {"language": "en", "area_unit": "bigha_local"})
    html = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    parcel = claim.parcels.get()
    assert f"{parcel.area_m2 / to_m2('1618.74', 'sq_m'):.2f} bigha local" in html
