"""The password policy (12 characters, not common, not all digits, not like the username)
on the page where people change their own password."""

from __future__ import annotations

import pytest

from tests.accounts.conftest import PASSWORD
from tests.factories import log_in, make_user

pytestmark = pytest.mark.django_db


def change(client, new: str):
    data = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    return client.post("/account/password/", data)


@pytest.mark.parametrize(
    ("new", "reason"),
    [
        ("short-pw1", "too short"),
        ("123456789012345", "entirely numeric"),
        ("qwerty123456", "too common"),
        ("{username}1", "too similar"),
    ],
)
def test_weak_passwords_are_refused(client, org, new, reason) -> None:
    user = make_user(organisation=org, role="organiser")
    log_in(client, user)
    response = change(client, new.format(username=user.username))
    assert response.status_code == 200
    assert reason in response.text
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_good_password_is_taken_and_the_session_stays(client, org) -> None:
    user = make_user(organisation=org, role="legal")
    log_in(client, user)
    assert client.get("/account/password/").status_code == 200
    response = change(client, "খাস জমি আমাদের অধিকার 1987")
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("খাস জমি আমাদের অধিকার 1987")
    assert client.get("/claims/").status_code == 200  # still signed in and verified


def test_the_wrong_old_password_is_refused(client, org) -> None:
    user = make_user(organisation=org, role="viewer")
    log_in(client, user)
    data = {"old_password": "not-it", "new_password1": "x" * 20, "new_password2": "x" * 20}
    assert "incorrect" in client.post("/account/password/", data).text
