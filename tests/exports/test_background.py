"""The background path for real: the page queues the export, Django's database worker
(django_tasks_db's db_worker) makes the file, and the log shows it done."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from landclaims.exports.models import ExportLog
from tests.factories import log_in


# The worker commits and opens connections as in production: real transactions needed.
@pytest.mark.django_db(transaction=True)
def test_the_worker_makes_a_queued_export_and_its_owner_downloads_it(
    data, client, organiser, settings
) -> None:
    settings.EXPORT_BACKGROUND_ROWS = 1
    log_in(client, organiser)
    post = {"layer": "parcels", "file_format": "shp", "srid": "9678", "profile": "monitor"}
    client.post(reverse("exports:index"), post)
    log = ExportLog.objects.get()
    assert log.status == "queued" and log.progress == 0

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    log.refresh_from_db()
    assert log.status == "done" and log.progress == 100
    assert log.row_count == log.expected_rows == 7
    task = DBTaskResult.objects.get(id=log.task_id)
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.return_value == {"export": log.pk, "rows": 7, "file": log.file}
    download = client.get(reverse("exports:download", args=[log.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"


@pytest.mark.django_db(transaction=True)
def test_a_queued_export_that_fails_in_the_worker_is_logged_failed(data, organiser, settings):
    from landclaims.exports.services import export_request
    from landclaims.groups.models import LandlessGroup

    settings.EXPORT_BACKGROUND_ROWS = 0
    from landclaims.exports.selectors import ExportFilters

    log = export_request(
        user=organiser, layer="parcels", filters=ExportFilters(group=data.world.group_3)
    )
    # The group filtered on is gone before the worker gets to it.
    data.world.group_3.claims.clear()
    LandlessGroup.objects.filter(pk=data.world.group_3.pk).delete()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    log.refresh_from_db()
    assert log.status == "failed" and "group" in log.error
    assert DBTaskResult.objects.get(id=log.task_id).status == TaskResultStatus.FAILED
