"""The /exports/ page and its downloads, through Django's test client."""

from __future__ import annotations

import pytest
from django.urls import reverse

from landclaims.exports.models import ExportLog
from tests.factories import log_in, make_user

POST = {"layer": "parcels", "file_format": "gpkg", "srid": "4326", "profile": "public"}


@pytest.fixture
def organiser_client(client, organiser):
    log_in(client, organiser)
    return client


def test_the_page_needs_a_login(client, db) -> None:
    response = client.get(reverse("exports:index"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_page_offers_the_form_with_the_least_revealing_profile_chosen(data, organiser_client):
    response = organiser_client.get(
        reverse("exports:index"), {"area": data.world.places.mouza_a.pk}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form["profile"].initial == "public"
    assert [value for value, _label in form.fields["profile"].choices] == [
        "public",
        "monitor",
        "staff",
    ]
    assert str(form["area"].initial) == str(data.world.places.mouza_a.pk)
    assert reverse("exports:index").encode() in response.content


def test_a_monitor_is_offered_no_staff_profile_and_cannot_post_one(data, client, monitor) -> None:
    log_in(client, monitor)
    page = client.get(reverse("exports:index"))
    assert [v for v, _l in page.context["form"].fields["profile"].choices] == ["public", "monitor"]
    response = client.post(reverse("exports:index"), {**POST, "profile": "staff"})
    assert response.status_code == 400
    assert "profile" in response.context["form"].errors
    assert not ExportLog.objects.exists()


def test_geojson_in_btm_is_refused_beside_the_crs_field(data, organiser_client) -> None:
    response = organiser_client.post(
        reverse("exports:index"), {**POST, "file_format": "geojson", "srid": "9678"}
    )
    assert response.status_code == 400
    assert "EPSG:4326" in " ".join(response.context["form"].errors["srid"])


def test_a_small_export_is_made_at_once_and_its_owner_downloads_it(data, organiser_client):
    response = organiser_client.post(
        reverse("exports:index"), {**POST, "stage": ["identified"]}, follow=True
    )
    assert response.status_code == 200
    log = ExportLog.objects.get()
    assert log.status == "done" and log.via == "page" and log.filters == {"stages": ["identified"]}
    assert reverse("exports:download", args=[log.pk]).encode() in response.content
    download = organiser_client.get(reverse("exports:download", args=[log.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/geopackage+sqlite3"
    assert "attachment" in download["Content-Disposition"]
    body = b"".join(download.streaming_content)
    assert body.startswith(b"SQLite format 3\x00")


def test_nobody_else_can_download_an_export_not_even_a_colleague(
    data, organiser_client, org, client
):
    organiser_client.post(reverse("exports:index"), POST)
    log = ExportLog.objects.get()
    colleague = make_user(organisation=org, role="admin")
    log_in(client, colleague)
    assert client.get(reverse("exports:download", args=[log.pk])).status_code == 404
    assert not any(r.pk == log.pk for r in client.get(reverse("exports:index")).context["recent"])


def test_a_download_is_refused_once_the_owners_role_no_longer_allows_its_profile(
    data, organiser, organiser_client
) -> None:
    from landclaims.core.models import Membership

    organiser_client.post(reverse("exports:index"), {**POST, "profile": "staff"})
    log = ExportLog.objects.get()
    Membership.objects.filter(user=organiser).update(role="viewer")
    assert organiser_client.get(reverse("exports:download", args=[log.pk])).status_code == 404


def test_a_large_export_is_queued_and_the_page_shows_its_progress(
    data, organiser_client, settings
) -> None:
    settings.EXPORT_BACKGROUND_ROWS = 1
    response = organiser_client.post(reverse("exports:index"), POST, follow=True)
    log = ExportLog.objects.get()
    assert log.status == "queued"
    assert b"<progress" in response.content
    assert b'http-equiv="refresh"' in response.content
    assert reverse("exports:download", args=[log.pk]).encode() not in response.content


def test_a_link_from_the_map_to_a_mouza_keeps_the_mouza_chosen(data, organiser_client) -> None:
    mouza = data.world.places.mouza_a2  # mouzas are not in the area list
    response = organiser_client.get(reverse("exports:index"), {"area": mouza.pk})
    assert f'<option value="{mouza.pk}" selected>'.encode() in response.content


def test_the_admin_lists_the_export_log_read_only(data, client, organiser) -> None:
    from django.contrib.auth import get_user_model

    from landclaims.exports.services import export_layer

    export_layer(user=organiser, layer="groups")
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x" * 16)
    log_in(client, admin)
    listing = client.get(reverse("admin:exports_exportlog_changelist"))
    assert listing.status_code == 200 and b"groups" in listing.content
    log = ExportLog.objects.get()
    assert client.get(reverse("admin:exports_exportlog_change", args=[log.pk])).status_code == 200
    assert client.get(reverse("admin:exports_exportlog_add")).status_code == 403
