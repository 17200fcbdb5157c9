"""The parcel page: the parcel's record, claims, cases and history, for whoever may see it."""

from __future__ import annotations

import pghistory
import pytest
from django.urls import reverse

from landclaims.parcels.models import Parcel
from tests.factories import log_in, make_claim, make_user

pytestmark = pytest.mark.django_db


def _page(client, user, parcel):
    log_in(client, user)
    return client.get(reverse("parcels:detail", args=[parcel.pk]))


def test_the_page_shows_the_parcel_its_claim_and_who_changed_it(
    client, org, places, organiser
) -> None:
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    parcel = claim.parcels.get()
    with pghistory.context(user=organiser.pk, url="/imports/x/commit/"):
        Parcel.objects.filter(pk=parcel.pk).update(khatian_no="৪৫৬")
    html = _page(client, organiser, parcel).content.decode()
    assert "Tangail Mouza" in html  # the mouza's name in the reader's language (English here)
    assert parcel.dag_display in html
    assert reverse("claims:detail", args=[claim.pk]) in html
    history = html.split('id="audit-history"')[1]
    assert organiser.username in history
    assert "৪৫৬" in history


def test_group_names_only_for_roles_that_read_them(client, org, places) -> None:
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    group_name = claim.groups.get().name_bn
    parcel = claim.parcels.get()
    monitor = make_user(organisation=org, role="monitor")
    assert group_name not in _page(client, monitor, parcel).content.decode()
    legal = make_user(organisation=org, role="legal")
    assert group_name in _page(client, legal, parcel).content.decode()


def test_another_organisation_or_district_gets_404(client, org, places, outsider, legal_a) -> None:
    claim = make_claim(organisation=org, village=places.village_b, mouza=places.mouza_b)
    parcel = claim.parcels.get()
    assert _page(client, outsider, parcel).status_code == 404
    assert _page(client, legal_a, parcel).status_code == 404  # district B is not hers
    assert _page(client, legal_a, Parcel(pk=10**9)).status_code == 404


def test_the_map_popup_links_to_the_parcel_page(client, org, places, organiser) -> None:
    parcel = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    parcel = parcel.parcels.get()
    log_in(client, organiser)
    popup = client.get(reverse("maps:parcel_popup", args=[parcel.pk])).content.decode()
    assert reverse("parcels:detail", args=[parcel.pk]) in popup
