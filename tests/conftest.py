"""Shared fixtures: a small map of two districts, two organisations and their people.

Alice's organisation works in Tangail (district A) and Gaibandha (district B); the other
organisation should never see any of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import time_machine
from django.contrib.gis.geos import Point
from django.core import signals
from django.db import close_old_connections
from django.test import override_settings

from landclaims.core.models import Organisation
from landclaims.places.models import AdminArea, Village
from landclaims.places.services import admin_area_create, village_create
from tests import flush
from tests.factories import OrganisationFactory, make_user
from tests.template_db import migrated_template


@pytest.hookimpl(trylast=True)  # after pytest-django's own ordering, which it keeps otherwise
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules marked `slow` (minutes each: the CSP survey, the backup drill, the crash test)
    run first, each kept whole so its module fixtures are set up once. pytest-xdist's
    worksteal hands each worker a contiguous half of this order and later moves tests from
    the end of a busy worker's queue to an idle one; a long test near the end cannot be
    moved once started, so it would keep one worker running while the other sits idle."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # a stable sort


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None,
    django_db_blocker: Any,
    request: pytest.FixtureRequest,
) -> None:
    """Each worker's test database is copied from one migrated template (tests/template_db.py)
    instead of migrating from nothing: most of a minute per worker."""
    if request.config.getvalue("nomigrations"):
        return
    from django.conf import settings

    database = settings.DATABASES["default"]
    test = database.setdefault("TEST", {})
    with django_db_blocker.unblock():
        test["TEMPLATE"] = migrated_template(test.get("NAME") or f"test_{database['NAME']}")


@pytest.fixture(scope="session", autouse=True)
def cheaper_flush() -> Any:
    """Transactional tests end by emptying only the tables they wrote to (tests/flush.py):
    Django's flush truncates every table, about three seconds each time, some 40 tests."""
    from django.test import TransactionTestCase

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", flush.fixture_teardown)
        yield


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing() -> Any:
    """Passwords hashed with MD5 in tests: PBKDF2's 1.5 million rounds cost about a second of
    CPU for each user made and each login, and no test is about the hasher. Production keeps
    Django's default (settings.py sets no PASSWORD_HASHERS)."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@dataclass
class Places:
    division: AdminArea
    district_a: AdminArea
    district_b: AdminArea
    union_a: AdminArea
    mouza_a: AdminArea
    mouza_a2: AdminArea
    union_b: AdminArea
    mouza_b: AdminArea
    village_a: Village
    village_b: Village


def _branch(division: AdminArea, name: str, lon: float, lat: float) -> tuple[AdminArea, ...]:
    centre = Point(lon, lat, srid=4326)
    district = admin_area_create(level="district", name_en=name, name_bn=name, parent=division)
    upazila = admin_area_create(
        level="upazila", name_en=f"{name} Sadar", name_bn="সদর", parent=district
    )
    union = admin_area_create(
        level="union", name_en=f"{name} Union", name_bn="ইউনিয়ন", parent=upazila
    )
    mouza = admin_area_create(
        level="mouza", name_en=f"{name} Mouza", name_bn="চরপাড়া", parent=union, centre=centre
    )
    return district, union, mouza


@pytest.fixture
def places(db: Any) -> Places:
    return make_places()


def make_places() -> Places:
    """Two districts of Dhaka division, each with an upazila, a union, a mouza and a village
    (district A has a second mouza)."""
    division = admin_area_create(level="division", name_en="Dhaka", name_bn="ঢাকা", bbs_code="30")
    district_a, union_a, mouza_a = _branch(division, "Tangail", 89.92, 24.25)
    mouza_a2 = admin_area_create(
        level="mouza",
        name_en="Bil Kuralia",
        name_bn="বিলকুড়ালিয়া",
        parent=union_a,
        centre=Point(89.95, 24.27, srid=4326),
    )
    district_b, union_b, mouza_b = _branch(division, "Gaibandha", 89.53, 25.33)
    return Places(
        division=division,
        district_a=district_a,
        district_b=district_b,
        union_a=union_a,
        mouza_a=mouza_a,
        mouza_a2=mouza_a2,
        union_b=union_b,
        mouza_b=mouza_b,
        village_a=village_create(union=union_a, name_en="Charpara", name_bn="চরপাড়া"),
        village_b=village_create(union=union_b, name_en="Dakshinpara", name_bn="দক্ষিণপাড়া"),
    )


@pytest.fixture
def org(db: Any) -> Organisation:
    return make_org()


@pytest.fixture
def other_org(db: Any) -> Organisation:
    return make_other_org()


def make_org() -> Organisation:
    return OrganisationFactory(
        name_en="Nijera Kori", slug="nk", local_area_units={"bigha_local": "1618.74"}
    )


def make_other_org() -> Organisation:
    return OrganisationFactory(name_en="Another organisation", slug="other")


@pytest.fixture
def organiser(org: Organisation) -> Any:
    return make_user(organisation=org, role="organiser")


@pytest.fixture
def legal_a(org: Organisation, places: Places) -> Any:
    """Legal staff limited to district A."""
    return make_user(organisation=org, role="legal", districts=[places.district_a])


@pytest.fixture
def outsider(other_org: Organisation) -> Any:
    return make_user(organisation=other_org, role="admin")


@pytest.fixture
def no_membership(db: Any) -> Any:
    return make_user(organisation=None)


@pytest.fixture
def frozen_today():
    """Saturday 1 June 2024: the day the claim and case tests live on."""
    with time_machine.travel(date(2024, 6, 1), tick=False):
        yield date(2024, 6, 1)


@pytest.fixture
def wsgi_keeps_test_connection() -> Any:
    """For tests that call the WSGI application itself (schemathesis): Django closes the
    database connection after each request it serves, which would end the test's
    transaction; its test client keeps it open in the same way as this."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
