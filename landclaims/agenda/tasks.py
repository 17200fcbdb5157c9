"""The daily reminder run on Django's tasks framework, queued in the database.

The task re-enqueues itself for 07:00 Dhaka time the next day, so one start
(`manage.py send_hearing_reminders --enqueue`) and a running `manage.py db_worker` keep it
going. It never queues a second waiting run, so starting it again is harmless.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.tasks import TaskResult, TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from landclaims.agenda.services import deadline_reminders_send, reminders_send

DHAKA = ZoneInfo("Asia/Dhaka")
RUN_AT = time(7, 0)
# Any fixed number: the Postgres advisory lock that serialises "is a run already waiting?".
_SCHEDULE_LOCK = 0x1A9E_0DA1


@task
def send_hearing_reminders_task() -> dict[str, Any]:
    today = timezone.localdate(timezone=DHAKA)
    try:
        report = reminders_send(today=today)
        deadlines = deadline_reminders_send(today=today)
    finally:
        # Even after a failure: one bad day must not end the daily chain.
        schedule_next_run(after=today)
    return {**report.as_dict(), **deadlines.as_dict()}


def next_run_at(after: date) -> datetime:
    return datetime.combine(after + timedelta(days=1), RUN_AT, tzinfo=DHAKA)


def schedule_next_run(*, after: date) -> TaskResult | None:
    """Queue the run for 07:00 the day after `after`, unless a run is already waiting.

    None when one was waiting. The running task is not "waiting" (its status is RUNNING),
    so the chain continues; a second copy started by hand finds tomorrow's run and stops.
    """
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SCHEDULE_LOCK])
        if pending_runs().exists():
            return None
        return send_hearing_reminders_task.using(run_after=next_run_at(after)).enqueue()


def pending_runs() -> Any:
    """Queued runs not started yet. django.tasks has no query API, so this reads the
    database backend's table (settings.TASKS uses django_tasks_db)."""
    return DBTaskResult.objects.filter(
        task_path=send_hearing_reminders_task.module_path, status=TaskResultStatus.READY
    )
