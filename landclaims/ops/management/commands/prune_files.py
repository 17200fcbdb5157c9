"""Delete what should not stay on the server: old export files, abandoned import uploads.

Run it daily (cron or a systemd timer, README "Serving"). The export log and the import
batches themselves are kept: who exported or uploaded what stays on record.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from landclaims.exports.services import export_prune
from landclaims.imports.services import import_prune


class Command(BaseCommand):
    help = "Delete export files and pending import uploads older than the settings allow."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        files, reaped = export_prune(
            now=now,
            keep=timedelta(days=settings.EXPORT_KEEP_DAYS),
            stale=timedelta(hours=settings.EXPORT_STALE_HOURS),
        )
        uploads = import_prune(now=now, keep=timedelta(hours=settings.IMPORT_PENDING_KEEP_HOURS))
        self.stdout.write(
            f"{files} export files deleted, {reaped} stalled exports failed, "
            f"{uploads} pending uploads discarded."
        )
