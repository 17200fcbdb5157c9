"""Refuse DELETE on the context table (who, from which URL), as pghistory's append_only
triggers refuse UPDATE and DELETE on each event table.

Context rows are upserted during a request, so UPDATE stays allowed there. TRUNCATE is not
refused here: Django's `flush` (and the transactional tests that use it) truncates every
table. Refusing TRUNCATE, like refusing DDL, belongs to the deployment: the app's database
role should not own the tables (see SECURITY.md / README "Audit trail").
"""

from django.db import migrations

REFUSE = """
CREATE OR REPLACE FUNCTION audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END $$;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON pghistory_context
FOR EACH ROW EXECUTE FUNCTION audit_refuse();
"""

UNDO = """
DROP TRIGGER IF EXISTS audit_no_delete ON pghistory_context;
DROP FUNCTION IF EXISTS audit_refuse();
"""


class Migration(migrations.Migration):
    dependencies = [("pghistory", "0007_auto_20250421_0444")]

    operations = [migrations.RunSQL(REFUSE, UNDO)]
