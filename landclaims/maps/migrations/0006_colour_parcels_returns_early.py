"""maps_colour_parcels returns at once for no ids (maps.colours.FUNCTIONS, replaced in place)."""

from django.db import migrations

from landclaims.maps import colours


class Migration(migrations.Migration):

    dependencies = [("maps", "0005_parcel_colour")]

    # The old body computed the same colours, only slower: nothing to restore on the way back.
    operations = [migrations.RunSQL(colours.FUNCTIONS, migrations.RunSQL.noop)]
