"""Key rotation: encrypt with key A, rotate to "B,A", everything opens with B alone."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.utils import InternalError
from django.test import override_settings

from landclaims.groups.models import Member
from landclaims.groups.services import member_create
from landclaims.privacy import crypto
from tests.privacy.conftest import KEY_A, KEY_B, NAME_BN, NID, raw_rows

pytestmark = pytest.mark.django_db(transaction=False)

PERSONAL = "name_bn, name_en, nid, phone"


def _audit_values() -> list[str]:
    return [v for row in raw_rows("groups_memberaudit", PERSONAL) for v in row if v]


def _rotate(keys: list[str]) -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=keys):
        call_command("rotate_field_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_rotation_re_encrypts_members_and_their_audit_copies(world, places) -> None:
    _rotate([KEY_A, crypto.DEVELOPMENT_KEY])  # the fixture's rows: development key -> A
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        second = member_create(
            group=world.group,
            code="TGL-0100",
            sex="male",
            priority_category="no_homestead_no_land",
            name_bn="করিম মিয়া",
            nid="1985000011112",
        )
        Member.objects.filter(pk=second.pk).update(phone="01800000000")
    audit_rows_before = len(raw_rows("groups_memberaudit", "pgh_id"))
    _rotate([KEY_B, KEY_A])
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):
        assert Member.objects.get(pk=second.pk).name_bn == "করিম মিয়া"
        assert Member.objects.get(pk=second.pk).phone == "01800000000"
        assert Member.objects.get(pk=world.member.pk).name_bn == NAME_BN
        assert {crypto.decrypt(v) for v in _audit_values()} >= {NID, "1985000011112"}
    # Rotation changes no readable value: no audit event for it.
    assert len(raw_rows("groups_memberaudit", "pgh_id")) == audit_rows_before


def test_the_audit_table_is_append_only_again_after_rotation(world) -> None:
    _rotate([KEY_B, crypto.DEVELOPMENT_KEY])

    with pytest.raises(InternalError, match="Cannot update or delete"), connection.cursor() as c:
        c.execute("UPDATE groups_memberaudit SET phone = ''")


def test_rotation_without_the_old_key_changes_nothing(world) -> None:
    before = raw_rows("groups_member", PERSONAL)
    with (
        override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]),
        pytest.raises(crypto.FieldDecryptionError, match="old key"),
    ):
        call_command("rotate_field_keys")
    assert raw_rows("groups_member", PERSONAL) == before
