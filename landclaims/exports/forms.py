"""The export form: the map's filters plus layer, file format, CRS, profile and dates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from gis.crs import BTM_FN0_SRID, BTM_SRID, STORAGE_SRID, UTM45N_SRID, UTM46N_SRID
from landclaims.core.forms import LocalDateField, add_service_errors
from landclaims.core.params import whole
from landclaims.exports.models import PROFILE_HELP, FileFormat, Layer, Profile
from landclaims.exports.selectors import ExportFilters, allowed_profiles, default_profile
from landclaims.exports.services import ExportRefused, check_export_format
from landclaims.maps.forms import MapFilterForm
from landclaims.places.models import AdminArea

CRS_CHOICES = [
    (STORAGE_SRID, _("EPSG:4326: longitude/latitude (WGS 84)")),
    (BTM_SRID, _("EPSG:9678: Bangladesh Transverse Mercator (false northing -2,000,000)")),
    (BTM_FN0_SRID, _("EPSG:3106: Bangladesh Transverse Mercator (false northing 0)")),
    (UTM45N_SRID, _("EPSG:32645: UTM zone 45N (west of 90°E)")),
    (UTM46N_SRID, _("EPSG:32646: UTM zone 46N (east of 90°E)")),
]


class ExportForm(MapFilterForm):
    q = None  # the map's search box has no place here
    layer = forms.ChoiceField(label=_("Layer"), choices=Layer.choices, initial=Layer.PARCELS)
    file_format = forms.ChoiceField(
        label=_("Format"), choices=FileFormat.choices, initial=FileFormat.GPKG
    )
    srid = forms.TypedChoiceField(
        label=_("Coordinate system"),
        choices=CRS_CHOICES,
        coerce=int,
        initial=STORAGE_SRID,
        help_text=_("GeoJSON and KML are always EPSG:4326."),
    )
    profile = forms.ChoiceField(label=_("Privacy profile"), choices=())
    date_from = LocalDateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Dates: when the claim reached its stage (parcels, claims), the group was formed, "
            "the case filed or the incident happened."
        ),
    )
    date_to = LocalDateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        allowed = allowed_profiles(user=user)
        self.fields["profile"].choices = [(p.value, p.label) for p in allowed]
        self.fields["profile"].help_text = format_html_join(
            " ", "<b>{}</b>: {}.", [(p.label, PROFILE_HELP[p]) for p in allowed]
        )
        self.fields["profile"].initial = default_profile(user=user)
        self._offer_initial_area()

    def _offer_initial_area(self) -> None:
        """A link from the map may name a union or mouza, which the area list leaves out."""
        chosen = whole(str(self.initial.get("area", "")))
        widget = self.fields["area"].widget
        if self.is_bound or chosen is None or not isinstance(widget.choices, list):
            return  # (not a list: the page did not ask for the area list)
        if str(chosen) in {str(value) for value, _label in widget.choices}:
            return
        area = AdminArea.objects.filter(pk=chosen).first()
        if area is not None:
            widget.choices = [*widget.choices, (area.pk, str(area))]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("file_format") and data.get("srid"):
            try:
                check_export_format(data["file_format"], data["srid"])
            except ExportRefused as error:
                add_service_errors(self, error)
        return data

    def export_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        map_filters = self.filters()
        filters = ExportFilters(
            **{name: getattr(map_filters, name) for name in map_filters.__dataclass_fields__},
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
        return {
            "layer": data["layer"],
            "file_format": data["file_format"],
            "srid": data["srid"],
            "profile": Profile(data["profile"]),
            "filters": filters,
        }
