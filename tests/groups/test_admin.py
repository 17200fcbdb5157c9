"""Groups and members added in the admin go through the group services; reading a
member's details there is logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from landclaims.groups.models import LandlessGroup, Member
from landclaims.privacy.models import PersonalDataRead
from tests.core.admin_helpers import admin_client, form_errors, staff
from tests.factories import make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client, org):
    return admin_client(client, staff(organisation=org, superuser=True))


def test_adding_a_group_in_the_admin_trims_its_name(root, org, places) -> None:
    response = root.post(
        reverse("admin:groups_landlessgroup_add"),
        {
            "organisation": org.pk,
            "name_bn": "  চরপাড়া ভূমিহীন সমিতি ",
            "sex": "women",
            "village": places.village_a.pk,
            "members_women": "২৫",
            "members_men": "0",
        },
    )
    assert response.status_code == 302
    group = LandlessGroup.objects.get()
    assert (group.name_bn, group.members_women) == ("চরপাড়া ভূমিহীন সমিতি", 25)


def member_form(group, **extra):
    return {
        "group": group.pk,
        "code": "M-7",
        "name_bn": "রহিমা খাতুন",
        "sex": "female",
        "priority_category": "no_homestead_no_land",
        "role": "member",
        "landless_status": "not_checked",
        **extra,
    }


def test_adding_a_member_in_the_admin_and_reading_it_there_is_logged(root, org, places) -> None:
    group = make_group(organisation=org, village=places.village_a)
    response = root.post(reverse("admin:groups_member_add"), member_form(group))
    assert response.status_code == 302
    member = Member.objects.get()
    assert member.name_bn == "রহিমা খাতুন"
    root.get(reverse("admin:groups_member_change", args=[member.pk]))
    read = PersonalDataRead.objects.get()
    assert (read.via, read.purpose) == ("admin", "administration")


def test_a_spouse_from_another_organisation_is_refused_on_the_spouse_field(
    root, org, other_org, places
) -> None:
    group = make_group(organisation=org, village=places.village_a)
    theirs = make_group(organisation=other_org, village=places.village_a)
    root.post(reverse("admin:groups_member_add"), member_form(theirs, code="X-1"))
    spouse = Member.objects.get()
    response = root.post(reverse("admin:groups_member_add"), member_form(group, spouse=spouse.pk))
    assert "spouse" in form_errors(response)
    assert Member.objects.count() == 1


def test_a_members_group_cannot_be_changed_in_the_admin(root, org, places) -> None:
    group = make_group(organisation=org, village=places.village_a)
    root.post(reverse("admin:groups_member_add"), member_form(group))
    member = Member.objects.get()
    url = reverse("admin:groups_member_change", args=[member.pk])
    assert root.get(url).context["adminform"].form.fields["group"].disabled
    response = root.post(url, member_form(group, phone="01711000000"))
    assert response.status_code == 302
    assert Member.objects.get().phone == "01711000000"
