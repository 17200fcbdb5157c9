"""The history block on the claim and case pages: who changed what, when, from what to what,
within what the reader may see."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from landclaims.audit.selectors import case_history, claim_history
from landclaims.cases.models import CaseParty, Hearing
from landclaims.cases.services import hearing_schedule
from landclaims.groups.services import member_create
from tests.audit.conftest import events
from tests.cases.conftest import post_form
from tests.factories import log_in, make_group, make_user

pytestmark = pytest.mark.django_db

MEMBER_NAMES = ("রহিমা খাতুন", "Rahima Khatun", "Rahima Begum")


@pytest.fixture
def member_party(org, places, case):
    """A member accused in the case, whose party row was later changed. The party holds no
    copy of the member's name (the constraint caseparty_named_or_member)."""
    group = make_group(organisation=org, village=places.village_a)
    member = member_create(
        group=group,
        code="TGL-0042",
        sex="female",
        priority_category="erosion_victim",
        name_bn=MEMBER_NAMES[0],
        name_en=MEMBER_NAMES[1],
        nid="1990123456789",
    )
    party = CaseParty.objects.create(case=case, member=member, role="accused", side="ours")
    CaseParty.objects.filter(pk=party.pk).update(role="respondent")
    return party


def _history_html(client, user, name, pk):
    log_in(client, user)
    response = client.get(reverse(name, args=[pk]))
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('id="audit-history"') :]


def test_a_hearing_move_through_the_form_is_recorded_with_the_user_and_url(
    client, legal_staff, case
) -> None:
    hearing = hearing_schedule(case=case, on=date(2024, 6, 20), purpose="hearing", by=None)
    log_in(client, legal_staff)
    response = post_form(client, "hearing_move", case, "move", hearing=hearing, new_on="24/06/2024")
    assert response.status_code == 302
    moved = events(Hearing, pgh_obj_id=hearing.pk)[-1]
    assert moved.scheduled_on == date(2024, 6, 24)
    assert moved.pgh_context.metadata["user"] == legal_staff.pk
    assert moved.pgh_context.metadata["url"] == reverse(
        "cases:hearing_move", args=[case.pk, hearing.pk]
    )


def test_the_case_page_shows_who_moved_the_hearing_from_what_to_what(
    client, legal_staff, case
) -> None:
    hearing = hearing_schedule(case=case, on=date(2024, 6, 20), purpose="hearing", by=None)
    log_in(client, legal_staff)
    post_form(client, "hearing_move", case, "move", hearing=hearing, new_on="24/06/2024")
    html = _history_html(client, legal_staff, "cases:detail", case.pk)
    assert legal_staff.username in html
    assert "2024-06-20</del> → <ins>2024-06-24" in html
    history = case_history(user=legal_staff, case_pk=case.pk)
    entry = next(e for e in history if e.action == "update" and e.record.startswith("hearing"))
    assert entry.who == legal_staff.username
    assert [(c.before, c.after) for c in entry.changes] == [("2024-06-20", "2024-06-24")]


def test_the_claim_page_shows_who_moved_the_stage(client, legal_staff, claim) -> None:
    log_in(client, legal_staff)
    data = {
        "version": claim.version,
        "seen_stage": claim.stage,
        "seen_possession": claim.possession,
        "on": "2020-02-01",
        "to": "application_prepared",
    }
    response = client.post(reverse("claims:change_stage", args=[claim.pk]), data)
    assert response.status_code == 302
    html = _history_html(client, legal_staff, "claims:detail", claim.pk)
    assert legal_staff.username in html
    assert "Identified</del> → <ins>Application prepared" in html
    assert "2020-01-10</del> → <ins>2020-02-01" in html  # stage_since


def test_raw_sql_shows_as_a_change_without_a_user(client, legal_staff, case) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_legalcase SET bench = 'Bench 9' WHERE id = %s", [case.pk])
    html = _history_html(client, legal_staff, "cases:detail", case.pk)
    assert "a direct database change (no user)" in html
    assert "<ins>Bench 9</ins>" in html


@pytest.mark.parametrize("role", ["monitor", "viewer", "legal", "admin"])
def test_no_role_reads_a_member_party_name_in_the_case_history(
    client, org, case, member_party, role
) -> None:
    html = _history_html(client, make_user(organisation=org, role=role), "cases:detail", case.pk)
    assert "TGL-0042" in html
    for name in MEMBER_NAMES:
        assert name not in html


def test_a_monitor_never_sees_member_personal_fields_in_history(org, places, case) -> None:
    from landclaims.audit.selectors import _entries, _events
    from landclaims.groups.models import Member

    group = make_group(organisation=org, village=places.village_a)
    member = member_create(
        group=group, code="TGL-7", sex="female", priority_category="erosion_victim"
    )
    Member.objects.filter(pk=member.pk).update(phone="01711111111", nid="1990123456789")
    monitor = make_user(organisation=org, role="monitor")
    organiser = make_user(organisation=org, role="organiser")
    seen = _entries(monitor, Member, _events(Member).filter(pgh_obj_id=member.pk))[-1]
    assert {(c.before, c.after) for c in seen.changes} == {("(hidden)", "(hidden)")}
    named = _entries(organiser, Member, _events(Member).filter(pgh_obj_id=member.pk))[-1]
    assert ("—", "01711111111") in {(c.before, c.after) for c in named.changes}


def test_another_organisation_never_sees_the_history(
    client, outsider, legal_staff, case, claim
) -> None:
    hearing_schedule(case=case, on=date(2024, 6, 20), purpose="hearing", by=None)
    assert case_history(user=legal_staff, case_pk=case.pk)
    assert case_history(user=outsider, case_pk=case.pk) == []
    assert claim_history(user=outsider, claim_pk=claim.pk) == []
    log_in(client, outsider)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_a_district_limited_user_does_not_see_history_outside_their_districts(
    legal_a, org, places
) -> None:
    from tests.factories import make_case

    other = make_case(organisation=org, district=places.district_b)
    hearing_schedule(case=other, on=date(2024, 6, 20), purpose="hearing", by=None)
    assert case_history(user=legal_a, case_pk=other.pk) == []


def test_the_parcel_history_names_the_changed_field_and_hides_other_organisations(
    org, places, legal_staff, outsider
) -> None:
    from landclaims.audit.selectors import parcel_history
    from landclaims.parcels.models import Parcel
    from tests.factories import make_parcel

    parcel = make_parcel(organisation=org, mouza=places.mouza_a, khatian_no="12")
    Parcel.objects.filter(pk=parcel.pk).update(khatian_no="১২৩")  # Bengali digits kept as typed
    newest = parcel_history(user=legal_staff, parcel_pk=parcel.pk)[0]
    assert [(c.field, c.before, c.after) for c in newest.changes] == [("khatian no.", "12", "১২৩")]
    assert parcel_history(user=outsider, parcel_pk=parcel.pk) == []
