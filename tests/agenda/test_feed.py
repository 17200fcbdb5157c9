"""The iCalendar feed: one event per hearing series, for the token's owner only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from landclaims.agenda.models import CalendarToken
from landclaims.agenda.services import calendar_token_issue, calendar_token_revoke
from landclaims.cases.models import Hearing
from landclaims.cases.services import case_add_party, hearing_adjourn, hearing_reschedule
from tests.agenda.helpers import TODAY, schedule
from tests.factories import log_in, make_case

pytestmark = pytest.mark.django_db

URL = reverse("agenda:feed")
SETTINGS_URL = reverse("agenda:feed_settings")


def fetch(client, user):
    token = CalendarToken.objects.filter(user=user).first() or calendar_token_issue(user=user)
    return client.get(URL, {"token": token.token})


def events(response) -> list:
    return Calendar.from_ical(response.content).events


def test_the_feed_is_valid_icalendar_for_subscribing(client, organiser, case_a) -> None:
    schedule(case_a, TODAY + timedelta(days=3))
    response = fetch(client, organiser)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, max-age=300"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "landclaims hearings"
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in response.content


def test_a_hearing_is_an_all_day_event_with_case_court_and_purpose(
    client, organiser, case_a
) -> None:
    hearing = schedule(case_a, date(2024, 6, 4), purpose="Hearing on the rule")
    [event] = events(fetch(client, organiser))
    assert event["UID"] == f"hearing-{hearing.series}@landclaims"
    assert event.decoded("DTSTART") == date(2024, 6, 4)
    assert event.decoded("DTEND") == date(2024, 6, 5)
    assert event["SUMMARY"] == "Writ Petition No. 364 of 2017 — hearing"
    assert event["LOCATION"] == "High Court Division, Dhaka"
    assert "Hearing on the rule" in event["DESCRIPTION"]
    assert event["STATUS"] == "CONFIRMED"
    assert event["SEQUENCE"] == 0
    assert event["URL"].endswith(f"/cases/{case_a.pk}/")


def test_an_adjourned_hearing_moves_its_event_instead_of_adding_one(
    client, organiser, case_a
) -> None:
    first = schedule(case_a, date(2024, 6, 4))
    response = fetch(client, organiser)
    [before] = events(response)
    hearing_adjourn(hearing=first, next_on=date(2024, 7, 15), purpose="For orders", by=None)
    [after] = events(fetch(client, organiser))
    assert after["UID"] == before["UID"]
    assert after.decoded("DTSTART") == date(2024, 7, 15)
    assert after["SEQUENCE"] == 1
    assert "For orders" in after["DESCRIPTION"]


def test_a_rescheduled_hearing_moves_its_event_too(client, organiser, case_a) -> None:
    hearing = schedule(case_a, date(2024, 6, 4))
    hearing_reschedule(hearing=hearing, new_on=date(2024, 6, 9), by=None)
    [event] = events(fetch(client, organiser))
    assert event["UID"] == f"hearing-{hearing.series}@landclaims"
    assert event.decoded("DTSTART") == date(2024, 6, 9)
    assert event["SEQUENCE"] == 1


def test_a_series_adjourned_beyond_the_window_does_not_show_its_stale_date(
    client, organiser, case_a
) -> None:
    first = schedule(case_a, date(2024, 6, 4))
    hearing_adjourn(hearing=first, next_on=TODAY + timedelta(days=400), purpose="", by=None)
    assert events(fetch(client, organiser)) == []


def test_a_cancelled_hearing_is_a_cancelled_event(client, organiser, case_a) -> None:
    hearing = schedule(case_a, date(2024, 6, 4))
    Hearing.objects.filter(pk=hearing.pk).update(status=Hearing.Status.CANCELLED)
    [event] = events(fetch(client, organiser))
    assert event["STATUS"] == "CANCELLED"


def test_the_feed_reaches_from_60_days_back_to_365_days_ahead(client, organiser, org, places):
    def on(day: date) -> Hearing:
        return schedule(make_case(organisation=org, district=places.district_a), day)

    inside = [on(TODAY - timedelta(days=60)), on(TODAY + timedelta(days=365))]
    on(TODAY - timedelta(days=61))
    on(TODAY + timedelta(days=366))
    uids = [str(event["UID"]) for event in events(fetch(client, organiser))]
    assert uids == [f"hearing-{hearing.series}@landclaims" for hearing in inside]


def test_the_feed_never_names_parties_or_accused_members(client, organiser, case_a) -> None:
    case_add_party(case=case_a, name="Rahima Khatun", role="accused", side="ours")
    case_add_party(case=case_a, name="Abdul Jalil", role="respondent", side="theirs")
    schedule(case_a, date(2024, 6, 4))
    body = fetch(client, organiser).content.decode()
    assert "Rahima" not in body
    assert "Jalil" not in body


def test_a_token_shows_only_what_its_owner_may_see(
    client, legal_a, outsider, case_a, case_b
) -> None:
    visible = schedule(case_a, date(2024, 6, 4))
    schedule(case_b, date(2024, 6, 4))
    assert [str(e["UID"]) for e in events(fetch(client, legal_a))] == [
        f"hearing-{visible.series}@landclaims"
    ]
    assert events(fetch(client, outsider)) == []


def test_the_feed_needs_no_session_and_ignores_the_logged_in_person(
    client, legal_a, organiser, case_b
) -> None:
    schedule(case_b, date(2024, 6, 4))
    log_in(client, organiser)  # who may see district B: the token's owner may not
    assert events(fetch(client, legal_a)) == []


@pytest.mark.parametrize("token", ["", "not-a-token"])
def test_an_unknown_token_is_not_found(client, token) -> None:
    assert client.get(URL, {"token": token}).status_code == 404


def test_a_revoked_token_is_not_found(client, organiser) -> None:
    token = calendar_token_issue(user=organiser).token
    calendar_token_revoke(user=organiser)
    assert client.get(URL, {"token": token}).status_code == 404


def test_the_token_of_a_deactivated_person_is_not_found(client, organiser) -> None:
    token = calendar_token_issue(user=organiser).token
    organiser.is_active = False
    organiser.save()
    assert client.get(URL, {"token": token}).status_code == 404


# --- The subscription page ---------------------------------------------------------------


def test_the_subscription_page_asks_anonymous_visitors_to_log_in(client) -> None:
    assert client.get(SETTINGS_URL).status_code == 302


def test_creating_a_link_shows_the_subscription_url(client, organiser) -> None:
    log_in(client, organiser)
    assert client.get(SETTINGS_URL).context["feed_url"] is None
    response = client.post(SETTINGS_URL, {"action": "issue"}, follow=True)
    token = CalendarToken.objects.get(user=organiser)
    assert response.context["feed_url"] == f"http://testserver{URL}?token={token.token}"
    assert len(token.token) >= 43


def test_replacing_the_link_kills_the_old_one(client, organiser) -> None:
    old = calendar_token_issue(user=organiser).token
    log_in(client, organiser)
    client.post(SETTINGS_URL, {"action": "issue"})
    new = CalendarToken.objects.get(user=organiser).token
    assert new != old
    assert client.get(URL, {"token": old}).status_code == 404
    assert client.get(URL, {"token": new}).status_code == 200


def test_revoking_the_link_stops_the_feed_and_offers_a_new_one(client, organiser) -> None:
    token = calendar_token_issue(user=organiser).token
    log_in(client, organiser)
    response = client.post(SETTINGS_URL, {"action": "revoke"}, follow=True)
    assert response.context["feed_url"] is None
    assert CalendarToken.objects.get(user=organiser).revoked_at is not None
    assert client.get(URL, {"token": token}).status_code == 404


def test_the_subscription_page_refuses_a_post_without_csrf_token(organiser) -> None:
    client = Client(enforce_csrf_checks=True)
    log_in(client, organiser)
    assert client.post(SETTINGS_URL, {"action": "issue"}).status_code == 403
    assert not CalendarToken.objects.filter(user=organiser).exists()


def test_each_person_has_one_token(organiser) -> None:
    calendar_token_issue(user=organiser)
    calendar_token_issue(user=organiser)
    assert CalendarToken.objects.filter(user=organiser).count() == 1
