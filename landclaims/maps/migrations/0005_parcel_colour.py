"""Each parcel's colour inputs kept in a table of their own, by triggers (maps.colours)."""

import landclaims.maps.models
from landclaims.maps import colours
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('maps', '0004_verbose_names'),
        ('parcels', '0003_verbose_names'),
        ('claims', '0003_verbose_names'),
        ('cases', '0005_names_normalised'),
        ('places', '0005_names_normalised'),
        ('groups', '0005_names_normalised'),
    ]

    operations = [
        migrations.CreateModel(
            name='ParcelColour',
            fields=[
                ('parcel_id', models.BigIntegerField(primary_key=True, serialize=False, verbose_name='parcel')),
                ('claim_id', models.BigIntegerField(null=True, verbose_name='leading claim')),
                ('stage', models.CharField(blank=True, max_length=32, verbose_name='stage')),
                ('possession', models.CharField(blank=True, max_length=24, verbose_name='possession')),
                ('group_id', models.BigIntegerField(null=True, verbose_name='group')),
                ('claims_elsewhere', models.BooleanField(default=False, verbose_name='claims elsewhere')),
                ('frozen_on', landclaims.maps.models.DateMultiRangeField(verbose_name='frozen on')),
                ('frozen_elsewhere', models.BooleanField(default=False, verbose_name='frozen elsewhere')),
            ],
            options={
                'verbose_name': 'parcel colour',
                'verbose_name_plural': 'parcel colours',
            },
        ),
        migrations.RunSQL(colours.INSTALL, colours.UNINSTALL),
    ]
