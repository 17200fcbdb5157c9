"""prune_files discards uploads nobody confirmed, and a crashed import's working copies."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import time_machine
from django.core.management import call_command
from django.utils import timezone

from landclaims.imports.models import ImportBatch
from tests.conftest import Places
from tests.factories import log_in
from tests.imports.conftest import parcel_frame, write_gpkg
from tests.imports.test_views import upload


def test_an_upload_left_pending_is_discarded_with_its_file_after_the_keep_time(
    client: Any, tmp_path: Path, places: Places, organiser: Any, import_dir: Path, settings: Any
) -> None:
    settings.IMPORT_PENDING_KEEP_HOURS = 48
    log_in(client, organiser)
    upload(client, write_gpkg(parcel_frame(places, 1), tmp_path / "p.gpkg"))
    leftover = import_dir / "work" / "crashed-import"
    leftover.mkdir(parents=True)
    (leftover / "copy.gpkg").write_bytes(b"x")

    call_command("prune_files")  # too young: kept
    assert ImportBatch.objects.get().status == "pending"
    assert any(p.is_file() for p in (import_dir / "pending").rglob("*"))

    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        call_command("prune_files")
    assert ImportBatch.objects.get().status == "discarded"
    assert not any(p.is_file() for p in (import_dir / "pending").rglob("*"))
    assert not leftover.exists()
