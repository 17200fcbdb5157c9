"""The case intake pages: opening, editing, parties, appeals and the lawyer directory."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.cases.models import CaseParty, Lawyer, LegalCase
from landclaims.cases.services import case_add_party, case_record_judgment, lawyer_create
from landclaims.groups.services import member_create
from tests.cases.conftest import post_form
from tests.factories import log_in, make_case, make_claim, make_group, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_legal(client, legal_staff):
    log_in(client, legal_staff)
    return client


@pytest.fixture
def claim(org, places):
    return make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)


def _new_case(places, **extra):
    data = {
        "case_type": "writ",
        "forum_level": "high_court_division",
        "court_name": "High Court Division",
        "bench": "",
        "number": "৩৬৪",
        "filed_on": "০২/০৩/২০১৭",
        "year": "",
        "district": places.district_a.pk,
        "our_role": "petitioner",
        "party-TOTAL_FORMS": "2",
        "party-INITIAL_FORMS": "0",
        "party-0-side": "theirs",
        "party-0-role": "respondent",
        "party-0-name": "Abdul Karim",
        "party-1-side": "ours",
        "party-1-role": "petitioner",
    }
    data.update(extra)
    return data


# --- who may write ---------------------------------------------------------------------


def _write_urls(case, lawyer, party):
    return [
        ("get", reverse("cases:new")),
        ("post", reverse("cases:new")),
        ("get", reverse("cases:edit", args=[case.pk])),
        ("post", reverse("cases:edit", args=[case.pk])),
        ("post", reverse("cases:party_add", args=[case.pk])),
        ("post", reverse("cases:party_remove", args=[case.pk, party.pk])),
        ("get", reverse("cases:appeal", args=[case.pk])),
        ("post", reverse("cases:appeal", args=[case.pk])),
        ("get", reverse("cases:lawyer_new")),
        ("post", reverse("cases:lawyer_new")),
        ("get", reverse("cases:lawyer_edit", args=[lawyer.pk])),
        ("post", reverse("cases:lawyer_edit", args=[lawyer.pk])),
    ]


@pytest.mark.parametrize("role", ["monitor", "viewer", "organiser"])
def test_roles_that_do_not_write_cases_get_403_everywhere(client, org, case, role) -> None:
    lawyer = lawyer_create(organisation=org, name="Advocate A", by=None)
    party = case_add_party(case=case, role="respondent", side="theirs", name="X")
    log_in(client, make_user(organisation=org, role=role))
    for method, url in _write_urls(case, lawyer, party):
        assert getattr(client, method)(url).status_code == 403, (method, url)
    assert CaseParty.objects.filter(pk=party.pk).exists()


def test_another_organisations_case_is_not_found(client, other_org, places, org) -> None:
    theirs = make_case(organisation=other_org, district=places.district_a)
    lawyer = lawyer_create(organisation=other_org, name="Advocate B", by=None)
    party = case_add_party(case=theirs, role="respondent", side="theirs", name="X")
    log_in(client, make_user(organisation=org, role="legal"))
    for method, url in (
        _write_urls(theirs, lawyer, party)[2:8] + _write_urls(theirs, lawyer, party)[10:]
    ):
        assert getattr(client, method)(url).status_code == 404, (method, url)


# --- opening a case --------------------------------------------------------------------


def test_a_claims_page_offers_to_open_a_case_for_it(client_legal, claim) -> None:
    page = client_legal.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert f"/cases/new/?claim={claim.pk}" in page


def test_a_monitor_is_not_offered_to_open_a_case(client, org, claim) -> None:
    log_in(client, make_user(organisation=org, role="monitor"))
    page = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "/cases/new/" not in page


def test_opened_from_a_claim_the_form_has_the_claim_and_its_district(client_legal, claim) -> None:
    response = client_legal.get(reverse("cases:new"), {"claim": claim.pk})
    form = response.context["form"]
    assert form.initial["claims"] == [claim.pk]
    assert form.initial["district"] == claim.district_id
    assert set(form.fields["parcels"].queryset) == set(claim.parcels.all())


def test_opened_from_a_group_its_claims_are_offered(client_legal, org, places, claim) -> None:
    group = claim.groups.get()
    other = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    response = client_legal.get(reverse("cases:new"), {"group": group.pk})
    offered = set(response.context["form"].fields["claims"].queryset)
    assert offered == {claim}
    assert other not in offered


def test_a_case_is_opened_with_bengali_digits_and_a_member_by_code(
    client_legal, org, places, claim
) -> None:
    member = member_create(
        group=make_group(organisation=org, village=places.village_a),
        code="NK-0042",
        sex="female",
        priority_category="no_homestead_no_land",
        name_bn="রহিমা খাতুন",
    )
    lawyer = lawyer_create(organisation=org, name="Advocate Sara Hossain", by=None)
    url = reverse("cases:new") + f"?claim={claim.pk}"
    data = _new_case(
        places, **{"party-1-member_code": "NK-0042", "lawyers": [lawyer.pk], "claims": [claim.pk]}
    )
    response = client_legal.post(url, data)
    case = LegalCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert (case.display_no, case.filed_on) == ("Writ Petition No. 364 of 2017", date(2017, 3, 2))
    assert case.parties.get(side="ours").member == member
    assert "রহিমা" not in str(list(case.parties.values_list("name", flat=True)))
    assert list(case.claims.all()) == [claim]
    assert list(case.lawyers.all()) == [lawyer]


def test_a_wrong_number_is_shown_beside_it_and_what_was_typed_is_kept(client_legal, places) -> None:
    response = client_legal.post(
        reverse("cases:new"), _new_case(places, number="Writ Petition No. 364 of 2017")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_number_errors"' in page
    assert 'value="Abdul Karim"' in page
    assert not LegalCase.objects.exists()


def test_an_unknown_member_code_is_shown_beside_it(client_legal, places) -> None:
    response = client_legal.post(
        reverse("cases:new"), _new_case(places, **{"party-1-member_code": "NK-9999"})
    )
    assert response.status_code == 400
    assert 'id="id_party-1-member_code_errors"' in response.content.decode()


def test_a_gr_case_without_its_police_station_is_refused_beside_it(client_legal, places) -> None:
    data = _new_case(
        places,
        case_type="criminal_gr",
        forum_level="judicial_magistrate",
        court_name="Chief Judicial Magistrate",
    )
    response = client_legal.post(reverse("cases:new"), data)
    assert 'id="id_police_station_errors"' in response.content.decode()
    assert not LegalCase.objects.exists()


# --- the conflict check ----------------------------------------------------------------


def test_a_known_name_is_shown_first_and_saved_on_confirmation(
    client_legal, org, places, case
) -> None:
    case_add_party(case=case, role="petitioner", side="ours", name="Abdul Karim")
    data = _new_case(places, number="12", **{"party-0-name": "ABDUL  karim"})
    first = client_legal.post(reverse("cases:new"), data)
    assert LegalCase.objects.count() == 1  # nothing saved yet
    page = first.content.decode()
    assert 'id="conflicts"' in page
    assert "Writ Petition No. 364 of 2017" in page
    checked = first.context["form"].data["checked_names"]
    second = client_legal.post(
        reverse("cases:new"), {**data, "confirm": "on", "checked_names": checked}
    )
    assert second.status_code == 302
    assert LegalCase.objects.count() == 2


def test_a_confirmation_does_not_cover_a_name_changed_afterwards(
    client_legal, places, case
) -> None:
    case_add_party(case=case, role="petitioner", side="ours", name="Abdul Karim")
    case_add_party(case=case, role="petitioner", side="ours", name="Rahim Mia")
    data = _new_case(places, number="12")
    first = client_legal.post(reverse("cases:new"), data)
    checked = first.context["form"].data["checked_names"]
    changed = {**data, "party-0-name": "Rahim Mia", "confirm": "on", "checked_names": checked}
    second = client_legal.post(reverse("cases:new"), changed)
    assert second.status_code == 200
    assert LegalCase.objects.count() == 1


def test_adding_a_party_by_a_known_name_asks_first(client_legal, org, places, case) -> None:
    other = make_case(organisation=org, district=places.district_a, number="99", year=2020)
    case_add_party(case=other, role="petitioner", side="ours", name="Abdul Karim")
    fields = {"side": "theirs", "role": "respondent", "name": "abdul karim"}
    first = post_form(client_legal, "party_add", case, "party", **fields)
    assert "Writ Petition No. 99 of 2020" in first.content.decode()
    assert not case.parties.exists()
    checked = first.context["forms"]["party"].data["party-checked_names"]
    second = post_form(
        client_legal, "party_add", case, "party", **fields, confirm="on", checked_names=checked
    )
    assert second.status_code == 302
    assert case.parties.get().name == "abdul karim"


def test_a_removal_from_a_stale_page_is_refused_and_said(client_legal, case) -> None:
    party = case_add_party(case=case, role="respondent", side="theirs", name="X")
    case_record_judgment(case=case, on=date(2024, 4, 1), outcome="against_us", by=None)
    stale = {"version": 1, "seen_status": "pending", "seen_outcome": ""}
    response = client_legal.post(
        reverse("cases:party_remove", args=[case.pk, party.pk]),
        {f"remove-{k}": v for k, v in stale.items()},
    )
    assert "Someone else changed this record" in response.content.decode()
    assert case.parties.filter(pk=party.pk).exists()


def test_a_party_is_removed_from_the_case_page(client_legal, case) -> None:
    party = case_add_party(case=case, role="respondent", side="theirs", name="X")
    response = post_form(client_legal, "party_remove", case, "remove", hearing=party)
    assert response.status_code == 302
    assert not case.parties.exists()


# --- editing ---------------------------------------------------------------------------


def _edit_data(case, **extra):
    data = {
        "forum_level": case.forum_level,
        "court_name": case.court_name,
        "bench": case.bench,
        "our_role": case.our_role,
        "summary": case.summary,
        "cost_bdt": str(case.cost_bdt),
        "version": case.version,
        **{f"seen_{n}": str(getattr(case, n)) for n in (
            "forum_level", "court_name", "bench", "police_station", "police_case_no",
            "our_role", "summary", "cost_bdt", "status")},
    }  # fmt: skip
    data.update(extra)
    return data


def test_an_edit_saves_and_moves_the_version(client_legal, case) -> None:
    response = client_legal.post(
        reverse("cases:edit", args=[case.pk]), _edit_data(case, cost_bdt="১২,৫০০")
    )
    assert response.status_code == 302
    saved = LegalCase.objects.get(pk=case.pk)
    assert (str(saved.cost_bdt), saved.version) == ("12500.00", case.version + 1)


def test_of_two_people_saving_the_same_case_one_wins(client, org, case) -> None:
    loaded = _edit_data(case)
    first, second = (
        make_user(organisation=org, role="legal"),
        make_user(organisation=org, role="legal"),
    )
    log_in(client, first)
    url = reverse("cases:edit", args=[case.pk])
    assert client.post(url, {**loaded, "summary": "first"}).status_code == 302
    log_in(client, second)
    refused = client.post(url, {**loaded, "court_name": "High Court, Bench 9"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Someone else changed this record" in page
    assert 'value="High Court, Bench 9"' in page  # what was typed is kept
    saved = LegalCase.objects.get(pk=case.pk)
    assert (saved.summary, saved.court_name) == ("first", case.court_name)


def test_saving_again_after_a_refusal_keeps_the_other_persons_change(client, org, case) -> None:
    loaded = _edit_data(case)
    log_in(client, make_user(organisation=org, role="legal"))
    url = reverse("cases:edit", args=[case.pk])
    client.post(url, {**loaded, "summary": "first"})
    refused = client.post(url, {**loaded, "court_name": "High Court, Bench 9"})
    again = {
        name: (values if len(values) != 1 else values[0])
        for name, values in refused.context["form"].data.lists()
    }
    assert again["summary"] == "first"  # untouched here: now shows their change
    assert client.post(url, again).status_code == 302
    saved = LegalCase.objects.get(pk=case.pk)
    assert (saved.summary, saved.court_name) == ("first", "High Court, Bench 9")


# --- appeals ---------------------------------------------------------------------------


def test_an_appeal_is_filed_from_the_case_page(client_legal, case) -> None:
    case_add_party(case=case, role="respondent", side="theirs", name="Deputy Commissioner")
    case_record_judgment(case=case, on=date(2024, 4, 1), outcome="against_us", by=None)
    detail = client_legal.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("cases:appeal", args=[case.pk]) in detail
    fields = {
        "case_type": "civil_leave_petition",
        "forum_level": "appellate_division",
        "court_name": "Appellate Division",
        "number": "৭৮",
        "filed_on": "2024-05-02",
        "our_role": "petitioner",
    }
    response = post_form(client_legal, "appeal", case, "appeal", **fields)
    higher = LegalCase.objects.get(parent=case)
    assert response["Location"] == reverse("cases:detail", args=[higher.pk])
    assert higher.display_no == "Civil Petition for Leave to Appeal No. 78 of 2024"
    assert LegalCase.objects.get(pk=case.pk).status == "on_appeal"
    above = client_legal.get(reverse("cases:detail", args=[higher.pk])).content.decode()
    assert reverse("cases:detail", args=[case.pk]) in above


def test_the_appeal_form_offers_only_the_next_steps(client_legal, case) -> None:
    form = client_legal.get(reverse("cases:appeal", args=[case.pk])).context["form"]
    assert [value for value, _label in form.fields["case_type"].choices] == ["civil_leave_petition"]


# --- lawyers ---------------------------------------------------------------------------


def test_the_directory_lists_only_the_organisations_lawyers(client_legal, org, other_org) -> None:
    lawyer_create(organisation=org, name="Advocate Ours", by=None)
    lawyer_create(organisation=other_org, name="Advocate Theirs", by=None)
    page = client_legal.get(reverse("cases:lawyers")).content.decode()
    assert "Advocate Ours" in page
    assert "Advocate Theirs" not in page


def test_a_lawyer_is_added_and_linked_to_an_account(client_legal, org, legal_staff) -> None:
    data = {"name": "Advocate Sara Hossain", "phone": "০১৭১১০০০০০০", "user": legal_staff.pk}
    response = client_legal.post(reverse("cases:lawyer_new"), data)
    assert response.status_code == 302
    lawyer = Lawyer.objects.get()
    assert (lawyer.organisation, lawyer.phone, lawyer.user) == (org, "01711000000", legal_staff)


def test_a_lawyer_is_edited(client_legal, org) -> None:
    lawyer = lawyer_create(organisation=org, name="Advocate A", by=None)
    response = client_legal.post(
        reverse("cases:lawyer_edit", args=[lawyer.pk]), {"name": "Advocate A. Rahman"}
    )
    assert response.status_code == 302
    assert Lawyer.objects.get(pk=lawyer.pk).name == "Advocate A. Rahman"
