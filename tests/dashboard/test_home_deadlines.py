"""The home page's box of deadlines to appeal or revise: days left, the reader's cases first."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from landclaims.cases.services import case_record_judgment, case_update
from landclaims.dashboard.selectors import home_deadlines
from tests.factories import log_in, make_case, make_user
from tests.limitation_table import limitation_table  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("limitation_table")]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(date(2024, 6, 1), tick=False):
        yield date(2024, 6, 1)


def _decided_writ(org, district, on: date):
    case = make_case(organisation=org, district=district)
    return case_record_judgment(case=case, on=on, outcome="against_us", by=None)


def test_the_home_page_shows_days_left_to_petition(client, org, places) -> None:
    # Decided 20 May 2024: the 60 days end on Friday 19 July, so Sunday 21 July (50 days).
    case = _decided_writ(org, places.district_a, date(2024, 5, 20))
    reader = make_user(organisation=org, role="legal")
    log_in(client, reader)
    html = client.get("/").content.decode()
    assert "Deadlines to appeal or revise" in html
    assert case.display_no in html and "50 days left" in html


def test_my_cases_come_first(org, places) -> None:
    me = make_user(organisation=org, role="legal")
    sooner = _decided_writ(org, places.district_a, date(2024, 5, 2))
    mine = _decided_writ(org, places.district_a, date(2024, 5, 20))
    case_update(case=mine, by=None, changes={"responsible": me})
    assert [d.case for d in home_deadlines(user=me)] == [mine, sooner]


def test_a_recently_missed_deadline_stays_in_the_box(org, places) -> None:
    # Decided 15 March 2024: the 60 days ended on Tuesday 14 May, 18 days before 1 June.
    missed = _decided_writ(org, places.district_a, date(2024, 3, 15))
    reader = make_user(organisation=org, role="viewer")
    [deadline] = home_deadlines(user=reader)
    assert deadline.case == missed and deadline.missed
