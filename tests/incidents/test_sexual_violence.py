"""Sexual violence is seen only by the roles that read names (admin, legal, organiser) and
never leaves in a file outside the staff profile: every reader follows
IncidentQuerySet.visible_to (and .shareable for files). One test per reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gis.tiles import tile_for
from landclaims.dashboard.selectors import DashboardFilters, counted_incidents
from landclaims.documents.models import Document
from landclaims.documents.services import document_add
from landclaims.exports.services import export_layer
from tests.exports.helpers import read_back
from tests.factories import log_in
from tests.maps.mvt import decode

pytestmark = pytest.mark.django_db

HIDDEN_FROM = ("monitor", "viewer")


@pytest.fixture(autouse=True)
def export_dir(settings: Any, tmp_path: Path) -> Path:
    settings.EXPORT_DIR = tmp_path / "exports"
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    return settings.EXPORT_DIR


def _as(client, scene, role):
    log_in(client, scene.users[role])
    return client


@pytest.mark.parametrize("role", HIDDEN_FROM)
def test_the_incidents_page_does_not_list_it_for_monitors_and_viewers(client, scene, role):
    page = _as(client, scene, role).get(reverse("incidents:list")).content.decode()
    assert f'data-incident="{scene.eviction.pk}"' in page
    assert f'data-incident="{scene.assault.pk}"' not in page


def test_the_incidents_page_lists_it_for_organisers(client, scene):
    page = _as(client, scene, "organiser").get(reverse("incidents:list")).content.decode()
    assert f'data-incident="{scene.assault.pk}"' in page


@pytest.mark.parametrize("role", HIDDEN_FROM)
def test_its_page_is_not_found_for_monitors_and_viewers(client, scene, role):
    response = _as(client, scene, role).get(reverse("incidents:detail", args=[scene.assault.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", HIDDEN_FROM)
def test_the_claims_timeline_leaves_it_out_for_monitors_and_viewers(client, scene, role):
    page = _as(client, scene, role).get(reverse("claims:detail", args=[scene.claim.pk]))
    text = page.content.decode()
    assert f'data-incident="{scene.eviction.pk}"' in text
    assert f'data-incident="{scene.assault.pk}"' not in text


def _tile_ids(client, scene, role):
    tile = tile_for(89.921, 24.251, 14)
    url = reverse("maps:tile", args=["incidents", tile.z, tile.x, tile.y])
    body = _as(client, scene, role).get(url).content
    return {feature.id for feature in decode(body, tile).get("incidents", [])}


@pytest.mark.parametrize("role", HIDDEN_FROM)
def test_the_map_layer_leaves_it_out_for_monitors_and_viewers(client, scene, role):
    assert scene.assault.pk not in _tile_ids(client, scene, role)


def test_the_map_layer_shows_it_to_organisers(client, scene):
    assert scene.assault.pk in _tile_ids(client, scene, "organiser")


@pytest.mark.parametrize("profile", ["public", "monitor"])
def test_files_outside_the_staff_profile_leave_it_out(scene, profile):
    result = export_layer(user=scene.users["admin"], layer="incidents", profile=profile)
    ids = set(read_back(result.path, "gpkg", layer="incidents")["id"].astype(int))
    assert ids == {scene.eviction.pk}


def test_a_staff_file_holds_it(scene):
    result = export_layer(user=scene.users["organiser"], layer="incidents", profile="staff")
    ids = set(read_back(result.path, "gpkg", layer="incidents")["id"].astype(int))
    assert ids == {scene.eviction.pk, scene.assault.pk}


@pytest.mark.parametrize("role", HIDDEN_FROM)
def test_the_api_leaves_it_out_for_monitors_and_viewers(client, scene, role):
    _as(client, scene, role)
    listed = client.get(reverse("api:incident-list")).json()
    assert {f["id"] for f in listed["features"]} == {scene.eviction.pk}
    one = client.get(reverse("api:incident-detail", args=[scene.assault.pk]))
    assert one.status_code == 404


@pytest.mark.parametrize("role", HIDDEN_FROM)
def test_the_dashboard_does_not_count_it_for_monitors_and_viewers(scene, role):
    counted = counted_incidents(user=scene.users[role], filters=DashboardFilters())
    assert set(counted.values_list("pk", flat=True)) == {scene.eviction.pk}


def test_the_dashboard_counts_it_for_organisers(scene):
    counted = counted_incidents(user=scene.users["organiser"], filters=DashboardFilters())
    assert set(counted.values_list("pk", flat=True)) == {scene.eviction.pk, scene.assault.pk}


@pytest.mark.parametrize("role, seen", [("organiser", True), ("monitor", False), ("viewer", False)])
def test_a_document_of_it_is_seen_only_where_the_incident_is(scene, role, seen):
    document = document_add(
        kind="photo",
        title="medical report",
        by=None,
        incident=scene.assault,
        file=SimpleUploadedFile("report.pdf", b"%PDF-1.4 report", "application/pdf"),
    )
    visible = Document.objects.visible_to(scene.users[role])
    assert visible.filter(pk=document.pk).exists() is seen
