"""Re-encrypt every encrypted value with the newest key of LANDCLAIMS_FIELD_KEYS."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from landclaims.privacy.rotation import rotate_field_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt members' personal data (and the audit trail's copies of it) with the "
        "first key of LANDCLAIMS_FIELD_KEYS. All or nothing: one transaction."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = rotate_field_keys()
        for table, count in counts.items():
            self.stdout.write(f"{table}: {count} rows re-encrypted")
