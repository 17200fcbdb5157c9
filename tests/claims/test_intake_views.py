"""The claim intake pages: /claims/new/ offers the group or parcel it was opened from and
finds others by search; refusals land beside the field with what was typed kept; the claim
page's membership forms refuse what the service refuses."""

from __future__ import annotations

import pytest
from django.urls import reverse

from landclaims.claims.models import Claim
from tests.factories import log_in, make_claim, make_group, make_parcel, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(org, places):
    return make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)


@pytest.fixture
def organiser_client(client, org):
    log_in(client, make_user(organisation=org, role="organiser"))
    return client


def test_opened_from_a_parcel_it_is_chosen_and_its_claimants_offered(
    organiser_client, claim
) -> None:
    parcel = claim.parcels.get()
    page = organiser_client.get(reverse("claims:new") + f"?parcel={parcel.pk}")
    form = page.context["form"]
    assert form.initial["parcels"] == [parcel.pk]
    assert list(form.fields["groups"].queryset) == list(claim.groups.all())
    assert list(form.fields["parcels"].queryset) == [parcel]


def test_a_search_by_mouza_and_bengali_dag_offers_the_parcel_and_refuses_nothing(
    organiser_client, org, places
) -> None:
    parcel = make_parcel(organisation=org, mouza=places.mouza_a2, dag_nos=["১২৩"])
    make_parcel(organisation=org, mouza=places.mouza_a2, dag_nos=["124"])
    page = organiser_client.post(
        reverse("claims:new"), {"find_mouza": "বিলকুড়া", "find_dag": "১২৩", "find": "parcel"}
    )
    assert page.status_code == 200
    form = page.context["form"]
    assert list(form.fields["parcels"].queryset) == [parcel]
    assert not form.errors


def test_opening_without_a_group_is_refused_beside_the_field_keeping_the_title(
    organiser_client, org, places
) -> None:
    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    page = organiser_client.post(
        reverse("claims:new") + f"?parcel={parcel.pk}",
        {"parcels": [parcel.pk], "title": "Char Kukri", "opened_on": "০১/০৫/২০২৪",
         "stage": "identified", "possession": "not_entered", "open": "1"},
    )  # fmt: skip
    assert page.status_code == 400
    assert "groups" in page.context["form"].errors
    assert 'value="Char Kukri"' in page.content.decode()
    assert not Claim.objects.exists()


def test_a_group_and_parcel_open_a_claim_with_bengali_digits(organiser_client, org, places) -> None:
    group = make_group(organisation=org, village=places.village_a)
    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    page = organiser_client.post(
        reverse("claims:new") + f"?group={group.pk}",
        {"groups": [group.pk], "parcels": [parcel.pk], "opened_on": "০১/০৫/২০২৪",
         "stage": "identified", "possession": "group_in_possession", "open": "1"},
    )  # fmt: skip
    claim = Claim.objects.get()
    assert page.status_code == 302 and page["Location"] == f"/claims/{claim.pk}/"
    assert (str(claim.opened_on), claim.possession) == ("2024-05-01", "group_in_possession")


def test_removing_the_last_parcel_on_the_page_is_refused_beside_the_field(
    organiser_client, claim
) -> None:
    parcel = claim.parcels.get()
    page = organiser_client.post(
        reverse("claims:remove_parcel", args=[claim.pk]),
        {"rmparcel-version": claim.version, "rmparcel-seen_stage": claim.stage,
         "rmparcel-seen_possession": claim.possession, "rmparcel-parcel": parcel.pk,
         "rmparcel-on": "০১/০৫/২০২৪"},
    )  # fmt: skip
    assert page.status_code == 400
    errors = page.context["remove_parcel_form"].errors
    assert "at least one parcel" in str(errors["parcel"])
    assert claim.parcels.count() == 1


def test_the_claim_page_offers_found_parcels_to_add(organiser_client, claim, org, places):
    parcel = make_parcel(organisation=org, mouza=places.mouza_a2)
    page = organiser_client.get(
        reverse("claims:detail", args=[claim.pk]), {"find_mouza": "Bil Kuralia"}
    )
    shown = [
        value for value, _label in page.context["add_parcel_form"]["parcel"].field.widget.choices
    ]
    assert shown == [parcel.pk]
    assert 'id="add-parcel-form"' in page.content.decode()


def test_monitors_do_not_see_the_membership_forms(client, org, claim) -> None:
    log_in(client, make_user(organisation=org, role="monitor"))
    page = client.get(reverse("claims:detail", args=[claim.pk]))
    assert page.status_code == 200
    assert 'id="change-parcels"' not in page.content.decode()
