"""TOTP two-factor sign-in: required for the roles that see people, optional for the others;
enrolment with a QR code and backup codes; the token step; throttling; an admin reset."""

from __future__ import annotations

import re
from base64 import b32decode
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from landclaims.accounts.services import two_factor_reset
from landclaims.api.services import api_token_issue
from landclaims.core.text import bengali_digits
from tests.accounts.conftest import password_login
from tests.factories import log_in, make_user, totp_token, two_factor_device

pytestmark = pytest.mark.django_db


def path_of(response) -> str:
    return urlsplit(response["Location"]).path


def verify(client: Client, token: str):
    return client.post("/account/2fa/verify/", {"token": token, "next": "/claims/"})


@pytest.mark.parametrize("role", ["admin", "organiser", "legal"])
def test_roles_that_see_people_are_sent_to_enrol(client, org, role) -> None:
    user = make_user(organisation=org, role=role)
    assert path_of(password_login(client, user)) == "/"
    for page in ("/", "/claims/", "/map/", "/groups/", "/account/password/"):
        response = client.get(page)
        assert response.status_code == 302, page
        assert path_of(response) == "/account/2fa/"
        assert response["Location"].endswith(f"?next={page.replace('/', '%2F')}")


def test_the_language_switch_stays_open_before_the_second_factor(client, org) -> None:
    # Someone who reads only Bangla must be able to switch before enrolling.
    password_login(client, make_user(organisation=org, role="organiser"))
    response = client.post("/preferences/language/", {"language": "bn", "next": "/account/2fa/"})
    assert response.status_code == 302 and path_of(response) == "/account/2fa/"
    assert client.cookies["django_language"].value == "bn"


def test_tiles_api_and_ogc_answer_403_json_not_a_redirect(client, org) -> None:
    user = make_user(organisation=org, role="organiser")
    password_login(client, user)
    for url in ("/tiles/parcels/8/190/110.pbf", "/api/v1/claims/", "/ogc/collections"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "second factor" in response.json()["detail"]


def test_an_api_key_is_not_a_session_and_is_not_stopped(org) -> None:
    user = make_user(organisation=org, role="organiser")  # no authenticator at all
    secret = api_token_issue(user=user, name="script").secret
    response = Client().get("/api/v1/claims/", HTTP_AUTHORIZATION=f"Token {secret}")
    assert response.status_code == 200
    assert Client().get("/ogc/collections", HTTP_X_API_KEY=secret).status_code == 200


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_are_not_forced(client, org, role) -> None:
    user = make_user(organisation=org, role=role)
    password_login(client, user)
    assert client.get("/claims/").status_code == 200
    assert client.get("/account/2fa/").status_code == 200  # they may enrol if they like


def secret_on_page(html: str) -> bytes:
    text = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', html).group(1)
    return b32decode(text.replace(" ", ""))


def code_for(key: bytes) -> str:
    return f"{TOTP(key).token():06d}"


def test_enrolment_shows_a_qr_code_and_the_secret_then_backup_codes_once(client, org) -> None:
    user = make_user(organisation=org, role="organiser")
    password_login(client, user)
    page = client.get("/account/2fa/?next=/claims/")
    assert page.status_code == 200
    assert "<svg" in page.text and "<script" not in page.text.split("<main")[1]
    key = secret_on_page(page.text)
    assert client.get("/account/2fa/").text.count(page.text.split('"totp-secret">')[1][:20]) == 1

    wrong = client.post("/account/2fa/", {"token": "000000"})
    assert wrong.status_code == 400
    with time_machine.travel(timezone.now() + timedelta(seconds=2)):  # the wrong one's wait
        confirmed = client.post("/account/2fa/", {"token": code_for(key), "next": "/claims/"})
    assert path_of(confirmed) == "/account/2fa/backup-codes/"
    codes_page = client.get(confirmed["Location"])
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page.text)
    assert len(codes) == 10
    assert sorted(codes) == sorted(StaticToken.objects.values_list("token", flat=True))
    assert 'href="/claims/"' in codes_page.text
    again = client.get("/account/2fa/backup-codes/")
    assert not any(code in again.text for code in codes)  # shown once
    assert client.get("/claims/").status_code == 200


def test_a_login_with_a_device_asks_for_the_token(client, org) -> None:
    user = make_user(organisation=org, role="legal")
    device = two_factor_device(user)
    password_login(client, user)
    assert path_of(client.get("/claims/")) == "/account/2fa/verify/"

    refused = verify(client, "123456" if totp_token(device) != "123456" else "654321")
    assert refused.status_code == 400
    assert "not right" in refused.text
    assert client.get("/claims/").status_code == 302

    with time_machine.travel(timezone.now() + timedelta(seconds=5)):  # after the throttle
        device.refresh_from_db()
        accepted = verify(client, totp_token(device))
        assert path_of(accepted) == "/claims/"
        assert client.get("/claims/").status_code == 200


def test_a_used_token_is_not_accepted_twice(org) -> None:
    user = make_user(organisation=org, role="organiser")
    device = two_factor_device(user)
    first, second = Client(), Client()
    for client in (first, second):
        password_login(client, user)
    token = totp_token(device)
    assert verify(first, token).status_code == 302
    assert verify(second, token).status_code == 400


def test_wrong_tokens_are_throttled(client, org) -> None:
    user = make_user(organisation=org, role="organiser")
    device = two_factor_device(user)
    password_login(client, user)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(3):
            verify(client, "000001")
        device.refresh_from_db()
        # Each wrong code doubles the wait; those tried during the wait are not even checked.
        assert device.throttling_failure_count == 1
        throttled = verify(client, totp_token(device))  # even the right one, too soon
        assert throttled.status_code == 400
        assert "Wait" in throttled.text
    with time_machine.travel(start + timedelta(seconds=3), tick=False):
        device.refresh_from_db()
        assert verify(client, totp_token(device)).status_code == 302


def test_a_backup_code_works_once(org) -> None:
    user = make_user(organisation=org, role="admin")
    two_factor_device(user)
    code = StaticToken.objects.filter(device__user=user).first().token
    first, second = Client(), Client()
    password_login(first, user)
    assert path_of(verify(first, code.upper())) == "/claims/"
    assert first.get("/claims/").status_code == 200
    password_login(second, user)
    assert verify(second, code).status_code == 400
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_bengali_digits_are_accepted(client, org) -> None:
    user = make_user(organisation=org, role="organiser")
    device = two_factor_device(user)
    password_login(client, user)
    device.refresh_from_db()
    assert path_of(verify(client, bengali_digits(totp_token(device)))) == "/claims/"


def test_an_admin_resets_a_lost_phone(client, org) -> None:
    admin = make_user(organisation=None)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    user = make_user(organisation=org, role="organiser")
    two_factor_device(user)
    log_in(client, admin)
    response = client.post(
        "/admin/auth/user/", {"action": "reset_two_factor", "_selected_action": [user.pk]}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()
    other = Client()
    password_login(other, user)
    assert path_of(other.get("/claims/")) == "/account/2fa/"


def test_resetting_removes_both_kinds_of_device(org) -> None:
    user = make_user(organisation=org, role="organiser")
    two_factor_device(user)
    assert two_factor_reset(user=user) == 2


def test_the_superuser_needs_two_factor_too(client) -> None:
    root = make_user(organisation=None)
    root.is_staff = root.is_superuser = True
    root.save()
    password_login(client, root)
    assert path_of(client.get("/admin/")) == "/account/2fa/"
