"""The group pages that write: registering and correcting a group, adding, correcting and
marking members as left. Numbers and dates may be typed in Bengali digits."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.groups.models import LandlessGroup, Member
from landclaims.privacy.models import PersonalDataRead
from landclaims.privacy.services import purpose_remember
from tests.factories import log_in
from tests.groups.conftest import add_member

pytestmark = pytest.mark.django_db


def _group_form(**extra):
    return {
        "sex": "women",
        "name_bn": "চরপাড়া ভূমিহীন নারী সমিতি",
        "name_en": "Charpara Landless Women",
        "village_q": "চরপাড়া",
        "formed_on": "১২/০৩/২০০৯",
        "meeting_day": "fri",
        "members_women": "২৩",
        "members_men": "",
        **extra,
    }


def _member_form(**extra):
    return {
        "code": "NK-০০১",
        "sex": "female",
        "role": "member",
        "priority_category": "no_homestead_no_land",
        "joined_on": "০১/০১/২০১০",
        "landless_status": "verified",
        "landless_checked_on": "০২/০৫/২০২৩",
        **extra,
    }


def test_a_group_is_registered_from_bengali_digits_and_a_typed_village_name(
    client, org, places, organiser_a
) -> None:
    log_in(client, organiser_a)
    response = client.post(reverse("groups:new"), _group_form())
    group = LandlessGroup.objects.get()
    assert response.status_code == 302
    assert (group.village, group.formed_on, group.members_women) == (
        places.village_a,
        date(2009, 3, 12),
        23,
    )
    assert (group.meeting_day, group.organisation) == ("fri", org)


def test_a_village_outside_ones_districts_is_not_found(client, places, organiser_a) -> None:
    log_in(client, organiser_a)
    response = client.post(reverse("groups:new"), _group_form(village_q="Dakshinpara"))
    assert response.status_code == 400
    assert "village_q" in response.context["form"].errors
    assert not LandlessGroup.objects.exists()


def test_a_refused_group_keeps_what_was_typed(client, places, organiser_a) -> None:
    log_in(client, organiser_a)
    response = client.post(reverse("groups:new"), _group_form(formed_on="৩১/০২/২০০৯"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "formed_on" in response.context["form"].errors
    assert "Charpara Landless Women" in html and 'id="id_formed_on_errors"' in html


def test_a_stale_group_edit_is_refused_and_saves_nothing(client, women_group, organiser_a) -> None:
    log_in(client, organiser_a)
    url = reverse("groups:edit", args=[women_group.pk])
    form = client.get(url).context["form"]
    data = {**{k: "" if v is None else v for k, v in form.initial.items()}}
    data.update(village=women_group.village_id, meeting_day="sat", formed_on="01/03/2009")
    client.post(url, {**data, "members_women": "14"})
    response = client.post(url, {**data, "meeting_day": "sun"})
    assert response.status_code == 400
    assert "Someone else changed" in response.content.decode()
    women_group.refresh_from_db()
    assert (women_group.meeting_day, women_group.members_women) == ("sat", 14)


def test_members_are_added_with_bengali_digits_and_counted(
    client, women_group, organiser_a
) -> None:
    log_in(client, organiser_a)
    url = reverse("groups:members", args=[women_group.pk])
    response = client.post(url, _member_form(nid="১২৩৪৫৬৭৮৯০", name_bn="রহিমা খাতুন"))
    assert response.status_code == 302
    member = Member.objects.get()
    assert (member.code, member.joined_on, member.nid) == ("NK-001", date(2010, 1, 1), "1234567890")
    html = client.get(url).content.decode()
    assert "12 women typed, 1 recorded" in html
    assert "রহিমা" not in html  # the list shows codes, never names


def test_a_monitor_may_not_open_the_members_page(client, women_group, monitor) -> None:
    log_in(client, monitor)
    assert client.get(reverse("groups:members", args=[women_group.pk])).status_code == 403


def test_editing_a_member_without_a_stated_purpose_keeps_the_hidden_name(
    client, women_group, organiser_a
) -> None:
    member = add_member(women_group, "NK-1", name_bn="রহিমা খাতুন")
    log_in(client, organiser_a)
    url = reverse("groups:member_edit", args=[member.pk])
    html = client.get(url).content.decode()
    assert "রহিমা" not in html and not PersonalDataRead.objects.exists()
    data = _member_form(code="NK-1", role="president", name_bn="", version="1")
    assert client.post(url, data).status_code == 302
    member.refresh_from_db()
    assert (member.role, member.name_bn) == ("president", "রহিমা খাতুন")


def test_editing_a_member_after_stating_why_shows_the_name_and_logs_it(
    client, women_group, organiser_a
) -> None:
    member = add_member(women_group, "NK-1", name_bn="রহিমা খাতুন")
    log_in(client, organiser_a)
    session = client.session
    purpose_remember(session=session, member_pk=member.pk, purpose="verification", purpose_note="")
    session.save()
    html = client.get(reverse("groups:member_edit", args=[member.pk])).content.decode()
    assert "রহিমা খাতুন" in html
    assert PersonalDataRead.objects.get().member_ids == [member.pk]


def test_a_member_is_marked_as_left_with_a_bengali_date(client, women_group, organiser_a) -> None:
    member = add_member(women_group, "NK-1")
    log_in(client, organiser_a)
    url = reverse("groups:member_leave", args=[member.pk])
    response = client.post(url, {"left_on": "০১/০৫/২০২০", "left_reason": "", "version": "1"})
    assert response.status_code == 302
    assert Member.objects.get(pk=member.pk).left_on == date(2020, 5, 1)


def test_leaving_before_joining_is_shown_beside_the_date(client, women_group, organiser_a) -> None:
    member = add_member(women_group, "NK-1", joined_on=date(2015, 1, 1))
    log_in(client, organiser_a)
    url = reverse("groups:member_leave", args=[member.pk])
    response = client.post(url, {"left_on": "01/01/2014", "version": "1"})
    assert response.status_code == 400
    assert "left_on" in response.context["leave"].errors


def test_the_group_page_links_writers_to_edit_and_members(
    client, women_group, organiser_a, monitor
) -> None:
    url = reverse("groups:detail", args=[women_group.pk])
    log_in(client, organiser_a)
    assert 'id="edit-group"' in client.get(url).content.decode()
    log_in(client, monitor)
    assert 'id="edit-group"' not in client.get(url).content.decode()
