"""The calendar page: hearings by day, week and month, only what the user may see."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.cases.models import Hearing
from landclaims.cases.services import hearing_adjourn
from tests.agenda.helpers import schedule
from tests.factories import log_in, make_case

pytestmark = pytest.mark.django_db

URL = reverse("agenda:calendar")


def hearings_shown(response) -> list[Hearing]:
    return [hearing for day in response.context["days"] for hearing in day.hearings]


def test_the_calendar_asks_anonymous_visitors_to_log_in(client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_calendar_shows_hearings_only_in_the_users_districts(
    client, legal_a, case_a, case_b
) -> None:
    visible = schedule(case_a, date(2024, 6, 1))
    schedule(case_b, date(2024, 6, 1))
    log_in(client, legal_a)
    response = client.get(URL)
    assert hearings_shown(response) == [visible]
    assert case_b.display_no not in response.content.decode()


def test_the_calendar_shows_nothing_of_another_organisation(
    client, outsider, case_a, case_b
) -> None:
    schedule(case_a, date(2024, 5, 30))
    schedule(case_b, date(2024, 5, 31))
    log_in(client, outsider)
    assert hearings_shown(client.get(URL)) == []


def test_the_default_page_is_the_week_of_today(client, organiser, case_a, case_b) -> None:
    in_week = schedule(case_a, date(2024, 5, 26))  # Sunday, first day of this week
    schedule(case_b, date(2024, 6, 2))  # Sunday, next week
    log_in(client, organiser)
    response = client.get(URL)
    period = response.context["period"]
    assert (period.start, period.end) == (date(2024, 5, 26), date(2024, 6, 1))
    assert [day.day for day in response.context["days"]] == period.days
    assert hearings_shown(response) == [in_week]


def test_the_day_view_shows_only_that_day(client, organiser, case_a, case_b) -> None:
    that_day = schedule(case_a, date(2024, 6, 10))
    schedule(case_b, date(2024, 6, 11))
    log_in(client, organiser)
    response = client.get(URL, {"view": "day", "date": "2024-06-10"})
    assert hearings_shown(response) == [that_day]


def test_the_month_view_shows_the_whole_month_in_weeks(client, organiser, org, places) -> None:
    first = schedule(make_case(organisation=org, district=places.district_a), date(2024, 7, 1))
    last = schedule(make_case(organisation=org, district=places.district_a), date(2024, 7, 31))
    schedule(make_case(organisation=org, district=places.district_a), date(2024, 8, 5))
    log_in(client, organiser)
    response = client.get(URL, {"view": "month", "date": "2024-07-15"})
    assert hearings_shown(response) == [first, last]
    assert all(len(week) == 7 for week in response.context["weeks"])


def test_each_hearing_shows_the_case_number_court_purpose_and_status_and_links_to_the_case(
    client, organiser, case_a
) -> None:
    hearing = schedule(case_a, date(2024, 5, 30), purpose="Hearing on the rule")
    log_in(client, organiser)
    html = client.get(URL).content.decode()
    assert "Writ Petition No. 364 of 2017" in html
    assert "High Court Division, Dhaka" in html
    assert "Hearing on the rule" in html
    assert "Scheduled" in html
    assert f'href="/cases/{hearing.case_id}/"' in html


def test_an_adjourned_date_stays_on_the_calendar_with_its_status(client, organiser, case_a) -> None:
    first = schedule(case_a, date(2024, 5, 27))
    hearing_adjourn(hearing=first, next_on=date(2024, 5, 29), purpose="Next date", by=None)
    log_in(client, organiser)
    statuses = [hearing.status for hearing in hearings_shown(client.get(URL))]
    assert statuses == ["adjourned", "scheduled"]


def test_previous_and_next_lead_to_the_neighbouring_weeks(client, organiser) -> None:
    log_in(client, organiser)
    html = client.get(URL, {"view": "week", "date": "2024-06-05"}).content.decode()
    assert 'href="?view=week&amp;date=2024-05-26"' in html
    assert 'href="?view=week&amp;date=2024-06-09"' in html


@pytest.mark.parametrize("bad", ["not-a-date", "2024-13-01", "9999-12-31"])
def test_a_bad_date_shows_the_week_of_today(client, organiser, bad) -> None:
    log_in(client, organiser)
    response = client.get(URL, {"view": "week", "date": bad})
    assert response.status_code == 200
    assert response.context["period"].start == date(2024, 5, 26)


def test_a_date_in_bengali_digits_is_understood(client, organiser) -> None:
    log_in(client, organiser)
    response = client.get(URL, {"view": "day", "date": "২০২৪-০৬-১০"})
    assert response.context["period"].start == date(2024, 6, 10)
