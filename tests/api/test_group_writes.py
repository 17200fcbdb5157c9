"""Registering and correcting groups and recording members through the API: the same
services as the pages, If-Match on every change to an existing record, and members only for
the roles that read names."""

from __future__ import annotations

from datetime import date

import pytest

from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.services import member_create
from tests.api.conftest import client_for
from tests.factories import make_group, make_user

pytestmark = pytest.mark.django_db

GROUPS = "/api/v1/groups/"
MEMBERS = "/api/v1/members/"


@pytest.fixture
def organiser(org):
    return make_user(organisation=org, role="organiser")


@pytest.fixture
def viewer(org):
    return make_user(organisation=org, role="viewer")


@pytest.fixture
def group(org, places):
    return make_group(organisation=org, village=places.village_a, members_women=12)


def _new_group(places, **extra):
    return {
        "sex": "women",
        "name_bn": "চরপাড়া ভূমিহীন নারী সমিতি",
        "village": places.village_a.pk,
        "formed_on": "২০০৯-০৩-১২",
        "meeting_day": "fri",
        "members_women": 23,
        **extra,
    }


def _member(group, **extra):
    return {
        "group": group.pk,
        "code": "NK-১",
        "sex": "female",
        "priority_category": "no_homestead_no_land",
        "name_bn": "রহিমা খাতুন",
        **extra,
    }


def test_an_organiser_registers_a_group(org, places, organiser) -> None:
    response = client_for(organiser).post(GROUPS, _new_group(places), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["meeting_day"], body["counted_women"], response["ETag"]) == ("fri", 23, '"1"')
    group = LandlessGroup.objects.get(pk=body["id"])
    assert (group.organisation, group.formed_on) == (org, date(2009, 3, 12))


def test_a_group_outside_the_callers_districts_is_refused_naming_the_village(org, places) -> None:
    organiser_a = make_user(organisation=org, role="organiser", districts=[places.district_a])
    body = _new_group(places, village=places.village_b.pk)
    response = client_for(organiser_a).post(GROUPS, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "village"
    assert not LandlessGroup.objects.exists()


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_may_not_register_groups(org, places, role) -> None:
    user = make_user(organisation=org, role=role)
    response = client_for(user).post(GROUPS, _new_group(places), format="json")
    assert response.status_code == 403


def test_a_group_correction_without_if_match_is_428(group, organiser) -> None:
    response = client_for(organiser).patch(f"{GROUPS}{group.pk}/", {"meeting_day": "sat"})
    assert response.status_code == 428
    group.refresh_from_db()
    assert group.meeting_day == ""


def test_a_group_correction_with_a_stale_etag_is_412(group, organiser) -> None:
    client = client_for(organiser)
    url = f"{GROUPS}{group.pk}/"
    assert client.patch(url, {"meeting_day": "sat"}, HTTP_IF_MATCH='"1"').status_code == 200
    response = client.patch(url, {"meeting_day": "sun"}, HTTP_IF_MATCH='"1"')
    assert response.status_code == 412
    group.refresh_from_db()
    assert (group.meeting_day, group.version) == ("sat", 2)


def test_a_group_correction_answers_with_its_new_etag(group, organiser) -> None:
    response = client_for(organiser).patch(
        f"{GROUPS}{group.pk}/", {"members_women": 14}, HTTP_IF_MATCH='"1"', format="json"
    )
    assert (response.status_code, response["ETag"]) == (200, '"2"')


def test_a_monitor_may_not_correct_a_group(group, monitor) -> None:
    response = client_for(monitor).patch(
        f"{GROUPS}{group.pk}/", {"meeting_day": "sat"}, HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 403


def test_an_organiser_adds_a_member_whose_name_is_not_served(group, organiser) -> None:
    response = client_for(organiser).post(MEMBERS, _member(group), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["code"] == "NK-1" and "name_bn" not in body
    assert Member.objects.get(pk=body["id"]).name_bn == "রহিমা খাতুন"


def test_the_groups_counts_follow_its_members(group, organiser) -> None:
    client = client_for(organiser)
    client.post(MEMBERS, _member(group), format="json")
    body = client.get(f"{GROUPS}{group.pk}/").json()
    assert (body["members_women"], body["counted_women"]) == (12, 1)


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_get_403_on_members(org, group, role) -> None:
    member = member_create(group=group, code="A", sex="female", priority_category="outside_policy")
    client = client_for(make_user(organisation=org, role=role))
    assert client.post(MEMBERS, _member(group), format="json").status_code == 403
    assert client.get(f"{MEMBERS}{member.pk}/").status_code == 403
    response = client.patch(f"{MEMBERS}{member.pk}/", {"role": "cashier"}, HTTP_IF_MATCH='"1"')
    assert response.status_code == 403
    assert not Member.objects.filter(code="NK-1").exists()


def test_a_member_correction_needs_if_match_and_a_current_one(group, organiser) -> None:
    member = member_create(group=group, code="A", sex="female", priority_category="outside_policy")
    client = client_for(organiser)
    url = f"{MEMBERS}{member.pk}/"
    assert client.patch(url, {"role": "cashier"}).status_code == 428
    assert client.patch(url, {"role": "cashier"}, HTTP_IF_MATCH='"1"').status_code == 200
    assert client.patch(url, {"role": "president"}, HTTP_IF_MATCH='"1"').status_code == 412
    assert Member.objects.get(pk=member.pk).role == "cashier"


def test_a_member_leaves_through_the_api_naming_the_date_when_refused(
    group, organiser, frozen_today
) -> None:
    member = member_create(
        group=group, code="A", sex="female", priority_category="outside_policy",
        joined_on=date(2015, 1, 1),
    )  # fmt: skip
    client = client_for(organiser)
    url = f"{MEMBERS}{member.pk}/leave/"
    refused = client.post(url, {"on": "2014-01-01"}, HTTP_IF_MATCH='"1"', format="json")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "on"
    left = client.post(url, {"on": "২০২৪-০৫-০১"}, HTTP_IF_MATCH='"1"', format="json")
    assert (left.status_code, left.json()["left_on"]) == (200, "2024-05-01")
