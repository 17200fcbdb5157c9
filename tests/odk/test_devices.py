"""Phone keys: made by people whose role sends field forms, shown once, kept as a hash,
revoked by their owner or an admin of the organisation."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zlib
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from pyxform.xls2xform import convert as xls2xform

from landclaims.odk import xlsforms
from landclaims.odk.models import FieldDevice
from landclaims.odk.protocol import collect_settings_code
from landclaims.odk.selectors import field_device_find, field_device_list
from landclaims.odk.services import field_device_issue, field_device_revoke, field_device_touch
from tests.factories import log_in, make_user

pytestmark = pytest.mark.django_db


def test_a_key_is_shown_once_and_kept_as_its_hash(organiser) -> None:
    issued = field_device_issue(user=organiser, name="Rahima's phone")
    device = FieldDevice.objects.get(user=organiser)
    assert device.digest == hashlib.sha256(issued.secret.encode()).hexdigest()
    assert issued.secret.startswith(device.prefix)
    assert issued.secret not in {device.name, device.prefix, device.digest}
    assert field_device_find(secret=issued.secret) == device


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_a_role_that_sends_no_form_gets_no_key(org, role) -> None:
    with pytest.raises(PermissionDenied):
        field_device_issue(user=make_user(organisation=org, role=role), name="phone")
    assert not FieldDevice.objects.exists()


def test_a_revoked_key_is_not_found(organiser) -> None:
    issued = field_device_issue(user=organiser, name="lost phone")
    field_device_revoke(device=issued.device, by=organiser)
    assert field_device_find(secret=issued.secret) is None
    assert field_device_find(secret="lcp_" + "x" * 43) is None


def test_an_admin_revokes_a_key_of_their_organisation_and_nobody_else_may(
    org, organiser, outsider
) -> None:
    device = field_device_issue(user=organiser, name="lost phone").device
    colleague = make_user(organisation=org, role="legal")
    for stranger in (colleague, outsider):
        with pytest.raises(PermissionDenied):
            field_device_revoke(device=device, by=stranger)
    admin = make_user(organisation=org, role="admin")
    assert field_device_revoke(device=device, by=admin).revoked_at is not None


def test_an_admin_sees_the_organisations_keys_others_only_their_own(
    org, organiser, outsider
) -> None:
    mine = field_device_issue(user=organiser, name="mine").device
    admin = make_user(organisation=org, role="admin")
    legal = make_user(organisation=org, role="legal")
    field_device_issue(user=outsider, name="theirs")
    assert list(field_device_list(user=admin)) == [mine]
    assert list(field_device_list(user=legal)) == []
    assert list(field_device_list(user=organiser)) == [mine]


def test_the_time_of_use_is_written_at_most_once_a_minute(organiser) -> None:
    device = field_device_issue(user=organiser, name="phone").device
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        field_device_touch(device=device)
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        field_device_touch(device=device)
        device.refresh_from_db()
        assert device.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        field_device_touch(device=device)
        device.refresh_from_db()
        assert device.last_used_at == start + timedelta(seconds=61)


def test_the_qr_code_carries_collects_settings_with_the_server_url() -> None:
    code = collect_settings_code("https://example.org/odk/key/lcp_abc/")
    settings = json.loads(zlib.decompress(base64.b64decode(code)))
    assert settings["general"]["server_url"] == "https://example.org/odk/key/lcp_abc/"
    assert settings["general"]["form_update_mode"] == "match_exactly"
    assert settings["project"]["name"] == "landclaims"


def test_the_page_shows_a_new_key_once_with_its_server_url(client, organiser) -> None:
    log_in(client, organiser)
    response = client.post(reverse("odk:phones"), {"name": "Rahima's phone"})
    server_url = response.context["server_url"]
    secret = server_url.rstrip("/").rsplit("/", 1)[-1]
    assert server_url == f"http://testserver/odk/key/{secret}/"
    assert field_device_find(secret=secret) is not None
    assert "<svg" in response.content.decode() and server_url in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert secret not in client.get(reverse("odk:phones")).content.decode()


def test_the_page_revokes_a_key(client, organiser) -> None:
    issued = field_device_issue(user=organiser, name="old phone")
    log_in(client, organiser)
    client.post(reverse("odk:phones"), {"device": issued.device.pk})
    assert field_device_find(secret=issued.secret) is None


def test_the_page_refuses_a_key_to_a_monitor(client, org) -> None:
    log_in(client, make_user(organisation=org, role="monitor"))
    assert client.get(reverse("odk:phones")).status_code == 200
    assert client.post(reverse("odk:phones"), {"name": "phone"}).status_code == 403
    assert not FieldDevice.objects.exists()


def test_the_xlsform_for_kobo_converts_to_the_form_phones_get(client, organiser) -> None:
    log_in(client, organiser)
    response = client.get(reverse("odk:xlsform", args=["lc_group"]))
    assert response.status_code == 200
    xform = xls2xform(xlsform=io.BytesIO(response.content), file_type=".xlsx").xform
    assert xform.encode() == xlsforms.built("lc_group").xml


def test_no_xlsform_of_a_form_the_person_may_not_send(client, organiser) -> None:
    log_in(client, organiser)
    assert client.get(reverse("odk:xlsform", args=["lc_hearing"])).status_code == 404
