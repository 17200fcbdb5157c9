"""The member page: personal details only after a stated purpose, every showing logged;
the read log page for the organisation's admins."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.utils import InternalError
from django.urls import reverse

from landclaims.privacy.models import PersonalDataRead
from tests.factories import log_in, make_group, make_user
from tests.privacy.conftest import NAME_BN, NID, PHONE, PLANTED

pytestmark = pytest.mark.django_db


def _page(client, member):
    return client.get(reverse("groups:member", args=[member.pk]))


def _state(client, member, purpose="legal_aid", note=""):
    url = reverse("groups:member", args=[member.pk])
    return client.post(url, {"purpose": purpose, "purpose_note": note})


@pytest.mark.parametrize("role", ["admin", "legal", "organiser"])
def test_details_are_hidden_until_a_purpose_is_stated(client, org, world, role) -> None:
    log_in(client, make_user(organisation=org, role=role))
    first = _page(client, world.member)
    assert first.status_code == 200
    html = first.content.decode()
    assert "TGL-0099" in html and 'name="purpose"' in html
    assert not any(value in html for value in PLANTED)
    assert not PersonalDataRead.objects.exists()  # nothing shown, nothing logged


def test_stating_a_purpose_shows_the_details_and_logs_who_when_why(client, org, world) -> None:
    legal = make_user(organisation=org, role="legal")
    log_in(client, legal)
    assert _state(client, world.member, "other", "court affidavit").status_code == 302
    html = _page(client, world.member).content.decode()
    assert NAME_BN in html and NID in html and PHONE in html
    read = PersonalDataRead.objects.get()
    assert (read.user, read.member_ids, read.via) == (legal, [world.member.pk], "page")
    assert (read.purpose, read.purpose_note) == ("other", "court affidavit")
    assert read.organisation == org and read.at is not None


def test_every_showing_is_logged_and_the_purpose_is_remembered(client, org, world) -> None:
    log_in(client, make_user(organisation=org, role="organiser"))
    _state(client, world.member, "verification")
    _page(client, world.member)
    _page(client, world.member)
    assert PersonalDataRead.objects.count() == 2
    assert set(PersonalDataRead.objects.values_list("purpose", flat=True)) == {"verification"}


def test_another_purpose_other_without_details_is_refused(client, org, world) -> None:
    log_in(client, make_user(organisation=org, role="legal"))
    response = _state(client, world.member, "other", "")
    assert response.status_code == 400
    assert not any(value in response.content.decode() for value in PLANTED)


def test_a_purpose_stated_for_one_member_does_not_open_another(client, org, places, world) -> None:
    from landclaims.groups.services import member_create

    other = member_create(
        group=world.group,
        code="TGL-0101",
        sex="male",
        priority_category="erosion_victim",
        name_bn="অন্য সদস্য",
    )
    log_in(client, make_user(organisation=org, role="legal"))
    _state(client, world.member)
    assert "অন্য সদস্য" not in _page(client, other).content.decode()


def test_the_history_on_the_member_page_is_readable_after_the_purpose(client, org, world) -> None:
    world.member.phone = "01599999999"
    world.member.save()
    log_in(client, make_user(organisation=org, role="admin"))
    _state(client, world.member, "safety")
    html = _page(client, world.member).content.decode()
    history = html[html.index('id="audit-history"') :]
    assert f"{PHONE}</del> → <ins>01599999999" in history


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_never_reach_member_details(client, org, world, role) -> None:
    log_in(client, make_user(organisation=org, role=role))
    assert _page(client, world.member).status_code == 404
    assert _state(client, world.member).status_code == 404
    group_page = client.get(reverse("groups:detail", args=[world.group.pk])).content.decode()
    assert "TGL-0099" not in group_page
    assert not PersonalDataRead.objects.exists()


def test_another_organisations_members_never_show(client, world, outsider) -> None:
    log_in(client, outsider)
    assert _page(client, world.member).status_code == 404
    assert _state(client, world.member).status_code == 404
    assert client.get(reverse("groups:detail", args=[world.group.pk])).status_code == 404


def test_the_group_page_lists_members_by_code_only(client, org, world) -> None:
    log_in(client, make_user(organisation=org, role="organiser"))
    html = client.get(reverse("groups:detail", args=[world.group.pk])).content.decode()
    assert reverse("groups:member", args=[world.member.pk]) in html
    assert not any(value in html for value in PLANTED)


def test_the_read_log_is_append_only(client, org, world) -> None:
    log_in(client, make_user(organisation=org, role="legal"))
    _state(client, world.member)
    _page(client, world.member)
    for statement in (
        "UPDATE privacy_personaldataread SET purpose = 'other'",
        "DELETE FROM privacy_personaldataread",
    ):
        with (
            pytest.raises(InternalError, match="Cannot update or delete"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)


def test_admins_see_their_organisations_read_log(client, org, other_org, places, world) -> None:
    legal = make_user(organisation=org, role="legal")
    log_in(client, legal)
    _state(client, world.member, "settlement")
    _page(client, world.member)
    admin = make_user(organisation=org, role="admin")
    log_in(client, admin)
    page = client.get(reverse("privacy:reads"))
    assert page.status_code == 200
    html = page.content.decode()
    assert legal.username in html and "Settlement paperwork" in html
    # The member is named by their code, linked, never shown by database id.
    assert f'/members/{world.member.pk}/">{world.member.code}</a>' in html
    assert f"#{world.member.pk}" not in html
    # The other organisation's admin sees none of it.
    log_in(client, make_user(organisation=other_org, role="admin"))
    assert legal.username not in client.get(reverse("privacy:reads")).content.decode()


@pytest.mark.parametrize("role", ["legal", "organiser", "monitor", "viewer"])
def test_only_admins_open_the_read_log(client, org, role) -> None:
    log_in(client, make_user(organisation=org, role=role))
    assert client.get(reverse("privacy:reads")).status_code == 403


def test_the_admin_site_change_form_is_logged_as_administration(client, org, world) -> None:
    from django.contrib.auth import get_user_model

    superuser = get_user_model().objects.create_superuser("root", password="a-long-pw-1234")
    log_in(client, superuser)
    url = reverse("admin:groups_member_change", args=[world.member.pk])
    assert client.get(url).status_code == 200
    read = PersonalDataRead.objects.get()
    assert (read.via, read.purpose, read.user) == ("admin", "administration", superuser)


def test_a_second_group_member_is_not_logged_with_the_first(client, org, places, world) -> None:
    make_group(organisation=org, village=places.village_a)
    log_in(client, make_user(organisation=org, role="legal"))
    _state(client, world.member)
    _page(client, world.member)
    assert PersonalDataRead.objects.get().member_ids == [world.member.pk]
