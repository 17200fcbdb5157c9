"""The parcel form: the paper reference, the area as written and a boundary drawn on the map
or read from one file (a phone's GPS walk, GeoJSON or KML)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib.gis.gdal.error import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from gis.boundary_file import read_boundary
from gis.vector_read import UploadRefused
from landclaims.core.display import local_factors_of, unit_choices
from landclaims.core.forms import (
    DigitsField,
    LocalDecimalField,
    LocalFloatField,
    VersionField,
    add_service_errors,
)
from landclaims.core.geo import from_shapely
from landclaims.parcels.models import GeomSource, LandClass, Parcel
from landclaims.parcels.selectors import parcel_mouza_choices
from landclaims.parcels.services import parcel_boundary_preview
from landclaims.places.models import AdminArea, SurveySeries

_TEXT = forms.Textarea(attrs={"rows": 2})
_SOURCES = (GeomSource.DRAWN, GeomSource.GPS_WALK, GeomSource.IMPORTED)


def _mouza_label(mouza: AdminArea) -> str:
    union = mouza.parent
    upazila = union.parent if union is not None else None
    places = " · ".join(a.name_en for a in (union, upazila) if a is not None)
    return f"{mouza.name_en} ({mouza.name_bn}) · {places}" if places else mouza.name_en


class ParcelForm(forms.Form):
    mouza_name = forms.CharField(
        label=_("Mouza"),
        max_length=120,
        required=False,
        help_text=_("Type part of the mouza's name, in Bengali or English."),
    )
    mouza = forms.ModelChoiceField(
        label=_("Choose the mouza"),
        queryset=AdminArea.objects.none(),
        required=False,
        widget=forms.RadioSelect,
    )
    survey = forms.ChoiceField(label=_("Survey series"), choices=SurveySeries.choices)
    jl_no = DigitsField(label=_("JL no."), max_length=20, required=False)
    sheet_no = DigitsField(label=_("Sheet no."), max_length=20, required=False)
    khatian_no = DigitsField(label=_("Khatian no."), max_length=40, required=False)
    dag_nos = DigitsField(
        label=_("Dag numbers"),
        max_length=400,
        help_text=_("Of the survey series above, separated by commas, such as 12, 15."),
    )
    other_dags = forms.CharField(
        label=_("Dags of other survey series"),
        required=False,
        widget=_TEXT,
        help_text=_("One series a line, such as “CS 55, 56” or “SA 72”."),
    )
    land_class = forms.ChoiceField(label=_("Land class"), choices=LandClass.choices)
    area_value = LocalDecimalField(
        label=_("Area as written"), required=False, max_digits=14, decimal_places=4
    )
    area_unit = forms.ChoiceField(label=_("Unit of that area"), required=False)
    register_viii_ref = forms.CharField(
        label=_("Register VIII reference"), max_length=80, required=False
    )
    accuracy_m = LocalFloatField(label=_("Accuracy of the walk (m)"), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=_TEXT)
    boundary_file = forms.FileField(
        label=_("Or upload a boundary file"),
        required=False,
        help_text=_("A GPS track or route from a phone walk (GPX), GeoJSON or KML."),
        widget=forms.ClearableFileInput(attrs={"accept": ".gpx,.geojson,.json,.kml"}),
    )
    geometry = forms.CharField(widget=forms.HiddenInput, required=False)
    geom_source = forms.CharField(widget=forms.HiddenInput, required=False)
    checked_geometry = forms.CharField(widget=forms.HiddenInput, required=False)
    confirm_overlap = forms.BooleanField(
        label=_("I have looked at the overlap; save anyway"), required=False
    )

    preview: Any = None
    file_read = False

    def __init__(self, *args: Any, user: Any, parcel: Parcel | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user, self.parcel = user, parcel
        language = "bn" if (get_language() or "").startswith("bn") else "en"
        units = unit_choices(local_factors_of(user), language)
        self.fields["area_unit"].choices = [("", "—"), *units]
        typed = self.data.get(self.add_prefix("mouza_name"), "") if self.is_bound else ""
        field = self.fields["mouza"]
        field.queryset = parcel_mouza_choices(user=user, name=typed)
        field.label_from_instance = _mouza_label
        if parcel is not None:
            self.fields["version"] = VersionField()
            self.fields["dag_nos"].required = True

    def clean_geom_source(self) -> str:
        source = self.cleaned_data["geom_source"]
        return source if source in _SOURCES else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._clean_mouza(data)
        data["other_dag_pairs"] = self._other_dags(data.get("other_dags", ""))
        upload = data.get("boundary_file")
        if upload:
            self._read_file(upload, data)
        data["geom"] = self._geometry(data.get("geometry", ""))
        return data

    def _clean_mouza(self, data: dict[str, Any]) -> None:
        if data.get("mouza") is not None:
            return
        if self.parcel is not None and not data.get("mouza_name"):
            data["mouza"] = self.parcel.mouza
            return
        matches = list(self.fields["mouza"].queryset)
        if len(matches) == 1:
            data["mouza"] = matches[0]
        elif not matches:
            self.add_error("mouza_name", gettext("No mouza of that name in your districts."))
        else:
            self.add_error("mouza", gettext("Several mouzas have that name: choose one."))

    def _other_dags(self, text: str) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        series = {code.casefold(): code for code in SurveySeries.values}
        for line in DigitsField().to_python(text).splitlines():
            words = line.replace(",", " ").split()
            if not words:
                continue
            code = series.get(words[0].casefold().rstrip(":"))
            if code is None or len(words) < 2:
                self.add_error(
                    "other_dags",
                    gettext("Begin each line with a series (CS, SA, RS, BS, BRS), then its dags."),
                )
                return []
            pairs += [(code, dag) for dag in words[1:]]
        return pairs

    def _read_file(self, upload: Any, data: dict[str, Any]) -> None:
        with tempfile.TemporaryDirectory(prefix="boundary-") as folder:
            source = Path(folder) / "upload"
            with source.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            try:
                read = read_boundary(source, Path(folder) / "work", name=upload.name)
            except UploadRefused as refused:
                self.add_error("boundary_file", _refusal(refused))
                return
        geom = from_shapely(read.geom, srid=4326)
        data["geometry"] = geom.geojson
        data["geom_source"] = GeomSource.GPS_WALK if read.walked else GeomSource.IMPORTED
        self.file_read = True
        # Shown on the map for a look before the next submit saves it.
        fresh = self.data.copy()
        fresh[self.add_prefix("geometry")] = data["geometry"]
        fresh[self.add_prefix("geom_source")] = data["geom_source"]
        self.data = fresh

    def _geometry(self, text: str) -> GEOSGeometry | None:
        if not text.strip():
            return None
        try:
            geom = GEOSGeometry(text, srid=4326)
        except (GEOSException, GDALException, ValueError, TypeError):
            self.add_error("geometry", gettext("The boundary could not be read; draw it again."))
            return None
        return geom

    def ready_to_save(self) -> bool:
        """True when the boundary (if any) passes the checks and any overlap was confirmed;
        otherwise the refusal or the overlap is shown beside the map and nothing is saved."""
        geom = self.cleaned_data.get("geom")
        if geom is None:
            return not self.file_read
        try:
            self.preview = parcel_boundary_preview(
                geom=geom, user=self.user, exclude_pk=self.parcel.pk if self.parcel else None
            )
        except ValidationError as error:
            add_service_errors(self, error, renamed={"geom": "geometry"})
            return False
        if self.file_read:
            return False
        if not self.preview.warnings:
            return True
        key = json.dumps(json.loads(geom.json), sort_keys=True)
        if (
            self.cleaned_data.get("confirm_overlap")
            and self.cleaned_data["checked_geometry"] == key
        ):
            return True
        fresh = self.data.copy()
        fresh[self.add_prefix("checked_geometry")] = key
        fresh[self.add_prefix("confirm_overlap")] = ""
        self.data = fresh
        return False

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        geom = data["geom"]
        return {
            "mouza": data["mouza"],
            "survey": data["survey"],
            "dag_nos": [d.strip() for d in data["dag_nos"].split(",") if d.strip()],
            "other_dags": data["other_dag_pairs"],
            "land_class": data["land_class"],
            "jl_no": data["jl_no"],
            "sheet_no": data["sheet_no"],
            "khatian_no": data["khatian_no"],
            "register_viii_ref": data["register_viii_ref"],
            "area_value": data["area_value"],
            "area_unit": data["area_unit"],
            "geom": geom,
            "geom_source": (data["geom_source"] or GeomSource.DRAWN) if geom else "",
            "accuracy_m": data["accuracy_m"],
            "notes": data["notes"],
        }

    def changes(self) -> dict[str, Any]:
        """For parcel_update: every field as the form holds it; a boundary only when one
        was drawn or uploaded (an empty map keeps the stored boundary)."""
        changes = self.service_kwargs()
        if changes["geom"] is None:
            del changes["geom"], changes["geom_source"]
        return changes

    def concurrency(self) -> dict[str, Any]:
        return {"expected_version": self.cleaned_data.get("version")}

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error, renamed={"geom": "geometry"})


def initial_of(parcel: Parcel) -> dict[str, Any]:
    dags = list(parcel.dags.all())
    others: dict[str, list[str]] = {}
    for dag in dags:
        if dag.survey != parcel.survey:
            others.setdefault(dag.survey, []).append(dag.dag_no)
    return {
        "mouza": parcel.mouza,
        "survey": parcel.survey,
        "jl_no": parcel.jl_no,
        "sheet_no": parcel.sheet_no,
        "khatian_no": parcel.khatian_no,
        "dag_nos": ", ".join(d.dag_no for d in dags if d.survey == parcel.survey),
        "other_dags": "\n".join(f"{s} {', '.join(n)}" for s, n in others.items()),
        "land_class": parcel.land_class,
        "area_value": parcel.area_value.normalize() if parcel.area_value else None,
        "area_unit": parcel.area_unit,
        "register_viii_ref": parcel.register_viii_ref,
        "accuracy_m": parcel.accuracy_m,
        "notes": parcel.notes,
        "version": parcel.version,
    }


def _refusal(refused: UploadRefused) -> str:
    messages = {
        "not_one_shape": gettext("The file holds more than one shape; give the one boundary."),
        "no_shape": gettext("The file holds no track, route or shape."),
        "walk_too_short": gettext("The walk has fewer than three distinct positions."),
        "boundary_format": gettext("Give a GPX, GeoJSON or KML file."),
    }
    return messages.get(refused.code) or gettext("The file could not be read: %(reason)s") % {
        "reason": refused.message
    }
