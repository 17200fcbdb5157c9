"""prune_files deletes old export files and fails exports a dead worker left running."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from landclaims.exports.models import ExportLog
from landclaims.exports.services import export_layer, export_request
from tests.factories import log_in


def test_an_old_export_file_is_deleted_and_its_log_kept(client, data, organiser) -> None:
    result = export_layer(user=organiser, layer="parcels")
    call_command("prune_files")  # today's file stays
    assert result.path.is_file()

    with time_machine.travel(timezone.now() + timedelta(days=8)):
        call_command("prune_files")
    assert not result.path.exists()
    log = ExportLog.objects.get()
    assert log.status == "expired" and log.file == "" and log.row_count == result.rows
    assert "deleted after 7 days" in log.notes[-1]
    log_in(client, organiser)
    assert client.get(reverse("exports:download", args=[log.pk])).status_code == 404
    page = client.get(reverse("exports:index")).content.decode()
    assert reverse("exports:download", args=[log.pk]) not in page


def test_an_export_a_dead_worker_left_queued_is_failed_with_a_reason(
    data, organiser, settings
) -> None:
    settings.EXPORT_BACKGROUND_ROWS = 0  # queue it; no worker runs here
    log = export_request(user=organiser, layer="parcels")
    assert log.status == "queued"
    with time_machine.travel(timezone.now() + timedelta(hours=7)):
        call_command("prune_files")
    log.refresh_from_db()
    assert log.status == "failed" and "worker stopped" in log.error
