"""“My cases”: the case list, calendar and cause list narrowed to the cases I am reminded of
or am a lawyer on; the cause list shows parties, our lawyer and the previous date."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.cases.services import (
    case_add_party,
    case_update,
    hearing_adjourn,
    lawyer_create,
)
from tests.agenda.helpers import schedule
from tests.factories import log_in, make_case, make_user

pytestmark = pytest.mark.django_db

DAY = date(2024, 6, 3)


@pytest.fixture
def me(org):
    return make_user(organisation=org, role="legal")


@pytest.fixture
def three_cases(org, places, me):
    """One case I am reminded of, one where I am the lawyer, one that is someone else's."""
    reminded, lawyered, other = (
        make_case(organisation=org, district=places.district_a, number=n, year=2020)
        for n in ("1", "2", "3")
    )
    case_update(case=reminded, by=None, changes={"responsible": me})
    lawyer = lawyer_create(organisation=org, name="Adv. Rahima Khatun", by=None, user=me)
    someone = lawyer_create(organisation=org, name="Adv. Other", by=None)
    case_update(case=lawyered, by=None, changes={"lawyers": [lawyer]})
    case_update(case=other, by=None, changes={"lawyers": [someone]})
    for case in (reminded, lawyered, other):
        schedule(case, DAY)
    return reminded, lawyered, other


def test_my_cases_in_the_list_are_those_i_am_reminded_of_or_a_lawyer_on(
    client, me, three_cases
) -> None:
    reminded, lawyered, other = three_cases
    log_in(client, me)
    everything = client.get(reverse("cases:list")).context["page"]
    mine = client.get(reverse("cases:list"), {"mine": "on"}).context["page"]
    assert {case.pk for case in everything} == {reminded.pk, lawyered.pk, other.pk}
    assert {case.pk for case in mine} == {reminded.pk, lawyered.pk}


def test_my_cases_on_the_calendar(client, me, three_cases) -> None:
    reminded, lawyered, _ = three_cases
    log_in(client, me)
    query = {"view": "day", "date": DAY.isoformat(), "mine": "on"}
    response = client.get(reverse("agenda:calendar"), query)
    (day,) = response.context["days"]
    assert {hearing.case_id for hearing in day.hearings} == {reminded.pk, lawyered.pk}
    assert "mine=on" in response.content.decode()  # the page's links keep the filter


def test_my_cases_on_the_cause_list(client, me, three_cases) -> None:
    reminded, lawyered, _ = three_cases
    log_in(client, me)
    query = {"date": DAY.isoformat(), "mine": "on"}
    listing = client.get(reverse("agenda:cause_list"), query).context["cause_list"]
    listed = {hearing.case_id for court in listing.courts for hearing in court.hearings}
    assert listed == {reminded.pk, lawyered.pk}


def test_the_cause_list_shows_parties_our_lawyer_and_the_previous_date(
    client, me, org, places
) -> None:
    case = make_case(organisation=org, district=places.district_a, number="364", year=2017)
    case_add_party(case=case, name="Abdul Karim", role="respondent", side="theirs")
    case_add_party(case=case, name="Rahela Begum", role="petitioner", side="ours")
    lawyer = lawyer_create(organisation=org, name="Adv. Rahima Khatun", by=None)
    case_update(case=case, by=None, changes={"lawyers": [lawyer]})
    first = schedule(case, date(2024, 5, 20))
    hearing_adjourn(hearing=first, next_on=DAY, purpose="For hearing", by=None)
    log_in(client, me)
    html = client.get(reverse("agenda:cause_list"), {"date": DAY.isoformat()}).content.decode()
    row = html[html.index("Writ Petition No. 364 of 2017") :]
    row = row[: row.index("</tr>")]
    assert "Rahela Begum" in row and "Abdul Karim" in row
    assert row.index("Rahela Begum") < row.index("Abdul Karim")  # ours v. theirs
    assert "Adv. Rahima Khatun" in row
    assert "20 May 2024" in row
