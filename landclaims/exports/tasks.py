"""Large exports run on Django's tasks framework, queued in the database (django_tasks_db);
`manage.py db_worker` runs them and the exports page shows their progress."""

from __future__ import annotations

from typing import Any

from django.tasks import task

from landclaims.exports.models import ExportLog
from landclaims.exports.running import export_run


@task
def export_task(log_id: int) -> dict[str, Any]:
    log = ExportLog.objects.select_related("user").get(pk=log_id)
    result = export_run(log=log, report_progress=True)
    return {"export": log.pk, "rows": result.rows, "file": log.file}
