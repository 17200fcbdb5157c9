"""Exports are tested on the map tests' small world (tests/maps/conftest.py), so the parcels
an export holds can be compared with the parcels the map shows, plus what exports add:
member counts (one below 5), a scheduled hearing, incidents, text that a spreadsheet would
run as a formula, and Bengali everywhere.

Files go to a fresh EXPORT_DIR under pytest's tmp_path.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.gis.geos import Point

from landclaims.allocations.models import Allocation
from landclaims.allocations.services import allocation_record
from landclaims.cases.services import hearing_schedule
from landclaims.cooperatives.services import cooperative_land_add
from landclaims.groups.models import LandlessGroup
from landclaims.incidents.models import Incident
from landclaims.incidents.services import incident_record
from landclaims.parcels.models import Parcel
from tests import geoms
from tests.factories import make_cooperative, make_parcel, make_user
from tests.maps.conftest import World, world  # noqa: F401 - the fixture is used from here

HEARING_ON = date(2031, 3, 4)
# Text a spreadsheet would run as a formula, in fields every profile exports.
FORMULA_KHATIAN = '=HYPERLINK("http://evil.example/","ok")'
FORMULA_REGISTER = "@SUM(1+1)*cmd|' /C calc'!A0"
FORMULA_NOTES = "-2+3"
OTHER_ORG_TEXT_NOTE = "অন্য সংগঠনের বরাদ্দ"
LONG_NOTES = "ভূমিহীন সমিতির দখলে থাকা খাস জমি। " * 12  # well over 254 bytes in UTF-8


@dataclass
class Data:
    world: World
    formula_parcel: Parcel
    incident: Incident
    other_incident: Incident
    allocation: Allocation
    other_allocation: Allocation
    cooperative_land: Any = None  # settled from p_filed, a cooperative of group_2
    other_cooperative_land: Any = None  # the other organisation's


@pytest.fixture(autouse=True)
def export_dir(settings: Any, tmp_path: Path) -> Path:
    settings.EXPORT_DIR = tmp_path / "exports"
    return settings.EXPORT_DIR


@pytest.fixture
def data(world: World, org: Any, other_org: Any) -> Data:  # noqa: F811
    return build_data(world, org, other_org)


def build_data(world: World, org: Any, other_org: Any) -> Data:  # noqa: F811
    """The map tests' world with what every export layer needs besides (an incident, an
    allocation and cooperative land of each organisation, notes that look like formulas)."""
    places = world.places
    # group_2 (on p_filed's claim): 3 women (a count public files suppress) and 25 men.
    LandlessGroup.objects.filter(pk=world.group_2.pk).update(members_women=3, members_men=25)
    hearing_schedule(case=world.case, on=HEARING_ON, purpose="শুনানি", by=None)
    formula_parcel = make_parcel(
        organisation=org,
        mouza=places.mouza_a2,
        geom=geoms.shifted(geoms.square(places.mouza_a2.centre.coords, 80), east_m=500),
        khatian_no=FORMULA_KHATIAN,
        register_viii_ref=FORMULA_REGISTER,
        notes=FORMULA_NOTES,
    )
    Parcel.objects.filter(pk=world.p_b.pk).update(notes=LONG_NOTES)
    incident = incident_record(
        organisation=org,
        district=places.district_a,
        kind="eviction",
        occurred_on=date(2023, 5, 17),
        women_affected=4,
        men_affected=12,
        gd_fir_no="GD 12/2023",
        description="রাতের বেলা উচ্ছেদ",
        location=Point(89.9213, 24.2537, srid=4326),
        claim=world.claim_filed,
    )
    other_incident = incident_record(
        organisation=other_org,
        district=places.district_a,
        kind="threat",
        occurred_on=date(2023, 6, 1),
        location=Point(89.93, 24.26, srid=4326),
    )
    allocation = allocation_record(
        parcel=world.p_filed,
        claim=world.claim_filed,
        group=world.group_2,
        area_value="20",
        area_unit="decimal",
        title="joint",
        kabuliyat_no="K-7/2023",
        kabuliyat_on=date(2023, 2, 1),
        dcr_no="DCR 88",
        names_on_kabuliyat="রহিমা খাতুন ও করিম মিয়া",
        held_by="encroacher",
        held_since=date(2024, 1, 5),
    )
    other_allocation = allocation_record(
        parcel=world.other_claimed,
        claim=world.other_claim,
        area_value="10",
        area_unit="decimal",
        settled_to_others=True,
        others_note=OTHER_ORG_TEXT_NOTE,
    )
    found = Data(world, formula_parcel, incident, other_incident, allocation, other_allocation)
    found.cooperative_land, found.other_cooperative_land = _cooperative_land(found, org, other_org)
    return found


def _cooperative_land(data: Data, org: Any, other_org: Any) -> tuple[Any, Any]:
    places = data.world.places
    ours = make_cooperative(
        organisation=org, district=places.district_a, groups=[data.world.group_2], name_en="Gono"
    )
    theirs = make_cooperative(
        organisation=other_org,
        district=places.district_a,
        groups=[data.world.other_group],
        name_bn=OTHER_ORG_TEXT_NOTE,
    )
    land = cooperative_land_add(
        cooperative=ours, tenure="khas_settled", parcel=data.world.p_filed, from_on=date(2022, 7, 1)
    )
    other = cooperative_land_add(
        cooperative=theirs,
        tenure="leased",
        geom=geoms.square(places.mouza_a.centre.coords, 60),
        lease_rent_taka="9000",
    )
    return land, other


@pytest.fixture
def monitor(org: Any) -> Any:
    return make_user(organisation=org, role="monitor")


@pytest.fixture
def viewer(org: Any) -> Any:
    return make_user(organisation=org, role="viewer")
