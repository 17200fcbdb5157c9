"""Parcels recorded and corrected by organisers: dags of several survey series, a boundary
added or corrected later (refused, never repaired), and the version check."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.gis.geos import Polygon
from django.core.exceptions import ValidationError

from landclaims.core.concurrency import EditConflict
from landclaims.parcels.models import Parcel, ParcelDag
from landclaims.parcels.services import parcel_boundary_preview, parcel_create, parcel_update
from tests import geoms
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def paper(org, mouza, by, **extra):
    fields = {"survey": "RS", "dag_nos": ["101"], "land_class": "agri_khas", **extra}
    return parcel_create(organisation=org, mouza=mouza, created_by=by, **fields).parcel


def test_a_parcel_holds_dags_of_several_survey_series(org, places, organiser) -> None:
    parcel = paper(org, places.mouza_a, organiser, other_dags=[("CS", "55"), ("SA", "72")])
    stored = set(ParcelDag.objects.filter(parcel=parcel).values_list("survey", "dag_no"))
    assert stored == {("RS", "101"), ("CS", "55"), ("SA", "72")}


def test_the_same_number_in_another_series_is_free(org, places, organiser) -> None:
    paper(org, places.mouza_a, organiser, dag_nos=["101"])
    other = paper(org, places.mouza_a, organiser, survey="CS", dag_nos=["101"])
    assert other.dags.get().survey == "CS"


def test_a_dag_taken_in_that_mouza_and_series_is_refused(org, places, organiser) -> None:
    paper(org, places.mouza_a, organiser, dag_nos=["9"], other_dags=[("CS", "55")])
    with pytest.raises(ValidationError) as error:
        paper(org, places.mouza_a, organiser, dag_nos=["10"], other_dags=[("CS", "55")])
    assert "CS 55" in error.value.message_dict["dag_nos"][0]
    assert Parcel.objects.count() == 1


def test_a_dag_of_an_unknown_series_is_refused(org, places, organiser) -> None:
    with pytest.raises(ValidationError) as error:
        paper(org, places.mouza_a, organiser, other_dags=[("XX", "55")])
    assert "other_dags" in error.value.message_dict


def test_a_mouza_outside_the_writers_districts_is_refused(org, places, legal_a) -> None:
    with pytest.raises(ValidationError) as error:
        paper(org, places.mouza_b, legal_a)
    assert "mouza" in error.value.message_dict


def test_a_paper_parcel_gets_its_boundary_later(org, places, organiser) -> None:
    parcel = paper(org, places.mouza_a, organiser)
    square = geoms.square(places.mouza_a.centre.coords, 100)
    updated = parcel_update(
        parcel=parcel,
        by=organiser,
        changes={"geom": square, "geom_source": "gps_walk"},
        expected_version=1,
    )
    updated.refresh_from_db()
    assert updated.geom.equals_exact(square, tolerance=1e-9)
    assert updated.geom_source == "gps_walk"
    assert updated.version == 2


def test_a_self_crossing_boundary_is_refused_and_nothing_is_saved(org, places, organiser) -> None:
    parcel = paper(org, places.mouza_a, organiser)
    with pytest.raises(ValidationError) as error:
        parcel_update(
            parcel=parcel,
            by=organiser,
            changes={"geom": geoms.bow_tie(places.mouza_a.centre.coords), "geom_source": "drawn"},
        )
    assert "crosses itself" in error.value.message_dict["geom"][0]
    parcel.refresh_from_db()
    assert parcel.geom is None and parcel.version == 1


def test_a_boundary_outside_bangladesh_is_refused_with_that_reason(org, places, organiser) -> None:
    kolkata = geoms.square((88.36, 22.57 - 3), 100)  # in the Bay of Bengal, south of the border
    with pytest.raises(ValidationError) as error:
        paper(org, places.mouza_a, organiser, geom=kolkata, geom_source="drawn")
    assert "outside Bangladesh" in error.value.message_dict["geom"][0]
    assert not Parcel.objects.exists()


def test_a_save_from_a_stale_page_is_refused(org, places, organiser) -> None:
    parcel = paper(org, places.mouza_a, organiser)
    parcel_update(parcel=parcel, by=organiser, changes={"khatian_no": "7"}, expected_version=1)
    with pytest.raises(EditConflict):
        parcel_update(
            parcel=parcel,
            by=organiser,
            changes={"khatian_no": "8"},
            expected_version=1,
            seen={"khatian_no": ""},
        )
    parcel.refresh_from_db()
    assert parcel.khatian_no == "7"


def test_the_area_and_dags_are_corrected_by_the_same_rules(org, places, organiser) -> None:
    parcel = paper(org, places.mouza_a, organiser, other_dags=[("CS", "55")])
    parcel_update(
        parcel=parcel,
        by=organiser,
        changes={"area_value": "৩৩", "area_unit": "decimal", "dag_nos": ["101", "102"]},
    )
    parcel.refresh_from_db()
    assert parcel.area_value == Decimal("33")
    assert parcel.area_m2 == Decimal("1335.46")
    dags = set(parcel.dags.values_list("survey", "dag_no"))
    assert dags == {("RS", "101"), ("RS", "102"), ("CS", "55")}


def test_a_viewer_cannot_correct_a_parcel(org, places, organiser) -> None:
    parcel = paper(org, places.mouza_a, organiser)
    viewer = make_user(organisation=org, role="viewer")
    with pytest.raises(Exception) as error:
        parcel_update(parcel=parcel, by=viewer, changes={"khatian_no": "1"})
    assert "Permission" in type(error.value).__name__


def test_the_preview_gives_the_area_and_the_overlap_before_saving(org, places, organiser) -> None:
    square = geoms.square(places.mouza_a.centre.coords, 100)
    paper(org, places.mouza_a, organiser, geom=square, geom_source="drawn")
    preview = parcel_boundary_preview(geom=geoms.shifted(square, east_m=20), user=organiser)
    assert preview.area_m2 == pytest.approx(10_000, rel=0.01)
    assert len(preview.warnings) == 1
    assert Parcel.objects.count() == 1


def test_a_polygon_boundary_is_stored_as_a_multipolygon(org, places, organiser) -> None:
    ring = geoms.square(places.mouza_a.centre.coords, 50)[0]
    parcel = paper(
        org, places.mouza_a, organiser, geom=Polygon(ring.coords[0], srid=4326), geom_source="drawn"
    )
    assert parcel.geom.geom_type == "MultiPolygon"
