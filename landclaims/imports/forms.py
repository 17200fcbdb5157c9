"""The upload form of /imports/."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gis.crs import ACCEPTED_SRIDS
from landclaims.imports.models import ImportKind
from landclaims.imports.services import may_import

CRS_LABELS = {
    4326: _("EPSG:4326: longitude/latitude (GPS, WGS 84)"),
    9678: _("EPSG:9678: Bangladesh Transverse Mercator"),
    3106: _("EPSG:3106: Bangladesh Transverse Mercator (false northing 0)"),
    32645: _("EPSG:32645: UTM zone 45N"),
    32646: _("EPSG:32646: UTM zone 46N"),
}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A zipped shapefile (.shp, .shx, .dbf, .prj, .cpg), GeoPackage, GeoJSON (also "
            "Kobo/ODK exports), KML or CSV with WKT or latitude/longitude columns."
        ),
    )
    kind = forms.ChoiceField(label=_("The file holds"))
    crs = forms.TypedChoiceField(
        label=_("Coordinate system"),
        choices=[("", _("as the file says (.prj or metadata)"))]
        + [(srid, CRS_LABELS[srid]) for srid in sorted(ACCEPTED_SRIDS)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Only for files that do not say; landclaims never guesses."),
    )
    layer = forms.CharField(
        label=_("Layer"),
        required=False,
        max_length=200,
        help_text=_("Only for files with several layers."),
    )
    geometry_column = forms.CharField(
        label=_("Boundary or location column"),
        required=False,
        max_length=200,
        help_text=_(
            "Only for files with several location columns, such as a Kobo/ODK form with a "
            "point and a boundary: the column to read (WKT or ODK geo answers)."
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, label) for value, label in ImportKind.choices if may_import(user, value)
        ]
