"""A username longer than any account's is a failed login like any other, never a 500."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt

from landclaims.accounts.attempts import ATTEMPT_USERNAME_MAX
from tests.accounts.conftest import password_login
from tests.factories import make_user

pytestmark = pytest.mark.django_db

LONG = "ক" * 300  # 300 characters, Bengali: 900 bytes


def test_an_overlong_username_is_refused_like_a_wrong_password(client, org) -> None:
    user = make_user(organisation=org, role="monitor")
    wrong = password_login(client, user, "wrong-password-xyz")
    overlong = client.post("/login/", {"username": LONG, "password": "whatever"})
    assert overlong.status_code == 200
    assert "_auth_user_id" not in client.session
    message = wrong.context["form"].non_field_errors()
    assert list(overlong.context["form"].non_field_errors()) == list(message)


def test_an_overlong_username_counts_towards_the_lockout(client) -> None:
    for _attempt in range(5):
        response = client.post("/login/", {"username": LONG, "password": "whatever"})
    assert response.status_code == 429  # the fifth is answered with the lockout page
    attempt = AccessAttempt.objects.get()
    assert attempt.username == LONG[:ATTEMPT_USERNAME_MAX]
    assert attempt.failures_since_start == 5


def test_the_admin_login_refuses_an_overlong_username_too(client) -> None:
    response = client.post("/admin/login/", {"username": LONG, "password": "whatever"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
