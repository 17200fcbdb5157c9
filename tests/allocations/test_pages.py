"""The allocation pages: recording one from its claim, correcting it, who holds the land."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.allocations.models import Allocation, Holder
from landclaims.groups.services import member_create
from tests.allocations.conftest import record
from tests.factories import log_in, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client, org):
    log_in(client, make_user(organisation=org, role="organiser"))
    return client


def test_the_claim_page_links_to_recording_its_allocation(organiser_client, claim) -> None:
    page = organiser_client.get(reverse("claims:detail", args=[claim.pk]))
    assert f"/allocations/new/?claim={claim.pk}" in page.content.decode()


def test_recording_from_a_claim_takes_bengali_digits(organiser_client, claim) -> None:
    member = member_create(
        group=claim.groups.get(), code="W-7", sex="female", priority_category="homestead_only"
    )
    response = organiser_client.post(
        f"{reverse('allocations:new')}?claim={claim.pk}",
        {
            "parcel": claim.parcels.get().pk,
            "group": claim.groups.get().pk,
            "members": [member.pk],
            "title": "single_woman",
            "area_value": "২৫",
            "area_unit": "decimal",
            "kabuliyat_no": "২২",
            "kabuliyat_on": "১২/০৫/২০২৩",
            "held_by": "recipients",
            "held_since": "১২/০৫/২০২৩",
        },
    )
    allocation = Allocation.objects.get()
    assert response.status_code == 302
    assert (allocation.kabuliyat_no, allocation.kabuliyat_on) == ("22", date(2023, 5, 12))
    assert float(allocation.area_m2) == pytest.approx(25 * 40.468564224, abs=0.01)
    assert list(allocation.members.all()) == [member]


def test_a_refusal_is_shown_beside_the_area_and_keeps_what_was_typed(
    organiser_client, claim
) -> None:
    response = organiser_client.post(
        f"{reverse('allocations:new')}?claim={claim.pk}",
        {
            "parcel": claim.parcels.get().pk,
            "title": "joint",
            "area_value": "৯০",
            "area_unit": "decimal",
            "held_by": "recipients",
        },
    )
    assert response.status_code == 400
    assert "area_value" in response.context["form"].errors
    assert 'value="৯০"' in response.content.decode()
    assert not Allocation.objects.exists()


def test_changing_the_holder_shows_on_the_page_with_the_earlier_one(
    organiser_client, claim
) -> None:
    allocation = record(claim, held_since=date(2021, 2, 1))
    response = organiser_client.post(
        reverse("allocations:holder", args=[allocation.pk]),
        {"held_by": Holder.ENCROACHER, "since": "০৫/০৩/২০২৪", "note": "", "version": "1"},
    )
    assert response.status_code == 302
    page = organiser_client.get(reverse("allocations:detail", args=[allocation.pk]))
    holders = page.context["holders"]
    assert [h.held_by for h in holders] == [Holder.ENCROACHER, Holder.RECIPIENTS]


def test_a_correction_from_a_stale_page_is_refused(organiser_client, claim) -> None:
    allocation = record(claim)
    url = reverse("allocations:edit", args=[allocation.pk])
    form = organiser_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, False)}
    data.update(members=[], dcr_no="5", version="1")
    organiser_client.post(url, {**data, "dcr_no": "4"})
    response = organiser_client.post(url, data)
    assert response.status_code == 400
    allocation.refresh_from_db()
    assert allocation.dcr_no == "4"


def test_the_list_filters_by_who_holds_the_land(organiser_client, claim) -> None:
    kept = record(claim)
    lost = record(claim, area_value="5", held_by=Holder.ENCROACHER)
    page = organiser_client.get(reverse("allocations:list"), {"held_by": Holder.ENCROACHER})
    assert [a.pk for a in page.context["page"]] == [lost.pk]
    assert kept.pk not in [a.pk for a in page.context["page"]]
