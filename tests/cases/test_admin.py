"""Case writes refuse roles that do not write cases; parties added in the admin go through
case_add_party, and a refused party keeps nothing else of the page."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from landclaims.cases.models import CaseParty, Hearing, LegalCase
from landclaims.cases.services import hearing_schedule
from tests.core.admin_helpers import admin_client, form_errors, staff
from tests.factories import make_case, make_group, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(org, places):
    return make_case(organisation=org, district=places.district_a)


def test_an_organiser_may_not_schedule_a_hearing_through_the_service(org, case) -> None:
    organiser = make_user(organisation=org, role="organiser")
    with pytest.raises(PermissionDenied):
        hearing_schedule(case=case, on=date(2030, 1, 1), purpose="hearing", by=organiser)
    assert not Hearing.objects.exists()


def change_form(case, **extra):
    return {
        "forum_level": case.forum_level,
        "court_name": case.court_name,
        "our_role": case.our_role,
        "cost_bdt": "0",
        "summary": "",
        "parties-TOTAL_FORMS": 1,
        "parties-INITIAL_FORMS": 0,
        "hearings-TOTAL_FORMS": 0,
        "hearings-INITIAL_FORMS": 0,
        "interim_orders-TOTAL_FORMS": 0,
        "interim_orders-INITIAL_FORMS": 0,
        "events-TOTAL_FORMS": 0,
        "events-INITIAL_FORMS": 0,
        **extra,
    }


def test_a_party_added_in_the_admin_raises_the_cases_version(client, org, case) -> None:
    admin_client(client, staff(organisation=org, superuser=True))
    response = client.post(
        reverse("admin:cases_legalcase_change", args=[case.pk]),
        change_form(
            case,
            **{
                "parties-0-name": "Deputy Commissioner",
                "parties-0-role": "respondent",
                "parties-0-side": "theirs",
            },
        ),
    )
    assert response.status_code == 302
    assert CaseParty.objects.get(case=case).name == "Deputy Commissioner"
    assert LegalCase.objects.get(pk=case.pk).version == case.version + 1


def test_a_refused_party_keeps_nothing_else_of_the_change(
    client, org, other_org, places, case
) -> None:
    from landclaims.groups.services import member_create

    theirs = make_group(organisation=other_org, village=places.village_a)
    stranger = member_create(
        group=theirs, code="X-1", sex="male", priority_category="no_homestead_no_land"
    )
    admin_client(client, staff(organisation=None, superuser=True))
    response = client.post(
        reverse("admin:cases_legalcase_change", args=[case.pk]),
        change_form(
            case,
            summary="A new summary",
            **{
                "parties-0-member": stranger.pk,
                "parties-0-role": "accused",
                "parties-0-side": "ours",
            },
        ),
    )
    assert response.status_code == 200
    inline_errors = response.context["inline_admin_formsets"][0].formset.errors
    assert "member" in inline_errors[0]
    assert form_errors(response) == {}
    assert LegalCase.objects.get(pk=case.pk).summary == ""
    assert not CaseParty.objects.exists()
