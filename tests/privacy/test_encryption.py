"""Members' personal data is encrypted at rest: the columns, the audit copies, the keys."""

from __future__ import annotations

import pytest
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.test import override_settings

from landclaims.groups.models import Member
from landclaims.privacy import crypto
from landclaims.privacy.checks import check_field_keys
from tests.privacy.conftest import (
    KEY_A,
    KEY_B,
    NAME_BN,
    NAME_EN,
    NID,
    PHONE,
    holds_planted,
    raw_rows,
)

pytestmark = pytest.mark.django_db

PERSONAL = "name_bn, name_en, nid, phone"


def test_the_member_table_holds_only_tokens(world) -> None:
    rows = raw_rows("groups_member", PERSONAL)
    assert not holds_planted(rows)
    assert all(crypto.is_token(value) for value in rows[0])


def test_the_audit_table_holds_only_tokens_after_an_update(world) -> None:
    Member.objects.filter(pk=world.member.pk).update(phone="01999999999")
    member = Member.objects.get(pk=world.member.pk)
    member.nid = "2000111122223"
    member.save()
    rows = raw_rows("groups_memberaudit", PERSONAL)
    assert len(rows) == 3  # insert, QuerySet.update, save
    assert not holds_planted(rows)
    assert "01999999999" not in repr(rows) and "2000111122223" not in repr(rows)


def test_a_member_party_keeps_no_copy_of_the_name(world) -> None:
    assert world.party.name == ""
    assert not holds_planted(raw_rows("cases_caseparty", "name"))
    assert not holds_planted(raw_rows("cases_casepartyaudit", "name"))


def test_values_round_trip_including_bengali(world) -> None:
    member = Member.objects.get(pk=world.member.pk)
    assert (member.name_bn, member.name_en, member.nid, member.phone) == (
        NAME_BN,
        NAME_EN,
        NID,
        PHONE,
    )
    assert crypto.decrypt(crypto.encrypt("ভূমিহীন ১২৩")) == "ভূমিহীন ১২৩"


def test_an_empty_value_stays_empty(world) -> None:
    Member.objects.filter(pk=world.member.pk).update(phone="")
    assert raw_rows("groups_member", "phone") == [("",)]
    assert Member.objects.get(pk=world.member.pk).phone == ""


def test_a_wrong_key_is_a_clear_error_not_garbage(world) -> None:
    with (
        override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]),
        pytest.raises(crypto.FieldDecryptionError, match=r"groups_member\.name_bn"),
    ):
        Member.objects.get(pk=world.member.pk)


def test_plaintext_left_in_a_column_is_an_error_not_shown(world) -> None:
    Member.objects.filter(pk=world.member.pk).update(name_en="")  # then write plaintext raw
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("UPDATE groups_member SET name_en = 'Plain Name'")
    with pytest.raises(crypto.FieldDecryptionError, match="LANDCLAIMS_FIELD_KEYS"):
        Member.objects.get(pk=world.member.pk)


def test_a_malformed_key_is_reported_as_configuration() -> None:
    with (
        override_settings(FIELD_ENCRYPTION_KEYS=["not-a-key"]),
        pytest.raises(ImproperlyConfigured, match="key number 1"),
    ):
        crypto.encrypt("x")


def test_searching_inside_ciphertext_is_refused() -> None:
    with pytest.raises(FieldError):
        list(Member.objects.filter(name_en__icontains="Rahima"))


def test_the_deploy_check_warns_with_the_development_key() -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=[]):
        assert [m.id for m in check_field_keys()] == ["privacy.W001"]
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        assert check_field_keys() == []


def test_the_check_is_a_deploy_security_check() -> None:
    from django.core.checks import registry

    assert check_field_keys in registry.registry.get_checks(include_deployment_checks=True)
    assert check_field_keys not in registry.registry.get_checks(include_deployment_checks=False)
    assert "security" in check_field_keys.tags
