"""The training pages, the group page's training tab and the member page's history."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.training.models import GroupAttendance, MemberAttendance, TrainingEvent
from landclaims.training.services import GroupCount, training_attendance_set
from tests.factories import log_in, make_training

pytestmark = pytest.mark.django_db


def _as(client, scene, role="organiser"):
    log_in(client, scene.users[role])
    return client


def _trained(org, places, scene, **extra):
    event = make_training(organisation=org, district=places.district_a, **extra)
    training_attendance_set(
        event=event,
        groups=[GroupCount(scene.women, women=11), GroupCount(scene.men, men=6)],
        members=[scene.rahima],
        by=None,
    )
    return event


def test_a_training_is_recorded_with_bengali_digits_in_its_dates(client, scene, places):
    response = _as(client, scene).post(
        reverse("training:new"),
        {
            "title": "Khas land law",
            "title_bn": "খাস জমি আইন",
            "tier": "follow_up",
            "topics": ["khas_land", "legal_aid"],
            "started_on": "০৩/০৩/২০২৪",
            "ended_on": "০৪/০৩/২০২৪",  # noqa: RUF001 (Bengali digits)
            "district": places.district_a.pk,
            "place": places.union_a.pk,
            "venue": "",
            "facilitator": "",
        },
    )
    event = TrainingEvent.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("training:attendance", args=[event.pk])
    assert (event.started_on, event.ended_on, event.topics) == (
        date(2024, 3, 3), date(2024, 3, 4), ["khas_land", "legal_aid"]
    )  # fmt: skip


def test_a_place_outside_the_district_is_refused_beside_the_field(client, scene, places):
    response = _as(client, scene).post(
        reverse("training:new"),
        {"title": "T", "tier": "basic", "started_on": "2024-03-03",
         "district": places.district_b.pk, "place": places.union_a.pk},
    )  # fmt: skip
    assert response.status_code == 400
    assert response.context["form"].errors["place"]
    assert not TrainingEvent.objects.exists()


def test_attendance_is_recorded_a_row_per_group(client, scene, places, org):
    event = make_training(organisation=org, district=places.district_a)
    client = _as(client, scene)
    page = client.get(reverse("training:attendance", args=[event.pk]))
    rows = page.context["rows"]
    offered = {row["group"].value() for row in rows}
    assert offered == {scene.women.pk, scene.men.pk}  # district A's groups, not B's
    data = {"g-TOTAL_FORMS": "2", "g-INITIAL_FORMS": "2", "version": "1",
            "members": [scene.rahima.pk, scene.karim.pk]}  # fmt: skip
    for i, group in enumerate([scene.women, scene.men]):
        data.update({f"g-{i}-group": group.pk, f"g-{i}-community": "", f"g-{i}-others": ""})
        data.update({f"g-{i}-women": "১২" if i == 0 else "", f"g-{i}-men": "" if i == 0 else "7"})
    response = client.post(reverse("training:attendance", args=[event.pk]), data)
    assert response.status_code == 302
    assert set(GroupAttendance.objects.values_list("group", "women", "men")) == {
        (scene.women.pk, 12, 0),
        (scene.men.pk, 0, 7),
    }
    assert MemberAttendance.objects.count() == 2


def test_a_member_of_a_group_that_did_not_come_is_refused_and_nothing_saved(
    client, scene, places, org
):
    event = make_training(organisation=org, district=places.district_a)
    data = {"g-TOTAL_FORMS": "1", "g-INITIAL_FORMS": "1", "version": "1",
            "g-0-group": scene.women.pk, "g-0-women": "5", "members": [scene.karim.pk]}  # fmt: skip
    response = _as(client, scene).post(reverse("training:attendance", args=[event.pk]), data)
    assert response.status_code == 400
    assert response.context["form"].errors["members"]
    assert not GroupAttendance.objects.exists()


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_may_not_open_the_forms(client, scene, places, org, role):
    event = make_training(organisation=org, district=places.district_a)
    client = _as(client, scene, role)
    assert client.get(reverse("training:new")).status_code == 403
    assert client.get(reverse("training:edit", args=[event.pk])).status_code == 403
    assert client.get(reverse("training:attendance", args=[event.pk])).status_code == 403


def test_a_monitor_sees_group_labels_and_member_codes_never_names(client, scene, places, org):
    event = _trained(org, places, scene)
    html = _as(client, scene, "monitor").get(reverse("training:detail", args=[event.pk]))
    text = html.content.decode()
    assert "W-1" in text
    assert scene.women.name_bn not in text
    assert "রহিমা" not in text
    assert "Women&#x27;s group" in text or "Women's group" in text


def test_the_list_filters_by_tier(client, scene, places, org):
    _trained(org, places, scene, title="Basic one")
    _trained(org, places, scene, title="Advanced one", tier="advanced")
    page = _as(client, scene, "viewer").get(reverse("training:list"), {"tier": "advanced"})
    assert [e.title for e in page.context["page"]] == ["Advanced one"]


def test_a_person_of_another_district_gets_404(client, scene, places, org):
    event = _trained(org, places, scene)
    response = _as(client, scene, "organiser_b").get(reverse("training:detail", args=[event.pk]))
    assert response.status_code == 404


def test_an_edit_from_a_stale_page_is_refused(client, scene, places, org):
    event = make_training(organisation=org, district=places.district_a)
    data = {"title": "Renamed", "tier": "basic", "started_on": "2024-02-10", "version": "0"}
    response = _as(client, scene).post(reverse("training:edit", args=[event.pk]), data)
    assert response.status_code == 400
    event.refresh_from_db()
    assert event.title == "Basic rights awareness"


def test_the_group_page_shows_the_tier_reached_and_the_trainings(client, scene, places, org):
    _trained(org, places, scene, tier="advanced")
    page = _as(client, scene, "viewer").get(reverse("groups:detail", args=[scene.women.pk]))
    training = page.context["d"].training
    assert (training.tier, training.women, len(training.events)) == ("advanced", 11, 1)
    assert 'data-tier="advanced"' in page.content.decode()


def test_the_member_page_shows_the_training_history(client, scene, places, org):
    event = _trained(org, places, scene)
    page = _as(client, scene).get(reverse("groups:member", args=[scene.rahima.pk]))
    assert f'data-training="{event.pk}"' in page.content.decode()


def test_the_attendance_form_offers_members_by_code_without_their_names(client, scene, places, org):
    event = make_training(organisation=org, district=places.district_a)
    page = _as(client, scene).get(reverse("training:attendance", args=[event.pk]))
    text = page.content.decode()
    assert f'value="{scene.rahima.pk}"' in text and "W-1" in text
    assert "রহিমা" not in text
