"""Incident writes move the layer version, as the other tables the tiles read do (0002), so
the incidents tile's ETag follows them without counting the incidents on every request."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("maps", "0006_colour_parcels_returns_early"),
        ("incidents", "0005_group_perpetrators_version"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE TRIGGER maps_touch_incidents_incident AFTER INSERT OR UPDATE OR DELETE "
            "OR TRUNCATE ON incidents_incident FOR EACH STATEMENT EXECUTE FUNCTION maps_touch();",
            "DROP TRIGGER IF EXISTS maps_touch_incidents_incident ON incidents_incident;",
        ),
    ]
