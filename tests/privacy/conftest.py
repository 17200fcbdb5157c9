"""A member with planted personal data (Bengali name, romanised name, NID, phone), in a group
that pursues a claim on a parcel, and accused in a case: everything a leak would carry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from landclaims.cases.services import case_add_party
from landclaims.groups.services import member_create
from tests.factories import make_case, make_claim

NAME_BN = "রহিমা খাতুন বেগম"
NAME_EN = "Rahima Khatun Begum"
NID = "1990123456789"
PHONE = "01711223344"
PLANTED = (NAME_BN, NAME_EN, NID, PHONE)
KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


@dataclass
class World:
    claim: Any
    group: Any
    member: Any
    case: Any
    party: Any


@pytest.fixture
def world(org, places) -> World:
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    group = claim.groups.get()
    member = member_create(
        group=group,
        code="TGL-0099",
        sex="female",
        priority_category="erosion_victim",
        name_bn=NAME_BN,
        name_en=NAME_EN,
        nid=NID,
        phone=PHONE,
    )
    case = make_case(organisation=org, district=places.district_a)
    # The caller passes a name, as old code did: it must not be stored for a member.
    party = case_add_party(case=case, name=NAME_EN, role="accused", side="ours", member=member)
    return World(claim=claim, group=group, member=member, case=case, party=party)


def raw_rows(table: str, columns: str) -> list[tuple[Any, ...]]:
    """The column values as stored, read with SQL (no model field decrypts them)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table}")  # noqa: S608 - test constants
        return cursor.fetchall()


def holds_planted(rows: list[tuple[Any, ...]]) -> bool:
    text = repr(rows)
    return any(value in text for value in PLANTED)
