"""The database refuses what the services refuse, even when the services are bypassed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from landclaims.parcels.models import Parcel, ParcelDag
from tests import geoms
from tests.factories import make_parcel

pytestmark = pytest.mark.django_db


def raw_geom_update(parcel: Parcel, ewkt: str) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE parcels_parcel SET geom = ST_GeomFromEWKT(%s) WHERE id = %s", [ewkt, parcel.pk]
        )


def test_the_database_refuses_an_invalid_boundary(org, places) -> None:
    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    bow_tie = (
        "SRID=4326;MULTIPOLYGON(((89.91 24.24,89.93 24.26,89.93 24.24,89.91 24.26,89.91 24.24)))"
    )
    with pytest.raises(IntegrityError, match="parcel_geom_valid"):
        raw_geom_update(parcel, bow_tie)


def test_the_database_refuses_a_boundary_outside_bangladesh(org, places) -> None:
    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    india = "SRID=4326;MULTIPOLYGON(((80 20,80.01 20,80.01 20.01,80 20.01,80 20)))"
    with pytest.raises(IntegrityError, match="parcel_geom_in_bangladesh"):
        raw_geom_update(parcel, india)


def test_the_database_refuses_a_duplicate_dag(org, places) -> None:
    parcel = make_parcel(organisation=org, mouza=places.mouza_a, dag_nos=["55"])
    with pytest.raises(IntegrityError, match="parceldag_unique_dag"), transaction.atomic():
        ParcelDag.objects.create(
            parcel=parcel, organisation=org, mouza=places.mouza_a, survey="RS", dag_no="55"
        )


def test_the_database_refuses_an_area_without_its_unit(org, places) -> None:
    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    with pytest.raises(IntegrityError, match="parcel_area_complete"), transaction.atomic():
        Parcel.objects.filter(pk=parcel.pk).update(area_unit="")


def test_the_database_refuses_a_negative_area(org, places) -> None:
    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    with pytest.raises(IntegrityError, match="parcel_area_m2_positive"), transaction.atomic():
        Parcel.objects.filter(pk=parcel.pk).update(area_m2=Decimal("-1"))


def test_the_database_refuses_a_boundary_without_its_source(org, places) -> None:
    parcel = make_parcel(
        organisation=org, mouza=places.mouza_a, geom=geoms.square(geoms.TANGAIL, 40)
    )
    with pytest.raises(IntegrityError, match="parcel_geom_has_source"), transaction.atomic():
        Parcel.objects.filter(pk=parcel.pk).update(geom_source="")


def test_geometry_has_a_spatial_index() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes "
            "WHERE tablename = 'parcels_parcel' AND indexdef ILIKE '%gist%'"
        )
        assert cursor.fetchall()


def test_epsg_9678_is_in_spatial_ref_sys_and_agrees_with_pyproj() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform("
            "ST_SetSRID(ST_Point(90.4125, 23.8103), 4326), 9678) p) s"
        )
        x, y = cursor.fetchone()
    assert x == pytest.approx(542300.6, abs=0.5)
    assert y == pytest.approx(632990.3, abs=0.5)
