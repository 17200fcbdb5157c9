"""Factories that build records through the services, so tests exercise the real rules."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from landclaims.cases.models import LegalCase
from landclaims.cases.services import case_create
from landclaims.claims.models import Claim
from landclaims.claims.services import claim_create
from landclaims.core.models import Membership, Organisation
from landclaims.groups.models import LandlessGroup
from landclaims.groups.services import group_create
from landclaims.parcels.models import Parcel
from landclaims.parcels.services import parcel_create
from landclaims.places.models import AdminArea, Village
from tests import geoms

_dag_numbers = itertools.count(1)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    name_bn = "সংগঠন"
    slug = factory.Sequence(lambda n: f"org-{n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")


def make_user(
    *, organisation: Organisation | None, role: str = "organiser", districts: list[AdminArea] = ()
) -> Any:
    user = UserFactory()
    user.save()
    if organisation is not None:
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        membership.districts.set(districts)
    return user


def make_parcel(
    *, organisation: Organisation, mouza: AdminArea, geom: Any = None, **extra: Any
) -> Parcel:
    fields = {
        "survey": "RS",
        "dag_nos": [str(next(_dag_numbers))],
        "land_class": "agri_khas",
        "area_value": "50",
        "area_unit": "decimal",
        "geom": geom if geom is not None else geoms.square(mouza.centre.coords, 100),
        "geom_source": "gps_walk",
        **extra,
    }
    return parcel_create(organisation=organisation, mouza=mouza, **fields).parcel


def make_group(*, organisation: Organisation, village: Village, **extra: Any) -> LandlessGroup:
    fields = {"name_bn": f"ভূমিহীন সমিতি {next(_dag_numbers)}", "sex": "women", **extra}
    return group_create(organisation=organisation, village=village, **fields)


def make_claim(
    *, organisation: Organisation, village: Village, mouza: AdminArea, by: Any = None, **extra: Any
) -> Claim:
    group = make_group(organisation=organisation, village=village)
    parcel = make_parcel(organisation=organisation, mouza=mouza)
    fields = {"opened_on": date(2020, 1, 10), **extra}
    return claim_create(
        organisation=organisation, groups=[group], parcels=[parcel], by=by, **fields
    )


def make_case(*, organisation: Organisation, district: AdminArea, **extra: Any) -> LegalCase:
    fields = {
        "case_type": "writ",
        "forum_level": "high_court_division",
        "court_name": "High Court Division, Dhaka",
        "number": str(next(_dag_numbers)),
        "year": 2021,
        "our_role": "petitioner",
        "by": None,
        **extra,
    }
    return case_create(organisation=organisation, district=district, **fields)


def log_in(client: Any, user: Any) -> None:
    """Log a test client in as `user`, the way every test should (accounts may add steps)."""
    client.force_login(user)
