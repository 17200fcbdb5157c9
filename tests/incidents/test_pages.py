"""The incident pages: recording one (pre-filled from a parcel, claim, group or map click),
the list's filters, the incident's page and its correction."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.core.text import bengali_digits
from landclaims.incidents.models import Incident
from landclaims.incidents.services import incident_update
from tests.factories import log_in

pytestmark = pytest.mark.django_db


def _as(client, scene, role="organiser"):
    log_in(client, scene.users[role])
    return client


def _form(**fields):
    data = {
        "kind": "crop_destruction",
        "occurred_on": "০৫/০৫/২০২৪",
        "women_affected": "৩",
        "men_affected": "2",
        "others_affected": "0",
        "lat": "",
        "lng": "",
        "parcel": "",
        "group": "",
        "claim": "",
        "legal_case": "",
        "perpetrators": "",
        "police_station": "",
        "gd_fir_no": "",
        "description": "",
    }
    data.update(fields)
    return data


def test_the_form_from_a_parcel_page_picks_the_parcel_and_its_claim(client, scene):
    url = reverse("incidents:new") + f"?parcel={scene.parcel.pk}"
    form = _as(client, scene).get(url).context["form"]
    assert (form["parcel"].value(), form["claim"].value()) == (scene.parcel.pk, scene.claim.pk)


def test_the_form_from_a_map_click_holds_the_point(client, scene):
    url = reverse("incidents:new") + "?lat=24.25&lng=89.92"
    form = _as(client, scene).get(url).context["form"]
    assert (form["lat"].value(), form["lng"].value()) == (24.25, 89.92)


def test_an_incident_is_recorded_at_a_point_typed_in_bengali_digits(client, scene, places):
    response = _as(client, scene).post(
        reverse("incidents:new"),
        _form(lat="২৪.২৫২", lng="৮৯.৯২২", group=scene.group.pk),
    )
    incident = Incident.objects.get(kind="crop_destruction")
    assert response.status_code == 302
    assert (incident.women_affected, incident.occurred_on) == (3, date(2024, 5, 5))
    assert incident.location.y == pytest.approx(24.252)
    assert incident.district == places.district_a  # the group's


def test_an_incident_on_a_parcel_needs_no_point(client, scene):
    response = _as(client, scene).post(reverse("incidents:new"), _form(parcel=scene.parcel.pk))
    assert response.status_code == 302
    assert Incident.objects.get(kind="crop_destruction").location is None


def test_an_incident_with_neither_point_nor_parcel_is_refused_beside_the_map(client, scene):
    response = _as(client, scene).post(reverse("incidents:new"), _form(women_affected="৩"))
    assert response.status_code == 400
    assert "lat" in response.context["form"].errors
    assert 'value="৩"' in response.content.decode()  # what was typed is kept


def test_the_list_filters_by_kind(client, scene):
    page = _as(client, scene).get(reverse("incidents:list") + "?kind=eviction")
    assert [i.pk for i in page.context["page"]] == [scene.eviction.pk]


def test_the_list_filters_by_date_range(client, scene):
    url = (
        reverse("incidents:list") + f"?date_from=01/04/2024&date_to={bengali_digits('30/04/2024')}"
    )
    page = _as(client, scene).get(url)
    assert [i.pk for i in page.context["page"]] == [scene.assault.pk]


def test_the_list_filters_by_area(client, scene, places):
    url = reverse("incidents:list") + f"?area={places.district_b.pk}"
    assert list(_as(client, scene).get(url).context["page"]) == []


def test_perpetrators_are_not_shown_to_a_monitor(client, scene):
    page = _as(client, scene, "monitor").get(reverse("incidents:detail", args=[scene.eviction.pk]))
    assert "Abul Kashem" not in page.content.decode()


def test_perpetrators_are_shown_to_an_organiser(client, scene):
    page = _as(client, scene).get(reverse("incidents:detail", args=[scene.eviction.pk]))
    assert "Abul Kashem" in page.content.decode()


def test_an_edit_from_a_stale_page_is_refused_and_saves_nothing(client, scene):
    url = reverse("incidents:edit", args=[scene.eviction.pk])
    _as(client, scene)
    incident_update(incident=scene.eviction, by=None, changes={"men_affected": 9})
    response = client.post(
        url, _form(kind="arrest", parcel=scene.parcel.pk, version=scene.eviction.version)
    )
    assert response.status_code == 400
    scene.eviction.refresh_from_db()
    assert (scene.eviction.kind, scene.eviction.men_affected) == ("eviction", 9)


def test_an_edit_saves_and_raises_the_version(client, scene):
    url = reverse("incidents:edit", args=[scene.eviction.pk])
    response = _as(client, scene).post(
        url, _form(kind="arrest", parcel=scene.parcel.pk, version=scene.eviction.version)
    )
    scene.eviction.refresh_from_db()
    assert response.status_code == 302
    assert (scene.eviction.kind, scene.eviction.version) == ("arrest", 2)


def test_the_groups_timeline_shows_its_incidents(client, scene):
    page = _as(client, scene).get(reverse("groups:detail", args=[scene.group.pk]))
    assert f'data-incident="{scene.eviction.pk}"' in page.content.decode()


@pytest.mark.parametrize("role, shown", [("organiser", True), ("monitor", False)])
def test_the_parcel_page_offers_to_record_an_incident_to_writers(client, scene, role, shown):
    page = _as(client, scene, role).get(reverse("parcels:detail", args=[scene.parcel.pk]))
    link = reverse("incidents:new") + f"?parcel={scene.parcel.pk}"
    assert (link in page.content.decode()) is shown


def test_the_incident_popup_gives_kind_and_date_only(client, scene):
    popup = _as(client, scene).get(reverse("maps:incident_popup", args=[scene.eviction.pk]))
    text = popup.content.decode()
    assert "Eviction" in text
    assert "Abul Kashem" not in text
