"""Allocations added in the admin go through allocation_record."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.allocations.models import Allocation
from landclaims.groups.services import member_create
from tests.core.admin_helpers import admin_client, form_errors, staff
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client, org):
    return admin_client(client, staff(organisation=org, superuser=True))


@pytest.fixture
def claim(org, places):
    return make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)


def allocation_form(claim, **extra):
    return {
        "parcel": claim.parcels.get().pk,
        "claim": claim.pk,
        "group": claim.groups.get().pk,
        "title": "joint",
        "area_value": "৩০",  # the parcel has 50 decimals
        "area_unit": "decimal",
        "kabuliyat_no": "K-12",
        "kabuliyat_on": date(2022, 5, 1).isoformat(),
        **extra,
    }


def test_adding_an_allocation_in_the_admin_records_its_area_and_policy_flag(root, claim) -> None:
    widow = member_create(
        group=claim.groups.get(),
        code="M-1",
        sex="female",
        priority_category="widow_divorcee_without_son",
    )
    response = root.post(
        reverse("admin:allocations_allocation_add"),
        allocation_form(claim, members=[widow.pk]),
    )
    assert response.status_code == 302
    allocation = Allocation.objects.get()
    assert allocation.organisation == claim.organisation
    assert float(allocation.area_m2) == pytest.approx(30 * 40.468564224, abs=0.01)
    assert allocation.outside_policy
    assert list(allocation.members.all()) == [widow]


def test_an_allocation_larger_than_its_parcel_is_refused_on_the_area(root, claim) -> None:
    response = root.post(
        reverse("admin:allocations_allocation_add"), allocation_form(claim, area_value="80")
    )
    assert "area_value" in form_errors(response)
    assert not Allocation.objects.exists()


def test_a_viewer_on_the_staff_cannot_record_an_allocation(client, org, claim) -> None:
    viewer = staff(organisation=org, role="viewer", perms=("add_allocation", "view_allocation"))
    admin_client(client, viewer)
    response = client.post(reverse("admin:allocations_allocation_add"), allocation_form(claim))
    assert "may look at these records but not change them" in str(form_errors(response))
    assert not Allocation.objects.exists()


def test_an_allocations_paper_details_change_through_the_service(root, claim) -> None:
    root.post(reverse("admin:allocations_allocation_add"), allocation_form(claim))
    allocation = Allocation.objects.get()
    url = reverse("admin:allocations_allocation_change", args=[allocation.pk])
    form = root.get(url).context["adminform"].form
    assert form.fields["parcel"].disabled
    response = root.post(
        url,
        {**allocation_form(claim), "dcr_no": "DCR-9", "registered_on": "2022-01-01"},
    )
    # Registered before the kabuliyat was signed: the model's rule, run by the service.
    assert form_errors(response)
    assert Allocation.objects.get().dcr_no == ""
    response = root.post(url, {**allocation_form(claim), "dcr_no": "DCR-9"})
    assert response.status_code == 302
    assert Allocation.objects.get().dcr_no == "DCR-9"
