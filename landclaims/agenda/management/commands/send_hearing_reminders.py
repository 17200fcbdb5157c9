"""Send today's hearing and order reminders now, or queue the daily task."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from landclaims.agenda.services import deadline_reminders_send, reminders_send
from landclaims.agenda.tasks import DHAKA, send_hearing_reminders_task


class Command(BaseCommand):
    help = (
        "Mail the reminders of hearings 7 and 1 days ahead and of stays, status quo orders "
        "and injunctions running out within 7 days, of last days to appeal or revise 30, 7 "
        "and 1 days ahead, and of case tasks due tomorrow or overdue (to their assignee); "
        "each is sent once however often this runs. "
        "With --enqueue, queue the daily task instead (run by `manage.py db_worker`)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=date.fromisoformat,
            help="Send as if today were this day (YYYY-MM-DD); default: today in Dhaka.",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the task to run now; it then queues itself every day at 07:00.",
        )

    def handle(self, *args: Any, date: date | None, enqueue: bool, **options: Any) -> None:
        if enqueue:
            if date is not None:
                raise CommandError("--date cannot be used with --enqueue: the task runs for today.")
            result = send_hearing_reminders_task.enqueue()
            self.stdout.write(f"Queued reminder task {result.id}; `manage.py db_worker` runs it.")
            return
        day = date or timezone.localdate(timezone=DHAKA)
        report = reminders_send(today=day)
        deadlines = deadline_reminders_send(today=day)
        self.stdout.write(f"{report.summary()} {deadlines.summary()}")
        failed = len(report.failed) + len(deadlines.failed)
        if failed:
            raise CommandError(f"{failed} reminder mails could not be sent.")
