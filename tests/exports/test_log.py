"""Every export is logged: who, when, which layer, filters, profile and how many rows."""

from __future__ import annotations

from datetime import date

import pytest

from landclaims.exports.models import ExportLog, Layer
from landclaims.exports.selectors import ExportFilters
from landclaims.exports.services import export_layer, export_request
from landclaims.parcels.models import Parcel


def test_an_export_is_logged_with_who_what_filters_profile_and_rows(data, organiser) -> None:
    world = data.world
    filters = ExportFilters(area=world.places.mouza_a, stages=("identified", "application_filed"))
    result = export_layer(
        user=organiser, layer="parcels", file_format="shp", srid=32646, filters=filters
    )
    log = ExportLog.objects.get()
    assert (log.user_id, log.role, log.via) == (organiser.pk, "organiser", "command")
    assert (log.layer, log.file_format, log.srid, log.profile) == (
        "parcels",
        "shp",
        32646,
        "public",
    )
    assert log.filters == {
        "area": world.places.mouza_a.pk,
        "stages": ["identified", "application_filed"],
    }
    assert log.status == "done" and log.row_count == result.rows == 2 and log.progress == 100
    assert log.requested_at <= log.started_at <= log.finished_at
    assert log.size_bytes == result.path.stat().st_size
    assert log.organisation_id == organiser.membership.organisation_id


def test_a_failed_export_is_logged_as_failed_with_a_reason_and_leaves_no_file(
    data, organiser, export_dir, monkeypatch
) -> None:
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("landclaims.exports.running.write_layer", broken)
    with pytest.raises(OSError):
        export_layer(user=organiser, layer="parcels")
    log = ExportLog.objects.get()
    assert log.status == "failed" and log.finished_at is not None
    assert "OSError" in log.error and "disk full" not in log.error  # no internals shown
    assert not log.file and not any(export_dir.glob("*/*"))


def test_a_small_request_from_the_page_is_made_at_once(data, organiser) -> None:
    log = export_request(user=organiser, layer="groups")
    assert (log.status, log.via, log.expected_rows) == ("done", "page", log.row_count)
    assert not log.task_id


def test_a_request_over_the_threshold_is_queued_for_the_worker(data, organiser, settings):
    settings.EXPORT_BACKGROUND_ROWS = 2
    log = export_request(user=organiser, layer="parcels")
    visible = Parcel.objects.visible_to(organiser).count()
    assert log.status == "queued" and log.task_id and log.expected_rows == visible == 7
    assert not log.file


def test_one_person_may_not_queue_exports_without_end(data, organiser, settings) -> None:
    from landclaims.exports.services import MAX_PENDING_PER_USER, ExportRefused

    settings.EXPORT_BACKGROUND_ROWS = 0
    for _ in range(MAX_PENDING_PER_USER):
        export_request(user=organiser, layer="parcels")
    with pytest.raises(ExportRefused):
        export_request(user=organiser, layer="parcels")


@pytest.mark.parametrize("layer", list(Layer))
@pytest.mark.parametrize("dated", [False, True])
def test_the_count_made_before_an_export_is_its_row_count(data, organiser, layer, dated) -> None:
    area = data.world.places.district_a
    filters = ExportFilters(area=area, date_from=date(2020, 2, 1)) if dated else ExportFilters()
    log = export_request(user=organiser, layer=layer, filters=filters)
    assert log.status == "done"
    assert log.expected_rows == log.row_count
