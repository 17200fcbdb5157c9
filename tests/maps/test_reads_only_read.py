"""Map selectors only read: the zoomed-out tile and the area popup read `StageCount` as it is,
and the views ask the write side (`stage_counts_refresh`) to recount the stale unions first."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from landclaims.maps.models import StageCount, StaleMouza
from landclaims.maps.selectors import MapFilters, area_popup, parcel_tile
from landclaims.maps.services import stage_counts_refresh
from landclaims.parcels.models import Parcel
from tests.factories import log_in
from tests.maps.conftest import area_counts, tiles_covering


def _mark_everything_stale() -> None:
    StaleMouza.objects.get_or_create(mouza_id=0)


@pytest.mark.django_db
def test_a_zoomed_out_tile_read_leaves_the_stale_counts_alone(organiser, world) -> None:
    stage_counts_refresh()
    StageCount.objects.all().delete()
    _mark_everything_stale()
    (tile,) = tiles_covering([world.places.union_b.centre.coords], 10)
    parcel_tile(user=organiser, tile=tile, filters=MapFilters(), today=timezone.localdate())
    assert StaleMouza.objects.filter(mouza_id=0).exists()
    assert not StageCount.objects.exists()


@pytest.mark.django_db
def test_the_area_popup_read_leaves_the_stale_counts_alone(organiser, world) -> None:
    stage_counts_refresh()
    StageCount.objects.all().delete()
    _mark_everything_stale()
    popup = area_popup(user=organiser, pk=world.places.union_b.pk, filters=MapFilters())
    assert popup.total == 0
    assert StaleMouza.objects.filter(mouza_id=0).exists()


@pytest.mark.django_db
def test_the_tile_view_recounts_what_writes_marked_stale(client, organiser, world) -> None:
    stage_counts_refresh()
    StageCount.objects.all().delete()
    _mark_everything_stale()
    log_in(client, organiser)
    counts = area_counts(client, 10)
    assert sum(counts.values()) == Parcel.objects.visible_to(organiser).count()
    assert not StaleMouza.objects.exists()


@pytest.mark.django_db
def test_the_area_popup_view_recounts_first(client, organiser, world) -> None:
    stage_counts_refresh()
    StageCount.objects.all().delete()
    _mark_everything_stale()
    log_in(client, organiser)
    union = world.places.union_b
    response = client.get(reverse("maps:area_popup", args=[union.pk]))
    assert response.status_code == 200
    visible = Parcel.objects.visible_to(organiser).filter(mouza__parent=union).count()
    assert visible > 0
    assert response.context["a"].total == visible
    assert not StaleMouza.objects.exists()
