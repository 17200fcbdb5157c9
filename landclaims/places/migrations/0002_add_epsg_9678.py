"""PostGIS 3.3's spatial_ref_sys lacks EPSG:9678 (Bangladesh Transverse Mercator)."""

from django.db import migrations

from gis.crs import BTM_SRID, spatial_ref_sys_row


def add_9678(apps, schema_editor):
    row = spatial_ref_sys_row(BTM_SRID)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (srid) DO NOTHING",
            [row["srid"], row["auth_name"], row["auth_srid"], row["srtext"], row["proj4text"]],
        )


def remove_9678(apps, schema_editor):
    # Left in place: other databases on the server may rely on it, and it is harmless.
    pass


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [migrations.RunPython(add_9678, remove_9678)]
