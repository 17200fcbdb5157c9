"""The representatives pages and the group page's tab."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.representation.models import Seat
from tests.factories import log_in, make_seat

pytestmark = pytest.mark.django_db


def _as(client, scene, role="organiser"):
    log_in(client, scene.users[role])
    return client


def _seat_form(**fields):
    data = {"body": "up_standing_committee", "body_name": "", "area": "", "position": "member",
            "how": "elected", "from_on": "০১/০২/২০২৩", "to_on": ""}  # fmt: skip
    data.update(fields)
    return data


def test_a_seat_is_added_from_the_group_page(client, scene):
    client = _as(client, scene)
    page = client.get(reverse("representation:new") + f"?group={scene.women.pk}")
    assert {m.pk for m in page.context["form"].fields["member"].queryset} == {scene.rahima.pk}
    response = client.post(
        reverse("representation:new") + f"?group={scene.women.pk}",
        _seat_form(member=scene.rahima.pk),
    )
    assert response.status_code == 302
    seat = Seat.objects.get()
    assert (seat.member, seat.from_on, seat.how) == (scene.rahima, date(2023, 2, 1), "elected")


def test_another_body_without_a_name_is_refused_beside_the_field(client, scene):
    response = _as(client, scene).post(
        reverse("representation:new"), _seat_form(member=scene.rahima.pk, body="other")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["body_name"]


def test_a_seat_is_ended_on_its_edit_page(client, scene):
    seat = make_seat(member=scene.rahima, from_on=date(2022, 1, 5))
    response = _as(client, scene).post(
        reverse("representation:edit", args=[seat.pk]),
        _seat_form(from_on="2022-01-05", to_on="2024-01-05", version="1"),
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert (seat.to_on, seat.version) == (date(2024, 1, 5), 2)


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_may_not_add_seats(client, scene, role):
    seat = make_seat(member=scene.rahima)
    client = _as(client, scene, role)
    assert client.get(reverse("representation:new")).status_code == 403
    assert client.get(reverse("representation:edit", args=[seat.pk])).status_code == 403


def test_a_viewer_sees_codes_and_counts_never_names(client, scene):
    make_seat(member=scene.rahima)
    page = _as(client, scene, "viewer").get(reverse("representation:list"))
    text = page.content.decode()
    assert "W-1" in text and "রহিমা" not in text and scene.women.name_bn not in text
    counts = {row.body: row.women for row in page.context["counts"]}
    assert counts["up_standing_committee"] == 1


def test_the_list_filters_by_body_and_group(client, scene):
    make_seat(member=scene.rahima)
    make_seat(member=scene.karim, body="shalish_panel", how="nominated")
    client = _as(client, scene, "monitor")
    page = client.get(reverse("representation:list"), {"body": "shalish_panel"})
    assert [s.member_id for s in page.context["page"]] == [scene.karim.pk]
    page = client.get(reverse("representation:list"), {"group": scene.women.pk})
    assert [s.member_id for s in page.context["page"]] == [scene.rahima.pk]


def test_the_group_page_lists_its_members_seats(client, scene):
    seat = make_seat(member=scene.rahima)
    page = _as(client, scene, "viewer").get(reverse("groups:detail", args=[scene.women.pk]))
    assert page.context["d"].seats == [seat]
    assert f'data-seat="{seat.pk}"' in page.content.decode()


def test_the_seat_form_offers_members_by_code_without_their_names(client, scene):
    page = _as(client, scene).get(reverse("representation:new"))
    text = page.content.decode()
    assert "W-1" in text and "রহিমা" not in text
