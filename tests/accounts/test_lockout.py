"""django-axes: five wrong passwords for one username from one address pause that pair for
the cool-off, then it is free again; nothing locks for ever."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import RequestFactory
from django.utils import timezone

from landclaims.accounts.ip import client_ip
from tests.accounts.conftest import password_login
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def fail(client, user, times: int, **extra) -> None:
    """Wrong passwords; the fifth is answered with the lockout page."""
    for n in range(1, times + 1):
        response = password_login(client, user, "wrong-password-xyz", **extra)
        assert response.status_code == (429 if n == 5 else 200), n


def test_five_failures_lock_the_username_and_address_until_the_cool_off(client, org) -> None:
    user = make_user(organisation=org, role="monitor")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, user, 5)
        locked = password_login(client, user)  # even the right password
        assert locked.status_code == 429
        assert "Too many attempts" in locked.text
        assert "15 minutes" in locked.text
        assert "_auth_user_id" not in client.session
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert password_login(client, user).status_code == 429
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert password_login(client, user).status_code == 302  # the cool-off is over
        assert client.session["_auth_user_id"] == str(user.pk)


def test_four_failures_and_a_success_start_the_count_again(client, org) -> None:
    user = make_user(organisation=org, role="monitor")
    fail(client, user, 4)
    assert password_login(client, user).status_code == 302
    client.logout()
    fail(client, user, 4)
    assert password_login(client, user).status_code == 302


def test_the_lock_is_per_address_so_a_stranger_cannot_lock_staff_out(client, org) -> None:
    user = make_user(organisation=org, role="monitor")
    fail(client, user, 5, REMOTE_ADDR="203.0.113.9")
    assert password_login(client, user, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert password_login(client, user, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_the_lock_is_per_username(client, org) -> None:
    user, colleague = (make_user(organisation=org, role="monitor") for _ in range(2))
    fail(client, user, 5)
    assert password_login(client, colleague).status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_lock(client, org) -> None:
    user = make_user(organisation=org, role="monitor")
    for n in range(1, 6):
        forged = {"HTTP_X_FORWARDED_FOR": f"192.0.2.{n}"}
        response = password_login(client, user, "wrong-password-xyz", **forged)
        assert response.status_code == (429 if n == 5 else 200)
    forged = {"HTTP_X_FORWARDED_FOR": "192.0.2.200"}
    assert password_login(client, user, **forged).status_code == 429


def test_the_lockout_page_speaks_bengali(client, org) -> None:
    user = make_user(organisation=org, role="monitor")
    client.cookies["django_language"] = "bn"
    fail(client, user, 5)
    locked = password_login(client, user)
    assert locked.status_code == 429
    assert 'lang="bn"' in locked.text


def test_the_client_address_trusts_no_header_unless_told(settings) -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.5"
    )
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1  # one nginx: the client is the entry it appended
    assert client_ip(request) == "203.0.113.5"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "192.0.2.1"
    settings.TRUSTED_PROXY_COUNT = 3  # fewer hops than proxies: not from them; the peer
    assert client_ip(request) == "10.0.0.2"
