"""A case party who is a member no longer carries a copy of the member's name: the name lives
only, encrypted, on the member. Existing copies are blanked, in the party table and in the
audit trail's copies (cases_casepartyaudit, append-only: its triggers are disabled for the
one statement, inside this migration's transaction)."""

from django.db import migrations, models

BLANK = """
ALTER TABLE cases_caseparty DISABLE TRIGGER USER;
UPDATE cases_caseparty SET name = '' WHERE member_id IS NOT NULL AND name <> '';
ALTER TABLE cases_caseparty ENABLE TRIGGER USER;
ALTER TABLE cases_casepartyaudit DISABLE TRIGGER USER;
UPDATE cases_casepartyaudit SET name = '' WHERE member_id IS NOT NULL AND name <> '';
ALTER TABLE cases_casepartyaudit ENABLE TRIGGER USER;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_caseeventaudit_casepartyaudit_hearingaudit_and_more"),
        ("groups", "0003_encrypt_member_personal_data"),
    ]

    operations = [
        migrations.AlterField(
            model_name="caseparty",
            name="name",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AlterField(
            model_name="casepartyaudit",
            name="name",
            field=models.CharField(blank=True, max_length=200),
        ),
        # Irreversible in substance: the blanked copies are not restored.
        migrations.RunSQL(BLANK, migrations.RunSQL.noop),
        migrations.AddConstraint(
            model_name="caseparty",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("member__isnull", True), ("name__gt", "")),
                    models.Q(("member__isnull", False), ("name", "")),
                    _connector="OR",
                ),
                name="caseparty_named_or_member",
            ),
        ),
    ]
