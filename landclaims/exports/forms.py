"""The export form: the map's filters plus layer, file format, CRS, profile and dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import QueryDict
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


# What the form remembers between visits (Preference.export_choices), and what a link from
# the map, a group, claim or case page may set.
REMEMBERED_PLAIN = ("layer", "file_format", "srid", "profile")
FILTERS = ("area", "stage", "possession", "date_from", "date_to")
LINKED = ("area", "group", "claim", "case")
LINKED_LISTS = ("stage", "possession")


def export_initial(query: QueryDict, remembered: dict[str, Any]) -> dict[str, Any]:
    """The form's first values: the user's last choices, with a link's filters in place of
    the remembered filters when the link carries any (/exports/?area=…&stage=…)."""
    initial = {k: v for k, v in remembered.items() if k in (*REMEMBERED_PLAIN, *FILTERS)}
    linked: dict[str, Any] = {k: query[k] for k in LINKED if query.get(k)}
    for name in LINKED_LISTS:
        values = [v for item in query.getlist(name) for v in item.split(",") if v]
        if values:
            linked[name] = values
    if linked:
        initial = {k: v for k, v in initial.items() if k not in FILTERS} | linked
    if query.get("layer") in Layer.values:
        initial["layer"] = query["layer"]
    for name in ("date_from", "date_to"):
        if isinstance(initial.get(name), str):
            try:
                initial[name] = date.fromisoformat(initial[name])
            except ValueError:
                del initial[name]
    return initial


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
        help_text=_(
            "Dates: when the claim reached its stage (parcels, claims), the group was formed, "
            "the case filed or the incident happened."
        ),
    )
    date_to = LocalDateField(label=_("To"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        allowed = allowed_profiles(user=user)
        self.fields["profile"].choices = [(p.value, p.label) for p in allowed]
        self.fields["profile"].help_text = format_html_join(
            " ", "<b>{}</b>: {}.", [(p.label, PROFILE_HELP[p]) for p in allowed]
        )
        self.fields["profile"].initial = default_profile(user=user)
        # Stages and possessions as chips to tick, not a multi-select that needs Ctrl.
        for name in ("stage", "possession"):
            field = self.fields[name]
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
        # The area list is searched by name, in Bengali or English, however short it is.
        self.fields["area"].widget.attrs["data-typeahead"] = ""
        # Tom Select moves the <label for> to its own text box; the hidden <select> keeps
        # its name this way (axe: select-name).
        self.fields["area"].widget.attrs["aria-label"] = self.fields["area"].label
        self._drop_stale_initial()
        self._offer_initial_area()

    def _drop_stale_initial(self) -> None:
        """Remembered or linked choices no longer offered (a profile the role lost, a stage
        renamed) are left out rather than shown as chosen."""
        for name in ("layer", "file_format", "srid", "profile", "stage", "possession"):
            if name not in self.initial:
                continue
            offered = {str(value) for value, _label in self.fields[name].choices}
            value = self.initial[name]
            if isinstance(value, list | tuple):
                self.initial[name] = [v for v in value if str(v) in offered]
            elif str(value) not in offered:
                del self.initial[name]

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

    def choices_to_remember(self) -> dict[str, Any]:
        """The choices made on the form, as JSON, for the next visit (see export_initial)."""
        data = self.cleaned_data
        choices: dict[str, Any] = {name: data.get(name) for name in REMEMBERED_PLAIN}
        choices["area"] = data["area"].pk if data.get("area") else None
        choices["stage"] = list(data.get("stage") or [])
        choices["possession"] = list(data.get("possession") or [])
        for name in ("date_from", "date_to"):
            choices[name] = data[name].isoformat() if data.get(name) else None
        return {name: value for name, value in choices.items() if value not in (None, "", [])}

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
