"""The claim pages: list filters, the detail page, and stage and possession forms."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import escape

from landclaims.claims.models import Claim
from landclaims.claims.selectors import claim_list
from landclaims.claims.services import claim_advance
from landclaims.claims.stages import Stage
from tests.factories import log_in, make_claim, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(org, places):
    return make_claim(
        organisation=org, village=places.village_a, mouza=places.mouza_a, title="Bil Kuralia"
    )


@pytest.fixture
def other_claim(org, places):
    return make_claim(
        organisation=org, village=places.village_b, mouza=places.mouza_b, title="Charpara"
    )


def stage_post(claim, **fields):
    data = {
        "version": claim.version,
        "seen_stage": claim.stage,
        "seen_possession": claim.possession,
        "on": "2020-02-01",
        **fields,
    }
    return data


def listed(client, **params):
    response = client.get(reverse("claims:list"), params)
    assert response.status_code == 200
    return [c.title for c in response.context["page"]]


def test_the_list_filters_by_area(client, organiser, claim, other_claim, places) -> None:
    log_in(client, organiser)
    assert listed(client, area=places.district_b.pk) == ["Charpara"]


def test_the_list_filters_by_stage_and_possession(client, organiser, claim, other_claim) -> None:
    claim_advance(claim=claim, to="application_prepared", on=date(2020, 2, 1), by=None)
    log_in(client, organiser)
    assert listed(client, stage="application_prepared") == ["Bil Kuralia"]
    assert listed(client, possession="grabbed") == []


def test_the_list_finds_groups_and_mouzas_by_bengali_name(client, organiser, claim, places) -> None:
    log_in(client, organiser)
    group = claim.groups.get()
    assert listed(client, group=group.name_bn[:6]) == ["Bil Kuralia"]
    assert listed(client, mouza="চরপাড়া") == ["Bil Kuralia"]


def test_stuck_uses_each_stages_own_standard(
    client, organiser, claim, other_claim, settings
) -> None:
    settings.CLAIM_STAGE_STANDARDS = {"application_prepared": 2000}
    claim_advance(claim=claim, to="application_prepared", on=date(2020, 2, 1), by=None)
    log_in(client, organiser)
    assert listed(client, stuck="on") == ["Charpara"]  # "identified" uses the 90-day default


def test_district_staff_list_only_their_district(client, legal_a, claim, other_claim) -> None:
    log_in(client, legal_a)
    assert listed(client) == ["Bil Kuralia"]


def test_another_organisations_claim_is_not_found(client, outsider, claim) -> None:
    log_in(client, outsider)
    assert client.get(reverse("claims:detail", args=[claim.pk])).status_code == 404
    assert (
        client.post(
            reverse("claims:change_stage", args=[claim.pk]), stage_post(claim, to="withdrawn")
        ).status_code
        == 404
    )
    assert Claim.objects.get(pk=claim.pk).stage == Stage.IDENTIFIED


def test_the_detail_page_shows_the_timeline_and_a_map(client, organiser, claim) -> None:
    log_in(client, organiser)
    html = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "<svg" in html and "<path" in html
    assert "Identified" in html


def test_the_stage_form_offers_only_the_allowed_next_stages(client, organiser, claim) -> None:
    log_in(client, organiser)
    form = client.get(reverse("claims:detail", args=[claim.pk])).context["stage_form"]
    offered = {value for value, _ in form.fields["to"].choices}
    assert "application_prepared" in offered
    assert "settlement_cancelled" not in offered
    assert "identified" not in offered


def test_advancing_through_the_form_records_the_event(client, organiser, claim) -> None:
    log_in(client, organiser)
    response = client.post(
        reverse("claims:change_stage", args=[claim.pk]),
        stage_post(claim, to="application_prepared", note="Filed with help of the union secretary"),
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.stage == Stage.APPLICATION_PREPARED
    assert claim.events.last().recorded_by == organiser


@pytest.mark.parametrize("target", ["settlement_cancelled", "kabuliyat_executed"])
def test_a_refused_stage_is_explained_beside_the_field(client, organiser, claim, target) -> None:
    log_in(client, organiser)
    response = client.post(
        reverse("claims:change_stage", args=[claim.pk]), stage_post(claim, to=target)
    )
    assert response.status_code == 400
    form = response.context["stage_form"]
    assert form.errors
    assert Claim.objects.get(pk=claim.pk).stage == Stage.IDENTIFIED


def test_a_jump_with_bengali_dates_and_numbers_is_accepted(client, organiser, claim) -> None:
    log_in(client, organiser)
    data = stage_post(
        claim,
        to="field_inquiry",
        on="০১/০৫/২০২০",
        skip_application_prepared_on="০১/০২/২০২০",
        skip_application_filed_on="01/03/2020",
        skip_application_filed_number="আর১৩-৪৫",
    )
    response = client.post(reverse("claims:change_stage", args=[claim.pk]), data)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.stage == Stage.FIELD_INQUIRY
    assert claim.stage_since == date(2020, 5, 1)
    assert claim.register13_no == "আর13-45"


def test_a_jump_without_the_skipped_numbers_is_refused_beside_the_form(
    client, organiser, claim
) -> None:
    log_in(client, organiser)
    data = stage_post(
        claim,
        to="field_inquiry",
        on="01/05/2020",
        skip_application_prepared_on="01/02/2020",
        skip_application_filed_on="01/03/2020",
    )
    response = client.post(reverse("claims:change_stage", args=[claim.pk]), data)
    assert response.status_code == 400
    assert "date and number" in str(response.context["stage_form"].non_field_errors())


def test_a_date_in_the_future_is_refused_beside_the_date(client, organiser, claim) -> None:
    log_in(client, organiser)
    response = client.post(
        reverse("claims:change_stage", args=[claim.pk]),
        stage_post(claim, to="application_prepared", on="02/06/2024"),
    )
    assert "future" in str(response.context["stage_form"].errors["on"])


def test_a_second_save_from_a_stale_page_is_refused_and_the_first_kept(
    client, organiser, claim
) -> None:
    other = make_user(organisation=claim.organisation, role="organiser")
    stale = stage_post(claim, to="application_prepared")
    log_in(client, other)
    first = client.post(
        reverse("claims:change_possession", args=[claim.pk]), {**stale, "to": "grabbed"}
    )
    assert first.status_code == 302
    log_in(client, organiser)
    second = client.post(reverse("claims:change_stage", args=[claim.pk]), stale)
    assert second.status_code == 400
    message = str(second.context["stage_form"].non_field_errors())
    assert "Someone else changed" in message and "Grabbed" in message
    claim.refresh_from_db()
    assert (claim.stage, claim.possession) == (Stage.IDENTIFIED, "grabbed")


def test_possession_changes_through_its_own_form(client, organiser, claim) -> None:
    log_in(client, organiser)
    data = {**stage_post(claim), "to": "group_in_possession", "on": "2021-03-01"}
    assert (
        client.post(reverse("claims:change_possession", args=[claim.pk]), data).status_code == 302
    )
    claim.refresh_from_db()
    assert claim.possession == "group_in_possession"
    assert claim.stage == Stage.IDENTIFIED


def test_viewers_and_monitors_may_read_but_not_change_a_claim(client, org, claim) -> None:
    for role in ("viewer", "monitor"):
        log_in(client, make_user(organisation=org, role=role))
        page = client.get(reverse("claims:detail", args=[claim.pk]))
        assert page.status_code == 200
        assert "stage-form" not in page.content.decode()
        refused = client.post(
            reverse("claims:change_stage", args=[claim.pk]), stage_post(claim, to="withdrawn")
        )
        assert refused.status_code == 403
    assert Claim.objects.get(pk=claim.pk).stage == Stage.IDENTIFIED


def test_the_detail_page_embeds_the_web_map_of_the_claims_parcels(client, organiser, claim) -> None:
    log_in(client, organiser)
    html = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert 'class="folium-map"' in html
    assert f"/tiles/parcels/{{z}}/{{x}}/{{y}}.pbf?claim={claim.pk}" in html


def test_the_detail_page_links_its_groups_and_mouzas(client, organiser, claim) -> None:
    group, parcel = claim.groups.get(), claim.parcels.get()
    log_in(client, organiser)
    html = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert f'href="{reverse("groups:detail", args=[group.pk])}"' in html
    assert f'href="{reverse("places:detail", args=[parcel.mouza_id])}"' in html
    assert group.name_bn in html


def test_monitors_see_the_claims_groups_by_number_not_name(client, org, claim) -> None:
    group = claim.groups.get()
    log_in(client, make_user(organisation=org, role="monitor"))
    html = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert group.name_bn not in html
    assert escape(f"Women's group, {group.village.name_en}") in html


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_the_list_shows_groups_by_number_to_roles_that_do_not_read_names(
    client, org, claim, role
) -> None:
    group = claim.groups.get()
    log_in(client, make_user(organisation=org, role=role))
    response = client.get(reverse("claims:list"))
    html = response.content.decode()
    assert group.name_bn not in html
    assert escape(f"Women's group, {group.village.name_en}") in html
    # Nor can they find out a name by searching for it: the field is not offered and a
    # hand-made query string is not obeyed.
    assert "group" not in response.context["form"].fields
    assert listed(client, group="no such group") == ["Bil Kuralia"]


def test_the_claim_selector_refuses_a_name_search_from_a_role_that_does_not_read_names(
    org, claim
) -> None:
    monitor = make_user(organisation=org, role="monitor")
    with pytest.raises(PermissionDenied):
        claim_list(user=monitor, group_name=claim.groups.get().name_bn)
