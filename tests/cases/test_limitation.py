"""Limitation deadlines: the table's rows, the counting rules of the Limitation Act, the case
page, and who may change the table."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from landclaims.cases import limitation
from landclaims.cases.models import CourtClosure, LegalCase, LimitationRule
from landclaims.cases.selectors import case_deadline_list, deadline_list_upcoming
from landclaims.cases.services import (
    case_create,
    case_record_event,
    case_record_judgment,
    court_closure_create,
    court_closure_delete,
    court_closure_update,
    limitation_rule_create,
    limitation_rule_update,
)
from tests.core.admin_helpers import admin_client, staff
from tests.factories import log_in, make_case, make_user
from tests.limitation_table import SEED, limitation_table  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("limitation_table")]


# A decision on Sunday 4 January 2026, and each period's last day counted by hand: 30 days
# end on Tuesday 3 February; 60 on Thursday 5 March; 90 on Saturday 4 April, a closed day,
# so Sunday 5 April (s.4); 180 on Friday 3 July, so Sunday 5 July.
DECIDED = date(2026, 1, 4)
LAST_DAY_BY_HAND = {
    30: date(2026, 2, 3),
    60: date(2026, 3, 5),
    90: date(2026, 4, 5),
    180: date(2026, 7, 5),
}


def _row_id(row: tuple) -> str:
    case_type, forum, decision, remedy, *_rest = row
    return "-".join(part for part in (case_type, forum, decision, remedy) if part)


# --- The table ------------------------------------------------------------------------------


@pytest.mark.parametrize("row", SEED.RULES, ids=_row_id)
def test_each_row_of_the_table_gives_its_last_day(row) -> None:
    case_type, forum, decision, remedy, remedy_type, remedy_forum, days, *_rest = row
    rule = LimitationRule.objects.get(
        case_type=case_type,
        forum_level=forum,
        decision=decision,
        remedy=remedy,
        remedy_forum_level=remedy_forum,
    )
    closures = set(CourtClosure.objects.values_list("on", flat=True))
    counted = limitation.period(
        decided_on=DECIDED, days=rule.days, today=DECIDED, closures=closures
    )
    assert rule.citation and rule.remedy_case_type == remedy_type
    assert counted.last_day == LAST_DAY_BY_HAND[days]


def test_the_table_holds_every_seeded_row_and_each_cites_the_law() -> None:
    assert LimitationRule.objects.count() == len(SEED.RULES)
    assert not LimitationRule.objects.filter(citation="").exists()


def test_the_fixed_national_holidays_of_2026_and_2027_are_court_closures() -> None:
    closed = set(CourtClosure.objects.values_list("on", flat=True))
    for year in (2026, 2027):
        for month, day in ((2, 21), (3, 26), (4, 14), (5, 1), (12, 16), (12, 25)):
            assert date(year, month, day) in closed


# --- Counting (pure) ------------------------------------------------------------------------


def test_the_day_of_the_decision_is_not_counted() -> None:
    # Sunday 1 March 2026 + 30 days: Tuesday 31 March, an open day.
    counted = limitation.period(decided_on=date(2026, 3, 1), days=30, today=date(2026, 3, 1))
    assert counted.last_day == date(2026, 3, 31)


def test_the_time_to_obtain_the_certified_copy_is_excluded() -> None:
    counted = limitation.period(
        decided_on=DECIDED,
        days=30,
        today=DECIDED,
        copy_time_excluded=True,
        copy_applied_on=date(2026, 1, 6),
        copy_received_on=date(2026, 1, 16),
    )
    # 3 February + 10 days = Friday 13 February, closed: Sunday 15 February.
    assert (counted.copy_days, counted.expires_on) == (10, date(2026, 2, 13))
    assert counted.last_day == date(2026, 2, 15)


def test_copy_time_counts_when_the_rule_does_not_exclude_it() -> None:
    counted = limitation.period(
        decided_on=DECIDED,
        days=30,
        today=DECIDED,
        copy_time_excluded=False,
        copy_applied_on=date(2026, 1, 6),
        copy_received_on=date(2026, 1, 16),
    )
    assert counted.last_day == date(2026, 2, 3)


def test_a_copy_applied_for_after_the_period_ran_out_excludes_nothing() -> None:
    counted = limitation.period(
        decided_on=DECIDED,
        days=30,
        today=date(2026, 3, 1),
        copy_time_excluded=True,
        copy_applied_on=date(2026, 2, 4),
        copy_received_on=date(2026, 2, 10),
    )
    assert (counted.copy_days, counted.last_day) == (0, date(2026, 2, 3))


def test_while_the_copy_is_awaited_the_last_day_moves_with_each_day() -> None:
    def last_day(today: date) -> date:
        return limitation.period(
            decided_on=DECIDED,
            days=30,
            today=today,
            copy_time_excluded=True,
            copy_applied_on=date(2026, 1, 5),
        ).last_day

    assert last_day(date(2026, 1, 15)) == date(2026, 2, 15)  # 3 Feb + 10 = Fri 13 → Sun 15
    assert last_day(date(2026, 1, 19)) == date(2026, 2, 17)  # 3 Feb + 14


@pytest.mark.parametrize(
    ("decided_on", "expires_on"),
    [(date(2026, 1, 6), date(2026, 2, 5)), (date(2026, 1, 9), date(2026, 2, 8))],
    ids=["thursday-stays", "sunday-stays"],
)
def test_an_open_last_day_stays(decided_on, expires_on) -> None:
    counted = limitation.period(decided_on=decided_on, days=30, today=decided_on)
    assert counted.last_day == expires_on and not counted.moved


@pytest.mark.parametrize(
    "decided_on", [date(2026, 1, 7), date(2026, 1, 8)], ids=["friday", "saturday"]
)
def test_a_last_day_on_a_friday_or_saturday_runs_to_sunday(decided_on) -> None:
    counted = limitation.period(decided_on=decided_on, days=30, today=decided_on)
    assert counted.expires_on.weekday() in limitation.WEEKLY_HOLIDAYS
    assert counted.last_day == date(2026, 2, 8)  # Sunday


def test_a_last_day_on_a_court_closure_runs_to_the_next_open_day() -> None:
    # 24 February + 30 = Thursday 26 March, Independence Day; Friday and Saturday follow.
    closures = {date(2026, 3, 26)}
    counted = limitation.period(
        decided_on=date(2026, 2, 24), days=30, today=date(2026, 2, 24), closures=closures
    )
    assert counted.last_day == date(2026, 3, 29)


def test_holidays_inside_the_period_are_counted() -> None:
    closures = {date(2026, 1, 20), date(2026, 1, 21)}
    counted = limitation.period(decided_on=DECIDED, days=30, today=DECIDED, closures=closures)
    assert counted.last_day == date(2026, 2, 3)


def test_missed_and_met_are_told_apart() -> None:
    last = date(2026, 2, 3)
    assert limitation.status(last_day=last, today=last, met=False) == limitation.Status.OPEN
    assert limitation.status(last_day=last, today=date(2026, 2, 4), met=False) == "missed"
    assert limitation.status(last_day=last, today=date(2026, 2, 4), met=True) == "met"


# --- Deadlines of a case (today is Saturday 1 June 2024) ------------------------------------


def _judge(case: LegalCase, on: date, outcome: str = "against_us") -> LegalCase:
    return case_record_judgment(case=case, on=on, outcome=outcome, by=None)


def test_the_case_deadline_list_counts_from_the_judgment(case, legal_staff) -> None:
    _judge(case, date(2024, 5, 20))
    [deadline] = case_deadline_list(user=legal_staff, case=case)
    # 20 May + 60 = Friday 19 July 2024: Sunday 21 July.
    assert deadline.rule.remedy_case_type == "civil_leave_petition"
    assert (deadline.last_day, deadline.days_left, deadline.status) == (
        date(2024, 7, 21),
        50,
        limitation.Status.OPEN,
    )


def test_a_certified_copy_recorded_on_the_case_extends_its_deadline(case, legal_staff) -> None:
    _judge(case, date(2024, 5, 20))
    case_record_event(case=case, kind="certified_copy_applied", on=date(2024, 5, 21), by=None)
    case_record_event(case=case, kind="certified_copy_received", on=date(2024, 5, 30), by=None)
    [deadline] = case_deadline_list(user=legal_staff, case=case)
    # 19 July + 9 days = Sunday 28 July.
    assert (deadline.period.copy_days, deadline.last_day) == (9, date(2024, 7, 28))


def test_the_deadline_is_met_once_the_leave_petition_is_filed(case, legal_staff) -> None:
    _judge(case, date(2024, 5, 20))
    petition = case_create(
        organisation=case.organisation,
        district=case.district,
        case_type="civil_leave_petition",
        forum_level="appellate_division",
        court_name="Appellate Division",
        number="12",
        year=2024,
        our_role="petitioner",
        parent=case,
        by=None,
    )
    [deadline] = case_deadline_list(user=legal_staff, case=case)
    assert deadline.status == limitation.Status.MET and deadline.filed == petition


def test_a_missed_deadline_is_flagged_not_hidden(case, legal_staff) -> None:
    _judge(case, date(2024, 1, 2))
    [deadline] = case_deadline_list(user=legal_staff, case=case)
    # 2 January + 60 = Saturday 2 March: Sunday 3 March, long past on 1 June.
    assert deadline.last_day == date(2024, 3, 3)
    assert deadline.status == limitation.Status.MISSED and deadline.days_over == 90


def test_a_conviction_shows_the_appeal_against_conviction_only(org, places, legal_staff) -> None:
    case = make_case(
        organisation=org,
        district=places.district_a,
        case_type="criminal_gr",
        forum_level="sessions_judge",
        court_name="Sessions Judge, Tangail",
        our_role="respondent",
    )
    case_record_event(case=case, kind="convicted", on=date(2024, 5, 20), by=None)
    _judge(case, date(2024, 5, 20))
    deadlines = case_deadline_list(user=legal_staff, case=case)
    assert [(d.rule.decision, d.rule.days) for d in deadlines] == [("convicted", 60)]


def test_a_pending_case_has_no_deadline(case, legal_staff) -> None:
    assert case_deadline_list(user=legal_staff, case=case) == []


def test_upcoming_deadlines_are_those_the_user_may_see(case, org, other_org, places) -> None:
    _judge(case, date(2024, 5, 20))
    theirs = make_case(organisation=other_org, district=places.district_a)
    _judge(theirs, date(2024, 5, 20))
    reader = make_user(organisation=org, role="viewer")
    found = deadline_list_upcoming(user=reader, start=date(2024, 6, 1), end=date(2024, 8, 1))
    assert [d.case for d in found] == [case]


def test_upcoming_deadlines_leave_out_days_outside_the_window(case, legal_staff) -> None:
    _judge(case, date(2024, 5, 20))
    found = deadline_list_upcoming(user=legal_staff, start=date(2024, 6, 1), end=date(2024, 7, 20))
    assert found == []


# --- The case page --------------------------------------------------------------------------


def test_the_case_page_shows_the_days_left(client, case, legal_staff) -> None:
    _judge(case, date(2024, 5, 20))
    log_in(client, legal_staff)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "50 days left" in html
    assert "Limitation Act" in html or "Appellate Division" in html


def test_the_case_page_shows_the_days_left_in_bengali_digits(client, case, legal_staff) -> None:
    _judge(case, date(2024, 5, 20))
    log_in(client, legal_staff)
    client.post(reverse("set_language"), {"language": "bn", "next": "/"})
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "৫০" in html
    assert "50 days left" not in html


def test_the_case_page_flags_a_missed_deadline(client, case, legal_staff) -> None:
    _judge(case, date(2024, 1, 2))
    log_in(client, legal_staff)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'class="deadline missed"' in html and "missed, 90 days ago" in html


# --- Who changes the table ------------------------------------------------------------------

RULE = {
    "case_type": "land_survey_tribunal",
    "forum_level": "",
    "decision": "",
    "remedy": "appeal",
    "remedy_case_type": "other",
    "remedy_forum_level": "other",
    "days": 90,
    "copy_time_excluded": True,
    "citation": "State Acquisition and Tenancy Act 1950, s.145B",
    "note": "",
    "active": True,
}


def test_an_administrator_adds_and_corrects_a_rule(org) -> None:
    admin = make_user(organisation=org, role="admin")
    rule = limitation_rule_create(**RULE, by=admin)
    limitation_rule_update(rule=rule, by=admin, changes={"days": 60})
    rule.refresh_from_db()
    assert rule.days == 60


@pytest.mark.parametrize("role", ["legal", "organiser", "monitor", "viewer"])
def test_other_roles_may_not_change_the_table(org, role) -> None:
    person = make_user(organisation=org, role=role)
    rule = LimitationRule.objects.first()
    with pytest.raises(PermissionDenied):
        limitation_rule_create(**RULE, by=person)
    with pytest.raises(PermissionDenied):
        limitation_rule_update(rule=rule, by=person, changes={"days": 1})
    with pytest.raises(PermissionDenied):
        court_closure_create(on=date(2026, 6, 1), name="Eid", by=person)
    assert not LimitationRule.objects.filter(case_type="land_survey_tribunal").exists()


def test_a_rule_without_a_citation_is_refused(org) -> None:
    admin = make_user(organisation=org, role="admin")
    with pytest.raises(ValidationError) as refused:
        limitation_rule_create(**{**RULE, "citation": "  "}, by=admin)
    assert "citation" in refused.value.message_dict


def test_an_administrator_records_moves_and_removes_a_closure(org) -> None:
    admin = make_user(organisation=org, role="admin")
    closure = court_closure_create(on=date(2026, 3, 20), name="Eid-ul-Fitr", by=admin)
    court_closure_update(closure=closure, by=admin, changes={"on": date(2026, 3, 21)})
    assert CourtClosure.objects.get(pk=closure.pk).on == date(2026, 3, 21)
    court_closure_delete(closure=closure, by=admin)
    assert not CourtClosure.objects.filter(pk=closure.pk).exists()


def test_legal_staff_may_not_remove_a_closure(org) -> None:
    closure = CourtClosure.objects.get(on=date(2026, 3, 26))
    with pytest.raises(PermissionDenied):
        court_closure_delete(closure=closure, by=make_user(organisation=org, role="legal"))
    assert CourtClosure.objects.filter(pk=closure.pk).exists()


def test_the_admin_adds_a_closure_through_the_service(client, org) -> None:
    admin_client(client, staff(organisation=org, role="admin", superuser=True))
    response = client.post(
        reverse("admin:cases_courtclosure_add"), {"on": "2026-03-20", "name": "Eid-ul-Fitr"}
    )
    assert response.status_code == 302
    assert CourtClosure.objects.filter(on=date(2026, 3, 20), name="Eid-ul-Fitr").exists()


def test_the_admin_refuses_the_table_to_legal_staff(client, org) -> None:
    admin_client(
        client,
        staff(organisation=org, role="legal", perms=("add_courtclosure", "view_courtclosure")),
    )
    response = client.post(
        reverse("admin:cases_courtclosure_add"), {"on": "2026-03-20", "name": "Eid"}
    )
    assert response.status_code == 403
    assert not CourtClosure.objects.filter(on=date(2026, 3, 20)).exists()
