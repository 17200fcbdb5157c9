"""Trainings and seats added or changed in the admin go through their services."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.representation.models import Seat
from landclaims.training.models import TrainingEvent
from tests.core.admin_helpers import admin_client, form_errors, staff
from tests.factories import make_seat, make_training

pytestmark = pytest.mark.django_db


def _training_form(org, district, **extra):
    return {
        "organisation": org.pk,
        "district": district.pk,
        "title": "Basic rights awareness",
        "tier": "basic",
        "topics": "rights_awareness,khas_land",
        "started_on": "2024-02-10",
        "ended_on": "2024-02-11",
        "group_attendance-TOTAL_FORMS": "0",
        "group_attendance-INITIAL_FORMS": "0",
        "member_attendance-TOTAL_FORMS": "0",
        "member_attendance-INITIAL_FORMS": "0",
        **extra,
    }


def test_adding_a_training_in_the_admin_records_it(client, org, places):
    admin_client(client, staff(organisation=org, superuser=True))
    response = client.post(
        reverse("admin:training_trainingevent_add"), _training_form(org, places.district_a)
    )
    assert response.status_code == 302, form_errors(response)
    event = TrainingEvent.objects.get()
    assert event.topics == ["rights_awareness", "khas_land"]


def test_the_admin_refuses_a_place_outside_the_district(client, org, places):
    admin_client(client, staff(organisation=org, superuser=True))
    response = client.post(
        reverse("admin:training_trainingevent_add"),
        _training_form(org, places.district_a, place=places.union_b.pk),
    )
    assert "place" in form_errors(response)
    assert not TrainingEvent.objects.exists()


def test_changing_a_training_in_the_admin_raises_its_version(client, org, places):
    event = make_training(organisation=org, district=places.district_a)
    admin_client(client, staff(organisation=org, superuser=True))
    data = _training_form(org, places.district_a, tier="advanced")
    response = client.post(reverse("admin:training_trainingevent_change", args=[event.pk]), data)
    assert response.status_code == 302, form_errors(response)
    event.refresh_from_db()
    assert (event.tier, event.version) == ("advanced", 2)


def _seat_form(member, **extra):
    return {"member": member.pk, "body": "up_standing_committee", "body_name": "",
            "position": "member", "how": "elected", "from_on": "2023-01-01", "to_on": "",
            **extra}  # fmt: skip


def test_adding_a_seat_in_the_admin_records_it(client, org, scene):
    admin_client(client, staff(organisation=org, superuser=True))
    response = client.post(reverse("admin:representation_seat_add"), _seat_form(scene.rahima))
    assert response.status_code == 302, form_errors(response)
    assert Seat.objects.get().from_on == date(2023, 1, 1)


def test_the_admin_refuses_another_body_without_a_name(client, org, scene):
    admin_client(client, staff(organisation=org, superuser=True))
    response = client.post(
        reverse("admin:representation_seat_add"), _seat_form(scene.rahima, body="other")
    )
    assert "body_name" in form_errors(response)
    assert not Seat.objects.exists()


def test_ending_a_seat_in_the_admin(client, org, scene):
    seat = make_seat(member=scene.rahima, from_on=date(2023, 1, 1))
    admin_client(client, staff(organisation=org, superuser=True))
    response = client.post(
        reverse("admin:representation_seat_change", args=[seat.pk]),
        _seat_form(scene.rahima, to_on="2024-06-30"),
    )
    assert response.status_code == 302, form_errors(response)
    seat.refresh_from_db()
    assert (seat.to_on, seat.version) == (date(2024, 6, 30), 2)
