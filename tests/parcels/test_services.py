"""Parcel services: paper reference, entered area, boundary checks and overlap warnings."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.gis.geos import LineString, MultiPolygon
from django.core.exceptions import ValidationError

from landclaims.parcels.models import Parcel, ParcelDag
from landclaims.parcels.services import parcel_create
from tests import geoms
from tests.factories import make_parcel

pytestmark = pytest.mark.django_db


def create(org, mouza, **extra):
    fields = {"survey": "RS", "dag_nos": ["101"], "land_class": "agri_khas", **extra}
    return parcel_create(organisation=org, mouza=mouza, **fields)


def test_a_parcel_may_be_tracked_from_paper_without_a_boundary(org, places) -> None:
    parcel = create(org, places.mouza_a, khatian_no="1").parcel
    assert parcel.geom is None
    assert Parcel.objects.get(pk=parcel.pk).dag_display == "101"


def test_area_keeps_what_was_entered_and_the_canonical_square_metres(org, places) -> None:
    parcel = create(org, places.mouza_a, area_value="2.5", area_unit="acre").parcel
    parcel.refresh_from_db()
    assert parcel.area_value == Decimal("2.5")
    assert parcel.area_unit == "acre"
    assert parcel.area_m2 == Decimal("10117.14")


def test_area_uses_the_organisations_local_bigha(org, places) -> None:
    parcel = create(org, places.mouza_a, area_value="2", area_unit="bigha_local").parcel
    assert parcel.area_unit_m2 == Decimal("1618.74")
    assert parcel.area_m2 == Decimal("3237.48")


def test_area_typed_in_bengali_digits_is_read(org, places) -> None:
    parcel = create(org, places.mouza_a, area_value="৩৩", area_unit="decimal").parcel
    assert parcel.area_value == Decimal("33")


def test_an_unknown_area_unit_names_the_field_and_the_known_units(org, places) -> None:
    with pytest.raises(ValidationError) as error:
        create(org, places.mouza_a, area_value="2", area_unit="furlong")
    assert "katha" in error.value.message_dict["area_unit"][0]
    assert not Parcel.objects.exists()


def test_an_area_without_its_unit_is_refused(org, places) -> None:
    with pytest.raises(ValidationError) as error:
        create(org, places.mouza_a, area_value="2")
    assert "area_unit" in error.value.message_dict


def test_bengali_dag_numbers_are_stored_in_ascii(org, places) -> None:
    parcel = create(org, places.mouza_a, dag_nos=["১২৩৪", "১২৩৫"]).parcel
    assert list(parcel.dags.values_list("dag_no", flat=True)) == ["1234", "1235"]


def test_a_second_parcel_with_the_same_dag_in_the_same_mouza_and_survey_is_refused(
    org, places
) -> None:
    create(org, places.mouza_a, dag_nos=["77"])
    with pytest.raises(ValidationError) as error:
        create(org, places.mouza_a, dag_nos=["78", "77"])
    assert "77" in error.value.message_dict["dag_nos"][0]
    assert Parcel.objects.count() == 1


def test_the_same_dag_in_another_survey_series_is_a_different_parcel(org, places) -> None:
    create(org, places.mouza_a, dag_nos=["77"], survey="RS")
    create(org, places.mouza_a, dag_nos=["77"], survey="SA")
    assert ParcelDag.objects.filter(dag_no="77").count() == 2


def test_a_mouza_is_required_not_a_union(org, places) -> None:
    with pytest.raises(ValidationError) as error:
        create(org, places.union_a)
    assert "mouza" in error.value.message_dict


def test_a_self_intersecting_boundary_is_refused_with_the_reason(org, places) -> None:
    with pytest.raises(ValidationError) as error:
        create(org, places.mouza_a, geom=geoms.bow_tie(), geom_source="gps_walk")
    assert "crosses itself" in error.value.message_dict["geom"][0]
    assert not Parcel.objects.exists()


def test_swapped_latitude_and_longitude_are_named(org, places) -> None:
    swapped = geoms.square((24.25, 89.92), 50)
    with pytest.raises(ValidationError) as error:
        create(org, places.mouza_a, geom=swapped, geom_source="gps_walk")
    assert "swapped" in error.value.message_dict["geom"][0]


def test_a_boundary_outside_bangladesh_is_refused(org, places) -> None:
    with pytest.raises(ValidationError) as error:
        create(org, places.mouza_a, geom=geoms.square((80.0, 20.0), 50), geom_source="gps_walk")
    assert "outside Bangladesh" in error.value.message_dict["geom"][0]


def test_a_line_is_not_a_parcel(org, places) -> None:
    line = LineString((89.92, 24.25), (89.93, 24.26), srid=4326)
    with pytest.raises(ValidationError) as error:
        create(org, places.mouza_a, geom=line, geom_source="gps_walk")
    assert "Polygon" in error.value.message_dict["geom"][0]


def test_a_boundary_in_btm_is_stored_in_wgs84(org, places) -> None:
    square = geoms.square(geoms.TANGAIL, 100)
    square.transform(9678)
    parcel = create(org, places.mouza_a, geom=square, geom_source="digitised_mouza_map").parcel
    parcel.refresh_from_db()
    assert parcel.geom.srid == 4326
    assert parcel.source_srid == 9678
    assert parcel.geom.centroid.x == pytest.approx(geoms.TANGAIL[0], abs=1e-5)
    assert parcel.geom.centroid.y == pytest.approx(geoms.TANGAIL[1], abs=1e-5)


def test_a_boundary_declared_9678_but_drawn_in_3106_is_read_as_3106(org, places) -> None:
    square = geoms.square(geoms.TANGAIL, 100)
    square.transform(3106)
    square.srid = 9678  # what a wrong .prj says
    parcel = create(org, places.mouza_a, geom=square, geom_source="digitised_mouza_map").parcel
    assert parcel.source_srid == 3106
    assert parcel.geom.centroid.y == pytest.approx(geoms.TANGAIL[1], abs=1e-5)


def test_a_boundary_in_web_mercator_is_refused(org, places) -> None:
    square = geoms.square(geoms.TANGAIL, 100)
    square.transform(3857)
    with pytest.raises(ValidationError) as error:
        create(org, places.mouza_a, geom=square, geom_source="gps_walk")
    assert "EPSG:3857" in error.value.message_dict["geom"][0]


def test_a_polygon_is_stored_as_a_multipolygon(org, places) -> None:
    polygon = geoms.square(geoms.TANGAIL, 60)[0]
    parcel = create(org, places.mouza_a, geom=polygon, geom_source="sketch_map").parcel
    assert isinstance(parcel.geom, MultiPolygon)


def test_an_overlap_of_more_than_five_percent_is_warned_about(org, places, organiser) -> None:
    first = make_parcel(
        organisation=org, mouza=places.mouza_a, geom=geoms.square(geoms.TANGAIL, 100)
    )
    overlapping = geoms.shifted(geoms.square(geoms.TANGAIL, 100), east_m=80)  # shares ~20 %
    saved = create(
        org,
        places.mouza_a,
        dag_nos=["9001"],
        geom=overlapping,
        geom_source="gps_walk",
        created_by=organiser,
    )
    assert len(saved.warnings) == 1
    assert f"{first.mouza.name_en}, dag {first.dag_display}" in saved.warnings[0]
    assert f"parcel {first.pk}" not in saved.warnings[0]  # named as people know it, not by id
    assert "20%" in saved.warnings[0]


def test_an_overlap_under_five_percent_is_not_warned_about(org, places, organiser) -> None:
    make_parcel(organisation=org, mouza=places.mouza_a, geom=geoms.square(geoms.TANGAIL, 100))
    touching = geoms.shifted(geoms.square(geoms.TANGAIL, 100), east_m=97)  # shares ~3 %
    saved = create(
        org,
        places.mouza_a,
        dag_nos=["9002"],
        geom=touching,
        geom_source="gps_walk",
        created_by=organiser,
    )
    assert saved.warnings == []


def test_overlaps_with_another_organisations_parcels_are_not_revealed(
    org, other_org, places, organiser
) -> None:
    make_parcel(organisation=other_org, mouza=places.mouza_a, geom=geoms.square(geoms.TANGAIL, 100))
    saved = create(
        org,
        places.mouza_a,
        geom=geoms.square(geoms.TANGAIL, 100),
        geom_source="gps_walk",
        created_by=organiser,
    )
    assert saved.warnings == []
