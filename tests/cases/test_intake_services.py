"""Opening a case in one go, its parties, the conflict check, and filing an appeal."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from landclaims.cases.models import CaseEvent, CaseParty, LegalCase
from landclaims.cases.selectors import case_party_conflicts, member_by_code
from landclaims.cases.services import (
    PartyInput,
    case_add_party,
    case_create,
    case_file_appeal,
    case_record_judgment,
    case_remove_party,
    case_update,
    lawyer_create,
)
from landclaims.core.concurrency import EditConflict
from landclaims.groups.services import member_create
from tests.factories import make_case, make_claim, make_group, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(org, places):
    group = make_group(organisation=org, village=places.village_a)
    return member_create(
        group=group,
        code="NK-0042",
        sex="female",
        priority_category="no_homestead_no_land",
        name_bn="রহিমা খাতুন",
    )


def _open(org, places, by, **extra):
    fields = {
        "organisation": org,
        "district": places.district_a,
        "case_type": "writ",
        "forum_level": "high_court_division",
        "court_name": "High Court Division",
        "number": "৩৬৪",
        "year": 2017,
        "filed_on": date(2017, 3, 2),
        "our_role": "petitioner",
        "by": by,
        **extra,
    }
    return case_create(**fields)


def test_a_case_opens_with_parties_lawyers_and_the_person_reminded(
    org, places, legal_staff, member
) -> None:
    lawyer = lawyer_create(organisation=org, name="Advocate Sara Hossain", by=legal_staff)
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    case = _open(
        org,
        places,
        legal_staff,
        claims=[claim],
        lawyers=[lawyer],
        responsible=legal_staff,
        parties=[
            PartyInput(side="ours", role="petitioner", member=member),
            PartyInput(side="theirs", role="respondent", name="  Abdul   Karim "),
        ],
    )
    assert case.display_no == "Writ Petition No. 364 of 2017"
    assert list(case.lawyers.all()) == [lawyer]
    assert case.responsible == legal_staff
    ours = case.parties.get(side="ours")
    assert (ours.member, ours.name) == (member, "")  # the member's name is never copied
    assert case.parties.get(side="theirs").name == "Abdul Karim"
    assert list(case.claims.all()) == [claim]


def test_a_refused_party_saves_nothing_of_the_case(org, places, legal_staff, member) -> None:
    with pytest.raises(ValidationError) as refused:
        _open(
            org,
            places,
            legal_staff,
            parties=[
                PartyInput(side="theirs", role="respondent", name="Abdul Karim"),
                PartyInput(side="theirs", role="respondent", member=member),
            ],
        )
    assert "parties" in refused.value.message_dict
    assert "Party 2" in refused.value.message_dict["parties"][0]
    assert not LegalCase.objects.exists()


def test_a_party_needs_a_name_or_a_member(org, places, legal_staff) -> None:
    with pytest.raises(ValidationError) as refused:
        _open(org, places, legal_staff, parties=[PartyInput(side="theirs", role="respondent")])
    assert "parties" in refused.value.message_dict


def test_a_gr_case_keeps_its_police_case_in_ascii_digits(org, places, legal_staff) -> None:
    case = _open(
        org,
        places,
        legal_staff,
        case_type="criminal_gr",
        forum_level="judicial_magistrate",
        court_name="Chief Judicial Magistrate, Tangail",
        police_station="Tangail Sadar",
        police_case_no="১২",
    )
    assert (case.police_station, case.police_case_no) == ("Tangail Sadar", "12")


def test_only_a_gr_case_has_police_fields(org, places, legal_staff) -> None:
    with pytest.raises(ValidationError) as refused:
        _open(org, places, legal_staff, police_station="Tangail Sadar")
    assert "police_station" in refused.value.message_dict


def test_only_the_supreme_court_sits_in_benches(org, places, legal_staff) -> None:
    with pytest.raises(ValidationError) as refused:
        _open(
            org,
            places,
            legal_staff,
            case_type="civil_suit",
            forum_level="joint_district_judge",
            court_name="Joint District Judge, Tangail",
            bench="Bench 3",
        )
    assert "bench" in refused.value.message_dict


def test_the_person_reminded_is_legal_staff_of_the_organisation(
    org, places, legal_staff, organiser
) -> None:
    with pytest.raises(ValidationError) as refused:
        _open(org, places, legal_staff, responsible=organiser)
    assert "responsible" in refused.value.message_dict


def test_another_organisations_lawyer_is_refused(org, other_org, places, legal_staff) -> None:
    theirs = lawyer_create(organisation=other_org, name="Advocate Other", by=None)
    with pytest.raises(ValidationError) as refused:
        _open(org, places, legal_staff, lawyers=[theirs])
    assert "lawyers" in refused.value.message_dict


@pytest.mark.parametrize("role", ["monitor", "viewer", "organiser"])
def test_only_legal_staff_open_cases(org, places, role) -> None:
    with pytest.raises(PermissionDenied):
        _open(org, places, make_user(organisation=org, role=role))


# --- parties ---------------------------------------------------------------------------


def test_a_member_is_never_on_the_other_side(case, legal_staff, member) -> None:
    with pytest.raises(ValidationError) as refused:
        case_add_party(case=case, role="respondent", side="theirs", member=member, by=legal_staff)
    assert "side" in refused.value.message_dict


def test_a_party_is_removed_and_the_version_moves(case, legal_staff) -> None:
    party = case_add_party(case=case, role="respondent", side="theirs", name="X", by=legal_staff)
    version = LegalCase.objects.get(pk=case.pk).version
    case_remove_party(case=case, party=party, by=legal_staff, expected_version=version)
    assert not CaseParty.objects.filter(pk=party.pk).exists()
    assert LegalCase.objects.get(pk=case.pk).version == version + 1


def test_removing_a_party_of_another_case_is_refused(org, places, case, legal_staff) -> None:
    other = make_case(organisation=org, district=places.district_a)
    party = case_add_party(case=other, role="respondent", side="theirs", name="X", by=None)
    with pytest.raises(ValidationError) as refused:
        case_remove_party(case=case, party=party, by=legal_staff)
    assert "party" in refused.value.message_dict
    assert CaseParty.objects.filter(pk=party.pk).exists()


def test_a_member_is_found_by_code_without_reading_the_name(legal_staff, member) -> None:
    found = member_by_code(user=legal_staff, code="nk-0042")
    assert found.pk == member.pk
    assert "name_bn" in found.get_deferred_fields()


def test_a_monitor_finds_no_member_by_code(org, member) -> None:
    from landclaims.groups.models import Member

    with pytest.raises(Member.DoesNotExist):
        member_by_code(user=make_user(organisation=org, role="monitor"), code="NK-0042")


# --- the conflict check ----------------------------------------------------------------


def test_a_name_on_our_side_elsewhere_is_a_conflict(org, places, case, legal_staff) -> None:
    case_add_party(case=case, role="petitioner", side="ours", name="Abdul Karim", by=None)
    conflicts = case_party_conflicts(user=legal_staff, names=["abdul  KARIM"])
    assert [(c.case.pk, c.side) for c in conflicts] == [(case.pk, "ours")]
    assert conflicts[0].case.display_no == "Writ Petition No. 364 of 2017"


def test_names_match_in_either_digit_set(case, legal_staff) -> None:
    case_add_party(case=case, role="respondent", side="theirs", name="Plot 12 Samity", by=None)
    assert case_party_conflicts(user=legal_staff, names=["plot ১২ samity"])


def test_a_different_name_is_no_conflict(case, legal_staff) -> None:
    case_add_party(case=case, role="respondent", side="theirs", name="Abdul Karim", by=None)
    assert case_party_conflicts(user=legal_staff, names=["Abdul Karim Mia"]) == []


def test_another_organisations_cases_are_never_shown(org, other_org, places, outsider) -> None:
    case = make_case(organisation=org, district=places.district_a)
    case_add_party(case=case, role="respondent", side="theirs", name="Abdul Karim", by=None)
    assert case_party_conflicts(user=outsider, names=["Abdul Karim"]) == []


def test_the_case_being_edited_is_not_its_own_conflict(case, legal_staff) -> None:
    case_add_party(case=case, role="respondent", side="theirs", name="Abdul Karim", by=None)
    assert case_party_conflicts(user=legal_staff, names=["Abdul Karim"], exclude_case=case) == []


# --- editing ---------------------------------------------------------------------------


def test_of_two_edits_from_the_same_page_one_wins(case, legal_staff) -> None:
    seen = {"court_name": case.court_name}
    case_update(
        case=case,
        by=legal_staff,
        changes={"court_name": "High Court Division, Bench 3"},
        expected_version=case.version,
        seen=seen,
    )
    with pytest.raises(EditConflict) as refused:
        case_update(
            case=case,
            by=legal_staff,
            changes={"summary": "mine"},
            expected_version=case.version,
            seen=seen,
        )
    assert "High Court Division, Bench 3" in refused.value.messages[0]
    assert LegalCase.objects.get(pk=case.pk).summary == ""


def test_an_edit_cannot_give_a_writ_a_police_station(case, legal_staff) -> None:
    with pytest.raises(ValidationError) as refused:
        case_update(case=case, by=legal_staff, changes={"police_station": "Tangail Sadar"})
    assert "police_station" in refused.value.message_dict


# --- appeals ---------------------------------------------------------------------------


@pytest.fixture
def decided(org, places, legal_staff, member):
    lawyer = lawyer_create(organisation=org, name="Advocate Sara Hossain", by=None)
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    suit = _open(
        org,
        places,
        None,
        case_type="civil_suit",
        forum_level="joint_district_judge",
        court_name="Joint District Judge, Tangail",
        number="12",
        year=2019,
        filed_on=date(2019, 2, 1),
        claims=[claim],
        lawyers=[lawyer],
        responsible=legal_staff,
        parties=[
            PartyInput(side="ours", role="plaintiff", member=member),
            PartyInput(side="theirs", role="defendant", name="Abdul Karim"),
            PartyInput(side="theirs", role="government", name="Deputy Commissioner, Tangail"),
        ],
    )
    return case_record_judgment(case=suit, on=date(2024, 4, 1), outcome="against_us", by=None)


def _appeal(lower, by, **extra):
    fields = {
        "case": lower,
        "case_type": "civil_appeal",
        "forum_level": "district_judge",
        "court_name": "District Judge, Tangail",
        "number": "৫",
        "year": 2024,
        "filed_on": date(2024, 5, 2),
        "by": by,
        **extra,
    }
    return case_file_appeal(**fields)


def test_an_appeal_carries_the_parties_with_the_roles_of_the_higher_court(
    decided, legal_staff
) -> None:
    appeal = _appeal(decided, legal_staff)
    roles = sorted((p.side, p.role, p.name, p.member_id) for p in appeal.parties.all())
    member_id = decided.parties.get(side="ours").member_id
    assert roles == [
        ("ours", "appellant", "", member_id),
        ("theirs", "government", "Deputy Commissioner, Tangail", None),
        ("theirs", "respondent", "Abdul Karim", None),
    ]
    assert appeal.our_role == "petitioner"  # the judgment went against us: we appeal


def test_an_appeal_carries_the_land_lawyers_and_person_reminded(decided, legal_staff) -> None:
    appeal = _appeal(decided, legal_staff)
    assert appeal.parent == decided
    assert set(appeal.claims.all()) == set(decided.claims.all())
    assert set(appeal.lawyers.all()) == set(decided.lawyers.all())
    assert appeal.responsible == legal_staff


def test_an_appeal_puts_the_disposed_case_on_appeal(decided, legal_staff) -> None:
    appeal = _appeal(decided, legal_staff)
    decided.refresh_from_db()
    assert decided.status == LegalCase.Status.ON_APPEAL
    event = decided.events.get(kind=CaseEvent.Kind.APPEAL_FILED)
    assert (event.happened_on, event.note) == (date(2024, 5, 2), appeal.display_no)


def test_a_revision_leaves_a_pending_case_pending(org, places, legal_staff) -> None:
    suit = _open(
        org,
        places,
        None,
        case_type="civil_suit",
        forum_level="joint_district_judge",
        court_name="Joint District Judge, Tangail",
        number="13",
        year=2023,
        filed_on=date(2023, 2, 1),
    )
    _appeal(
        suit,
        legal_staff,
        case_type="civil_revision",
        forum_level="high_court_division",
        court_name="High Court Division",
    )
    suit.refresh_from_db()
    assert suit.status == LegalCase.Status.PENDING


def test_a_writ_goes_up_only_by_leave_petition(case, legal_staff) -> None:
    with pytest.raises(ValidationError) as refused:
        _appeal(case, legal_staff)
    assert "case_type" in refused.value.message_dict


def test_an_appeal_is_filed_in_a_forum_that_hears_it(decided, legal_staff) -> None:
    with pytest.raises(ValidationError) as refused:
        _appeal(decided, legal_staff, forum_level="high_court_division")
    assert "forum_level" in refused.value.message_dict


def test_an_appeal_is_not_filed_before_the_judgment(decided, legal_staff) -> None:
    with pytest.raises(ValidationError) as refused:
        _appeal(decided, legal_staff, filed_on=date(2024, 3, 1))
    assert "filed_on" in refused.value.message_dict
    assert not LegalCase.objects.filter(parent=decided).exists()


def test_an_appeal_from_a_stale_page_is_refused(decided, legal_staff) -> None:
    with pytest.raises(EditConflict):
        _appeal(decided, legal_staff, expected_version=1, seen={"status": "pending"})
    assert not LegalCase.objects.filter(parent=decided).exists()


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_only_legal_staff_file_appeals(org, decided, role) -> None:
    with pytest.raises(PermissionDenied):
        _appeal(decided, make_user(organisation=org, role=role))
