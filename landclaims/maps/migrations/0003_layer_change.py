"""One row per writing transaction instead of one counter row that writers queue on."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('maps', '0002_triggers'),
    ]

    operations = [
        migrations.CreateModel(
            name='LayerChange',
            fields=[
                ('xid', models.BigIntegerField(primary_key=True, serialize=False)),
            ],
        ),
        migrations.RunSQL(
            """
            CREATE OR REPLACE FUNCTION maps_touch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO maps_layerchange (xid)
                VALUES (pg_current_xact_id()::text::bigint) ON CONFLICT DO NOTHING;
                RETURN NULL;
            END $$;
            """,
            """
            CREATE OR REPLACE FUNCTION maps_touch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO maps_layerversion (id, version) VALUES (1, 1)
                ON CONFLICT (id) DO UPDATE SET version = maps_layerversion.version + 1;
                RETURN NULL;
            END $$;
            """,
        ),
    ]
