"""Idle and absolute session timeouts; the last-activity stamp is written at most once a
minute; the session cookie is HttpOnly and SameSite=Lax."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from landclaims.accounts.middleware import SEEN_AT
from tests.accounts.conftest import password_login
from tests.factories import log_in, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def start():
    return timezone.now()


def test_an_idle_session_is_logged_out_with_a_message(client, org, start) -> None:
    with time_machine.travel(start, tick=False):
        log_in(client, make_user(organisation=org, role="organiser"))
        assert client.get("/claims/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        response = client.get("/claims/", follow=True)
        assert response.redirect_chain[-1][0].startswith("/login/?next=/claims/")
        assert "30 minutes without activity" in response.text
        assert "_auth_user_id" not in client.session


def test_activity_keeps_a_session_alive(client, org, start) -> None:
    with time_machine.travel(start, tick=False):
        log_in(client, make_user(organisation=org, role="legal"))
    for minutes in (20, 40, 60, 80):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get("/claims/").status_code == 200, minutes


def test_a_session_ends_after_twelve_hours_however_busy(client, org, start) -> None:
    with time_machine.travel(start, tick=False):
        log_in(client, make_user(organisation=org, role="monitor"))
    minutes = 0
    while minutes < 12 * 60:
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get("/").status_code == 200, minutes
        minutes += 25
    with time_machine.travel(start + timedelta(hours=12, minutes=1), tick=False):
        response = client.get("/", follow=True)
        assert "Your session ended after 12 hours" in response.text
        assert "_auth_user_id" not in client.session


def test_the_activity_stamp_is_written_at_most_once_a_minute(client, org, start) -> None:
    with time_machine.travel(start, tick=False):
        log_in(client, make_user(organisation=org, role="organiser"))
        stamped = client.session[SEEN_AT]
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        client.get("/tiles/parcels/8/190/110.pbf")
        assert client.session[SEEN_AT] == stamped
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        client.get("/tiles/parcels/8/190/110.pbf")
        assert client.session[SEEN_AT] == stamped + 61


def test_the_session_cookie_is_http_only_and_same_site_lax(client, org) -> None:
    response = password_login(client, make_user(organisation=org, role="viewer"))
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 12 * 3600
