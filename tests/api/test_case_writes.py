"""Opening and correcting cases and adding parties through the API: the same services as the
pages, the same refusals, If-Match on every change to an existing case."""

from __future__ import annotations

import pytest

from landclaims.cases.models import CaseParty, LegalCase
from tests.api.conftest import client_for
from tests.factories import make_user

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases/"


def _new_case(world, places, **extra):
    return {
        "case_type": "writ",
        "forum_level": "high_court_division",
        "court_name": "High Court Division, Dhaka",
        "number": "৭০৫১",
        "year": 2024,
        "filed_on": "2024-05-02",
        "district": places.district_a.pk,
        "our_role": "petitioner",
        "claims": [world.claim_a.pk],
        **extra,
    }


def test_legal_staff_open_a_case_for_a_claim(world, places, legal) -> None:
    response = client_for(legal).post(CASES, _new_case(world, places), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["display_no"] == "Writ Petition No. 7051 of 2024"
    assert body["claims"] == [world.claim_a.pk]
    assert response["ETag"] == '"1"'
    assert response["Location"] == f"{CASES}{body['id']}/"
    case = LegalCase.objects.get(pk=body["id"])
    assert (case.organisation_id, case.events.get().kind) == (
        world.claim_a.organisation_id,
        "filed",
    )


def test_another_organisations_claim_reads_as_not_existing(world, places, legal) -> None:
    body = _new_case(world, places, claims=[world.claim_other.pk])
    response = client_for(legal).post(CASES, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"].startswith("claims")
    assert not LegalCase.objects.filter(number="7051").exists()


def test_a_case_outside_the_callers_districts_is_refused_naming_the_district(
    world, places, org
) -> None:
    legal_in_a = make_user(organisation=org, role="legal", districts=[places.district_a])
    body = _new_case(world, places, district=places.district_b.pk, claims=[])
    response = client_for(legal_in_a).post(CASES, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "district"
    assert not LegalCase.objects.filter(number="7051").exists()


@pytest.mark.parametrize("role", ["monitor", "viewer", "organiser"])
def test_roles_that_do_not_write_cases_get_403(world, places, org, role) -> None:
    user = make_user(organisation=org, role=role)
    client = client_for(user)
    case = world.case_a
    refused = [
        client.post(CASES, _new_case(world, places), format="json"),
        client.patch(f"{CASES}{case.pk}/", {"summary": "x"}, format="json", HTTP_IF_MATCH='"1"'),
        client.post(
            f"{CASES}{case.pk}/parties/",
            {"role": "respondent", "side": "theirs", "name": "Abdul Karim"},
            format="json",
            HTTP_IF_MATCH='"1"',
        ),
    ]
    assert [response.status_code for response in refused] == [403, 403, 403]
    assert not LegalCase.objects.filter(number="7051").exists()


def test_a_correction_needs_if_match_and_the_second_of_two_writers_is_refused(
    world, legal, org
) -> None:
    url = f"{CASES}{world.case_a.pk}/"
    first, second = client_for(legal), client_for(make_user(organisation=org, role="legal"))
    etag = first.get(url)["ETag"]
    assert first.patch(url, {"summary": "no tag"}, format="json").status_code == 428
    done = first.patch(url, {"summary": "Rule issued on the DC"}, format="json", HTTP_IF_MATCH=etag)
    late = second.patch(url, {"bench": "Bench 9"}, format="json", HTTP_IF_MATCH=etag)
    assert done.status_code == 200 and done.json()["summary"] == "Rule issued on the DC"
    assert late.status_code == 412
    case = LegalCase.objects.get(pk=world.case_a.pk)
    assert (case.summary, case.bench) == ("Rule issued on the DC", "")


def test_a_party_of_the_other_side_is_added_by_name(world, legal) -> None:
    url = f"{CASES}{world.case_a.pk}/"
    client = client_for(legal)
    etag = client.get(url)["ETag"]
    response = client.post(
        f"{url}parties/",
        {"role": "respondent", "side": "theirs", "name": "Abdul Karim"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 201, response.json()
    assert response.json()["name"] == "Abdul Karim"
    assert CaseParty.objects.filter(case=world.case_a, side="theirs").count() == 1


def test_a_gr_case_is_opened_with_its_police_case_and_our_lawyer(world, places, legal, org) -> None:
    from landclaims.cases.services import lawyer_create

    lawyer = lawyer_create(organisation=org, name="Adv. Rahima Khatun", by=None)
    body = _new_case(
        world, places, case_type="criminal_gr", forum_level="judicial_magistrate",
        court_name="Chief Judicial Magistrate, Tangail", our_role="respondent",
        police_station="Madhupur", police_case_no="১২", lawyers=[lawyer.pk],
    )  # fmt: skip
    response = client_for(legal).post(CASES, body, format="json")
    assert response.status_code == 201, response.json()
    case = LegalCase.objects.get(pk=response.json()["id"])
    assert (case.police_station, case.police_case_no) == ("Madhupur", "12")
    assert list(case.lawyers.all()) == [lawyer]


def test_police_fields_on_a_writ_are_refused_naming_the_field(world, places, legal) -> None:
    body = _new_case(world, places, police_station="Madhupur")
    response = client_for(legal).post(CASES, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "police_station"
