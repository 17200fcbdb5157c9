"""The case pages as legal staff use them: the list, one case, and the writes on its page."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from landclaims.cases.models import CaseEvent, Hearing, InterimOrder, LegalCase
from landclaims.cases.services import (
    case_add_party,
    case_record_judgment,
    hearing_schedule,
    interim_order_record,
)
from landclaims.core.text import bengali_digits
from landclaims.groups.services import member_create
from tests.cases.conftest import post_form
from tests.factories import log_in, make_case, make_claim, make_group, make_user

pytestmark = pytest.mark.django_db


def _between(html: str, start: str, end: str) -> str:
    """The part of the page from `start` to the next `end`."""
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


# --- the list ---------------------------------------------------------------------------


@pytest.fixture
def varied(org, places, case):
    """Three cases that differ in every filter, so each filter must pick exactly one."""
    hearing_schedule(case=case, on=date(2024, 6, 10), purpose="rule hearing", by=None)
    suit = make_case(
        organisation=org,
        district=places.district_b,
        case_type="civil_suit",
        forum_level="joint_district_judge",
        court_name="Joint District Judge Court, Gaibandha",
    )
    hearing_schedule(case=suit, on=date(2024, 7, 20), purpose="written statement", by=None)
    # An accused on our side who is not a member does not make a "members accused" case.
    case_add_party(case=suit, name="A neighbour", role="accused", side="ours")
    criminal = make_case(
        organisation=org,
        district=places.district_a,
        case_type="criminal_gr",
        forum_level="judicial_magistrate",
        court_name="Chief Judicial Magistrate, Tangail",
        our_role="respondent",
    )
    member = member_create(
        group=make_group(organisation=org, village=places.village_a),
        code="NK-0042",
        sex="female",
        priority_category="no_homestead_no_land",
    )
    case_add_party(case=criminal, name="NK-0042", role="accused", side="ours", member=member)
    case_record_judgment(case=criminal, on=date(2024, 5, 1), outcome="in_our_favour", by=None)
    return {"writ": case, "suit": suit, "criminal": criminal}


def _listed(client, **query) -> set[int]:
    response = client.get(reverse("cases:list"), query)
    assert response.status_code == 200
    return {case.pk for case in response.context["page"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"writ", "suit", "criminal"}),
        ({"case_type": "civil_suit"}, {"suit"}),
        ({"court": "magistrate"}, {"criminal"}),
        ({"number": "৩৬৪"}, {"writ"}),
        ({"status": "disposed"}, {"criminal"}),
        ({"our_role": "respondent"}, {"criminal"}),
        ({"next_from": "2024-07-01"}, {"suit"}),
        ({"next_to": "30/06/2024"}, {"writ"}),
        ({"next_from": "০১/০৬/২০২৪", "next_to": "১০/০৬/২০২৪"}, {"writ"}),
        ({"members_accused": "on"}, {"criminal"}),
    ],
    ids=lambda value: "-".join(value) if isinstance(value, dict) else None,
)
def test_each_list_filter_narrows_to_the_matching_cases(
    client, legal_staff, varied, query, expected
) -> None:
    log_in(client, legal_staff)
    assert _listed(client, **query) == {varied[name].pk for name in expected}


def test_the_district_filter_narrows_to_that_district(client, legal_staff, varied, places) -> None:
    log_in(client, legal_staff)
    assert _listed(client, district=places.district_b.pk) == {varied["suit"].pk}


def test_the_list_shows_the_courts_number_court_district_and_next_date(
    client, legal_staff, varied
) -> None:
    log_in(client, legal_staff)
    html = client.get(reverse("cases:list")).content.decode()
    row = _between(html, f'data-case="{varied["writ"].pk}"', "</tr>")
    for text in ["Writ Petition No. 364 of 2017", "High Court Division, Dhaka", "Tangail"]:
        assert text in row
    assert "10 June 2024" in row
    assert "rule hearing" in row


def test_the_list_puts_the_soonest_date_first_and_cases_without_one_last(
    client, legal_staff, varied
) -> None:
    log_in(client, legal_staff)
    page = client.get(reverse("cases:list")).context["page"]
    assert [case.pk for case in page] == [varied[n].pk for n in ("writ", "suit", "criminal")]


def test_a_wrongly_typed_date_filter_is_reported_and_the_other_filters_still_apply(
    client, legal_staff, varied
) -> None:
    log_in(client, legal_staff)
    response = client.get(reverse("cases:list"), {"next_from": "31/02/2024", "status": "disposed"})
    assert "next_from" in response.context["form"].errors
    assert {case.pk for case in response.context["page"]} == {varied["criminal"].pk}


def test_the_list_pages_by_fifty(client, legal_staff, org, places) -> None:
    for _ in range(51):
        make_case(organisation=org, district=places.district_a)
    log_in(client, legal_staff)
    assert len(client.get(reverse("cases:list")).context["page"]) == 50
    second = client.get(reverse("cases:list"), {"page": 2, "case_type": "writ"})
    assert len(second.context["page"]) == 1
    assert "case_type=writ" in second.content.decode()  # the page links keep the filters


# --- who sees what --------------------------------------------------------------------


def test_another_organisations_user_sees_no_case_and_gets_404(client, outsider, case) -> None:
    log_in(client, outsider)
    assert _listed(client) == set()
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_a_district_limited_user_sees_only_cases_of_their_districts(
    client, legal_a, varied
) -> None:
    log_in(client, legal_a)
    assert _listed(client) == {varied["writ"].pk, varied["criminal"].pk}
    assert client.get(reverse("cases:detail", args=[varied["suit"].pk])).status_code == 404
    assert client.get(reverse("cases:detail", args=[varied["writ"].pk])).status_code == 200


def test_a_district_limited_user_cannot_write_to_a_case_outside_their_districts(
    client, legal_a, org, places
) -> None:
    other = make_case(organisation=org, district=places.district_b)
    log_in(client, legal_a)
    response = post_form(
        client, "hearing_schedule", other, "schedule", on="2024-07-01", purpose="hearing"
    )
    assert response.status_code == 404
    assert not Hearing.objects.filter(case=other).exists()


def test_the_case_pages_ask_anonymous_visitors_to_log_in(client, case) -> None:
    for url in [reverse("cases:list"), reverse("cases:detail", args=[case.pk])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    response = client.post(reverse("cases:hearing_schedule", args=[case.pk]))
    assert response.status_code == 302
    assert not Hearing.objects.exists()


def test_the_write_urls_refuse_get(client, legal_staff, case) -> None:
    log_in(client, legal_staff)
    assert client.get(reverse("cases:judgment_record", args=[case.pk])).status_code == 405


# --- one case -------------------------------------------------------------------------


@pytest.fixture
def accused_member(org, places):
    return member_create(
        group=make_group(organisation=org, village=places.village_a),
        code="NK-0042",
        name_en="Rahima Khatun",
        name_bn="রহিমা খাতুন",
        nid="1990123456789",
        sex="female",
        priority_category="no_homestead_no_land",
    )


def test_parties_are_shown_on_their_side_and_members_by_code_only(
    client, legal_staff, case, accused_member
) -> None:
    # Staff typed the member's real name as the party's name: the page must still not show it.
    case_add_party(
        case=case, name="Rahima Khatun", role="accused", side="ours", member=accused_member
    )
    case_add_party(case=case, name="Charpara Women's Samity", role="petitioner", side="ours")
    case_add_party(case=case, name="Abdul Karim Talukdar", role="respondent", side="theirs")
    log_in(client, legal_staff)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    ours = _between(html, 'class="side ours"', "</div>")
    theirs = _between(html, 'class="side theirs"', "</div>")
    assert "NK-0042" in ours and "Charpara Women" in ours and "Accused" in ours
    assert "Abdul Karim Talukdar" in theirs and "Abdul Karim" not in ours
    for personal in ["Rahima", "রহিমা", "1990123456789"]:
        assert personal not in html


def test_the_page_shows_the_adjournment_chain(client, legal_staff, case, past_hearing) -> None:
    log_in(client, legal_staff)
    post_form(
        client, "hearing_adjourn", case, "adjourn", hearing=past_hearing,
        next_on="2024-07-10", purpose="argument", note="time petition",
    )  # fmt: skip
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    old = _between(html, f'data-hearing="{past_hearing.pk}"', "</tr>")
    new = _between(html, f'data-hearing="{past_hearing.next_hearing.pk}"', "</tr>")
    assert "Adjourned" in old and "to 10 July 2024" in old and "time petition" in old
    assert "Scheduled" in new and "from 28 May 2024" in new


def test_orders_in_force_flag_those_lapsing_within_seven_days(client, legal_staff, case) -> None:
    def order(kind, until):
        return interim_order_record(
            case=case, kind=kind, made_on=date(2024, 1, 2), in_force_until=until, by=None
        )

    lapsing, lasting, lapsed = (
        order("stay", date(2024, 6, 7)),
        order("status_quo", date(2024, 7, 1)),
        order("injunction", date(2024, 5, 1)),
    )
    log_in(client, legal_staff)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    in_force = _between(html, "Interim orders in force", "</table>")
    assert re.search(rf'class="order lapsing" data-order="{lapsing.pk}"', in_force)
    assert f'class="order" data-order="{lasting.pk}"' in in_force
    assert f'data-order="{lapsed.pk}"' not in in_force
    assert "lapsed" in _between(html, f'data-order="{lapsed.pk}"', "</tr>")


def test_the_page_links_the_appeal_chain_claims_parcels_and_groups(
    client, legal_staff, org, places
) -> None:
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a2)
    parcel, group = claim.parcels.get(), claim.groups.get()
    suit = make_case(organisation=org, district=places.district_a, case_type="civil_suit")
    appeal = make_case(
        organisation=org,
        district=places.district_a,
        case_type="civil_appeal",
        parent=suit,
        claims=[claim],
    )
    revision = make_case(
        organisation=org, district=places.district_a, case_type="civil_revision", parent=appeal
    )
    log_in(client, legal_staff)
    html = client.get(reverse("cases:detail", args=[appeal.pk])).content.decode()
    assert f'href="{reverse("cases:detail", args=[suit.pk])}"' in html
    assert f'href="{reverse("cases:detail", args=[revision.pk])}"' in html
    assert f'href="/claims/{claim.pk}/"' in html
    assert "Bil Kuralia" in html and f"dag {parcel.dag_display}" in html
    assert group.name_bn in html


def test_every_form_carries_the_cases_version(client, legal_staff, case, past_hearing) -> None:
    case.refresh_from_db()
    log_in(client, legal_staff)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    for prefix in ["held", "adjourn", "order", "judgment"]:
        assert f'name="{prefix}-version" value="{case.version}"' in html


def test_an_unknown_case_is_404(client, legal_staff, db) -> None:
    log_in(client, legal_staff)
    assert client.get(reverse("cases:detail", args=[999999])).status_code == 404


# --- writes ---------------------------------------------------------------------------


def test_a_hearing_is_fixed_through_the_form_when_none_is_scheduled(
    client, legal_staff, case
) -> None:
    log_in(client, legal_staff)
    response = post_form(
        client, "hearing_schedule", case, "schedule", on="15/07/2024", purpose="hearing"
    )
    assert response.status_code == 302
    assert case.hearings.get().scheduled_on == date(2024, 7, 15)
    page = client.get(response.url)
    assert "Hearing fixed for 15 July 2024." in page.content.decode()


def test_an_adjournment_through_the_form_moves_the_next_date_and_keeps_the_old_hearing(
    client, legal_staff, case, past_hearing
) -> None:
    log_in(client, legal_staff)
    response = post_form(
        client, "hearing_adjourn", case, "adjourn", hearing=past_hearing,
        next_on="10/07/2024", purpose="argument", note="judge on leave",
    )  # fmt: skip
    assert response.status_code == 302
    past_hearing.refresh_from_db()
    assert (past_hearing.status, past_hearing.outcome_note) == ("adjourned", "judge on leave")
    following = case.hearings.get(status="scheduled")
    assert (following.scheduled_on, following.previous) == (date(2024, 7, 10), past_hearing)
    row = _between(client.get(reverse("cases:list")).content.decode(), "data-case=", "</tr>")
    assert "10 July 2024" in row


@pytest.mark.parametrize("next_on", ["2024-05-28", "2024-05-20"])
def test_a_next_date_not_after_the_hearing_is_refused_beside_the_field(
    client, legal_staff, case, past_hearing, next_on
) -> None:
    log_in(client, legal_staff)
    response = post_form(
        client, "hearing_adjourn", case, "adjourn", hearing=past_hearing,
        next_on=next_on, purpose="argument",
    )  # fmt: skip
    assert response.status_code == 200
    form = response.context["forms"]["adjourn"]
    assert form.errors["next_on"] == ["The next date must be after 28 May 2024."]
    field = _between(response.content.decode(), 'id="id_adjourn-next_on"', "</div>")
    assert "The next date must be after 28 May 2024." in field
    assert case.hearings.get().status == "scheduled"


def test_a_date_typed_in_bengali_digits_is_accepted(
    client, legal_staff, case, past_hearing
) -> None:
    log_in(client, legal_staff)
    post_form(
        client, "hearing_adjourn", case, "adjourn", hearing=past_hearing,
        next_on=bengali_digits("10/07/2024"), purpose="argument",
    )  # fmt: skip
    assert case.hearings.get(status="scheduled").scheduled_on == date(2024, 7, 10)


def test_a_hearing_is_recorded_as_held_through_the_form(
    client, legal_staff, case, past_hearing
) -> None:
    log_in(client, legal_staff)
    post_form(client, "hearing_held", case, "held", hearing=past_hearing, note="argued")
    past_hearing.refresh_from_db()
    assert (past_hearing.status, past_hearing.outcome_note) == ("held", "argued")


def test_a_future_hearing_is_moved_through_the_form_without_an_adjournment(
    client, legal_staff, case
) -> None:
    hearing = hearing_schedule(case=case, on=date(2024, 6, 20), purpose="hearing", by=None)
    log_in(client, legal_staff)
    post_form(client, "hearing_move", case, "move", hearing=hearing, new_on="24/06/2024")
    moved = case.hearings.get()
    assert (moved.pk, moved.scheduled_on, moved.status) == (
        hearing.pk,
        date(2024, 6, 24),
        "scheduled",
    )


def test_an_order_is_recorded_through_the_form(client, legal_staff, case) -> None:
    log_in(client, legal_staff)
    response = post_form(
        client, "order_record", case, "order", kind="stay", made_on="০২/০৫/২০২৪",
        in_force_until="2024-08-01", text="Status quo on dag 4521",
    )  # fmt: skip
    assert response.status_code == 302
    order = InterimOrder.objects.get(case=case)
    assert (order.kind, order.in_force_from, order.in_force_until) == (
        "stay",
        date(2024, 5, 2),
        date(2024, 8, 1),
    )


def test_a_judgment_through_the_form_disposes_of_the_case(
    client, legal_staff, case, past_hearing
) -> None:
    log_in(client, legal_staff)
    response = post_form(
        client, "judgment_record", case, "judgment", on="28/05/2024", outcome="in_our_favour"
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("disposed", "in_our_favour")
    assert case.events.filter(kind=CaseEvent.Kind.JUDGMENT, happened_on=date(2024, 5, 28)).exists()
    html = client.get(response.url).content.decode()
    assert 'id="form-judgment"' not in html and 'id="form-adjourn"' not in html


# --- two people at once -----------------------------------------------------------------


def test_a_save_from_a_stale_page_is_refused_and_the_first_save_is_kept(
    client, legal_staff, legal_a, case, past_hearing
) -> None:
    log_in(client, legal_staff)
    page = client.get(reverse("cases:detail", args=[case.pk]))
    loaded = page.context["detail"].case.version
    assert f'name="adjourn-version" value="{loaded}"' in page.content.decode()
    fields = {"hearing": past_hearing, "purpose": "argument", "version": loaded}
    first = post_form(client, "hearing_adjourn", case, "adjourn", next_on="2024-07-10", **fields)
    assert first.status_code == 302

    log_in(client, legal_a)  # a colleague who loaded the same page before the first save
    second = post_form(client, "hearing_adjourn", case, "adjourn", next_on="2024-08-20", **fields)

    assert second.status_code == 200
    errors = _between(second.content.decode(), 'id="form-adjourn"', "</form>")
    # When, and what, in words: never the version counter.
    assert "Someone else changed this record at " in errors
    assert "Your changes were not saved; here is the record as it is now" in errors
    assert "Version" not in errors
    assert errors.index("Someone else") < errors.index('name="adjourn-next_on"')
    assert list(case.hearings.values_list("scheduled_on", "status")) == [
        (date(2024, 5, 28), "adjourned"),
        (date(2024, 7, 10), "scheduled"),
    ]
    case.refresh_from_db()
    assert case.version == loaded + 1


def test_a_refused_stale_save_says_what_changed_even_when_its_form_is_gone(
    client, legal_staff, case
) -> None:
    log_in(client, legal_staff)
    loaded = client.get(reverse("cases:detail", args=[case.pk])).context["detail"].case.version
    post_form(client, "judgment_record", case, "judgment", on="2024-05-30", outcome="against_us")
    response = post_form(
        client, "order_record", case, "order", kind="stay", made_on="2024-05-31",
        version=loaded, seen_status="pending", seen_outcome="",
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert "status is now “Disposed” (you saw “Pending”)" in html
    assert not InterimOrder.objects.filter(case=case).exists()
    assert LegalCase.objects.get(pk=case.pk).outcome == "against_us"


def test_viewers_may_read_a_case_but_not_record_on_it(client, org, places) -> None:
    from landclaims.cases.models import Hearing
    from tests.factories import make_case, make_user

    case = make_case(organisation=org, district=places.district_a)
    log_in(client, make_user(organisation=org, role="viewer"))
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    response = client.post(
        reverse("cases:hearing_schedule", args=[case.pk]),
        {"schedule-on": "2030-01-01", "schedule-purpose": "hearing"},
    )
    assert response.status_code == 403
    assert not Hearing.objects.filter(case=case).exists()


def test_the_page_embeds_the_web_map_of_the_cases_parcels(client, legal_staff, case) -> None:
    log_in(client, legal_staff)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'class="folium-map"' in html
    assert f"/tiles/parcels/{{z}}/{{x}}/{{y}}.pbf?case={case.pk}" in html


def test_the_page_links_groups_and_mouzas_to_their_pages(client, legal_staff, org, places) -> None:
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a2)
    group = claim.groups.get()
    case = make_case(organisation=org, district=places.district_a, claims=[claim])
    log_in(client, legal_staff)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f'href="{reverse("groups:detail", args=[group.pk])}"' in html
    assert f'href="{reverse("places:detail", args=[places.mouza_a2.pk])}"' in html


def test_monitors_see_the_cases_groups_by_number_not_name(client, org, places) -> None:
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a2)
    group = claim.groups.get()
    case = make_case(organisation=org, district=places.district_a, claims=[claim])
    log_in(client, make_user(organisation=org, role="monitor"))
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert group.name_bn not in html
    assert escape(f"Women's group, {group.village.name_en}") in html


def test_two_unrelated_orders_from_one_page_are_both_recorded(client, legal_staff, case) -> None:
    """An order is added beside the others, so a page loaded before the first order was
    recorded may still record a second one (the bug: refused as an edit conflict)."""
    log_in(client, legal_staff)
    loaded = client.get(reverse("cases:detail", args=[case.pk])).context["detail"].case.version
    for made_on in ("2024-05-02", "2024-05-03"):
        response = post_form(
            client, "order_record", case, "order", kind="stay", made_on=made_on,
            version=loaded, seen_status="pending", seen_outcome="",
        )  # fmt: skip
        assert response.status_code == 302
    made = InterimOrder.objects.filter(case=case).values_list("made_on", flat=True)
    assert sorted(made) == [date(2024, 5, 2), date(2024, 5, 3)]
    case.refresh_from_db()
    assert case.version == loaded + 2
