"""API keys: several per person, named, shown once, stored as a hash, revocable."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from landclaims.api.models import ApiToken
from landclaims.api.services import api_token_issue
from tests.api.conftest import client_for
from tests.factories import log_in

pytestmark = pytest.mark.django_db


def test_the_page_shows_a_new_key_once_and_keeps_only_its_hash(client, organiser) -> None:
    log_in(client, organiser)
    response = client.post(reverse("api:tokens"), {"name": "QGIS on the office laptop"})
    secret = response.context["secret"]
    token = ApiToken.objects.get(user=organiser)
    assert secret in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.name, token.prefix, token.digest}
    assert secret not in client.get(reverse("api:tokens")).content.decode()


def test_a_person_may_hold_several_named_keys(organiser) -> None:
    client = APIClient()
    log_in(client, organiser)
    for name in ("QGIS", "field script"):
        response = client.post("/api/v1/tokens/", {"name": name}, format="json")
        assert response.status_code == 201
        assert response.json()["key"].startswith(response.json()["prefix"])
    listed = client.get("/api/v1/tokens/").json()["results"]
    assert sorted(t["name"] for t in listed) == ["QGIS", "field script"]
    assert all("key" not in t for t in listed)


def test_a_revoked_key_stops_working_at_once(organiser) -> None:
    client = client_for(organiser)
    token = ApiToken.objects.get(user=organiser)
    assert client.delete(f"/api/v1/tokens/{token.pk}/").status_code == 204
    assert client.get("/api/v1/claims/").status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_page_revokes_a_key(client, organiser) -> None:
    issued = api_token_issue(user=organiser, name="old phone")
    log_in(client, organiser)
    client.post(reverse("api:tokens"), {"token": issued.token.pk})
    anonymous = APIClient()
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {issued.secret}")
    assert anonymous.get("/api/v1/claims/").status_code == 401


def test_a_key_cannot_make_more_keys(organiser) -> None:
    response = client_for(organiser).post("/api/v1/tokens/", {"name": "x"}, format="json")
    assert response.status_code == 403
    assert ApiToken.objects.filter(user=organiser).count() == 1


def test_a_browser_session_must_send_the_csrf_token(organiser) -> None:
    browser = Client(enforce_csrf_checks=True)
    log_in(browser, organiser)
    response = browser.post("/api/v1/tokens/", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not ApiToken.objects.exists()


def test_nobody_sees_or_revokes_another_persons_key(organiser, legal_a) -> None:
    theirs = api_token_issue(user=organiser, name="mine").token
    client = client_for(legal_a)
    assert client.get(f"/api/v1/tokens/{theirs.pk}/").status_code == 404
    assert client.delete(f"/api/v1/tokens/{theirs.pk}/").status_code == 404
    assert [t["name"] for t in client.get("/api/v1/tokens/").json()["results"]] == ["test script"]
    theirs.refresh_from_db()
    assert theirs.is_active


@pytest.mark.parametrize("header", ["Token lc_not-a-real-key", "Bearer nonsense"])
def test_an_unknown_key_is_refused(header) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "authentication_failed"


def test_the_key_may_come_in_the_x_api_key_header(organiser) -> None:
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=api_token_issue(user=organiser, name="gdal").secret)
    assert client.get("/api/v1/claims/").status_code == 200


def test_anonymous_callers_get_401_and_no_data(world) -> None:
    response = APIClient().get("/api/v1/claims/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    assert "results" not in response.json()
