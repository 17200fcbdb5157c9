"""Members' names, NID and phone numbers encrypted at rest, in the member table and in the
audit trail's copies of them (groups_memberaudit, append-only: its triggers are disabled for
the rewrite, inside this migration's transaction)."""

from django.db import migrations

import landclaims.privacy.fields
from landclaims.privacy import crypto
from landclaims.privacy.rotation import rewrite_columns

COLUMNS = ["name_bn", "name_en", "nid", "phone"]
TABLES = [("groups_member", "id"), ("groups_memberaudit", "pgh_id")]


def _encrypt(value: str) -> str:
    return value if crypto.is_token(value) else crypto.encrypt(value)


def _decrypt(value: str) -> str:
    return crypto.decrypt(value) if crypto.is_token(value) else value


def encrypt_existing(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for table, pk in TABLES:
            rewrite_columns(cursor, table=table, pk=pk, columns=COLUMNS, transform=_encrypt)


def decrypt_existing(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for table, pk in TABLES:
            rewrite_columns(cursor, table=table, pk=pk, columns=COLUMNS, transform=_decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0002_landlessgroupaudit_memberaudit_and_more"),
    ]

    operations = [
        migrations.AlterField(
            model_name="member",
            name="name_bn",
            field=landclaims.privacy.fields.EncryptedTextField(
                blank=True, max_length=200, verbose_name="name (Bengali)"
            ),
        ),
        migrations.AlterField(
            model_name="member",
            name="name_en",
            field=landclaims.privacy.fields.EncryptedTextField(
                blank=True, max_length=200, verbose_name="name (romanised)"
            ),
        ),
        migrations.AlterField(
            model_name="member",
            name="nid",
            field=landclaims.privacy.fields.EncryptedTextField(
                blank=True, max_length=20, verbose_name="national ID"
            ),
        ),
        migrations.AlterField(
            model_name="member",
            name="phone",
            field=landclaims.privacy.fields.EncryptedTextField(
                blank=True, max_length=20, verbose_name="phone"
            ),
        ),
        migrations.AlterField(
            model_name="memberaudit",
            name="name_bn",
            field=landclaims.privacy.fields.EncryptedTextField(
                blank=True, max_length=200, verbose_name="name (Bengali)"
            ),
        ),
        migrations.AlterField(
            model_name="memberaudit",
            name="name_en",
            field=landclaims.privacy.fields.EncryptedTextField(
                blank=True, max_length=200, verbose_name="name (romanised)"
            ),
        ),
        migrations.AlterField(
            model_name="memberaudit",
            name="nid",
            field=landclaims.privacy.fields.EncryptedTextField(
                blank=True, max_length=20, verbose_name="national ID"
            ),
        ),
        migrations.AlterField(
            model_name="memberaudit",
            name="phone",
            field=landclaims.privacy.fields.EncryptedTextField(
                blank=True, max_length=20, verbose_name="phone"
            ),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing),
    ]
