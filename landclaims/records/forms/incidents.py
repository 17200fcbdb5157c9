"""Forms of the incident pages: the list's filters, recording and correcting an incident."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from landclaims.cases.selectors import case_list
from landclaims.claims.models import Claim
from landclaims.core.forms import (
    DigitsField,
    LocalDateField,
    LocalFloatField,
    LocalIntegerField,
    QuickSelect,
    VersionField,
    add_service_errors,
)
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.core.scoping import scope_for
from landclaims.core.text import ascii_digits
from landclaims.groups.models import LandlessGroup
from landclaims.incidents.models import RESTRICTED_KINDS, Incident
from landclaims.incidents.selectors import IncidentFilters
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea
from landclaims.records.forms.claims import AREA_LEVELS, _area_label

_TEXT = forms.Textarea(attrs={"rows": 3})


def kind_choices(user: Any) -> list[tuple[str, str]]:
    """The kinds a person may pick or filter by: sexual violence only for the roles that see
    it (the rule itself: IncidentQuerySet.visible_to)."""
    readers = has_role(user, GROUP_NAME_READERS)
    return [
        (k, label) for k, label in Incident.Kind.choices if readers or k not in RESTRICTED_KINDS
    ]


def _group_label(group: LandlessGroup) -> str:
    return f"{group.name_bn} ({group.name_en})" if group.name_en else group.name_bn


def _parcel_label(parcel: Parcel) -> str:
    mouza = parcel.mouza
    return (
        f"{mouza.name_en} / {mouza.name_bn} · {parcel.get_survey_display()} · {parcel.dag_display}"
    )


class IncidentFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    date_from = LocalDateField(label=_("From"), required=False)
    date_to = LocalDateField(label=_("To"), required=False)
    area = forms.ModelChoiceField(
        queryset=AdminArea.objects.filter(level__in=AREA_LEVELS).order_by("path"),
        required=False,
        label=_("Area"),
        widget=QuickSelect,
    )
    group = forms.ModelChoiceField(
        queryset=LandlessGroup.objects.none(), required=False, label=_("Group"), widget=QuickSelect
    )
    claim = forms.ModelChoiceField(
        queryset=Claim.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("any")), *kind_choices(user)]
        self.fields["area"].label_from_instance = _area_label
        self.fields["claim"].queryset = Claim.objects.visible_to(user)
        if has_role(user, GROUP_NAME_READERS):
            groups = LandlessGroup.objects.visible_to(user).order_by("name_bn")
            self.fields["group"].queryset = groups
            self.fields["group"].label_from_instance = _group_label
        else:  # a role that sees groups by number must not pick them by name
            del self.fields["group"]

    def filters(self) -> IncidentFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return IncidentFilters(
            kind=data.get("kind", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            area=data.get("area"),
            group=data.get("group"),
            claim=data.get("claim"),
        )


class IncidentForm(forms.Form):
    """Recording an incident at /incidents/new/ (pre-filled from a map click, a parcel, a claim
    or a group) and correcting it at /incidents/<id>/edit/."""

    kind = forms.ChoiceField(label=_("What happened"))
    occurred_on = LocalDateField(label=_("When"))
    lat = LocalFloatField(label=_("Latitude"), required=False)
    lng = LocalFloatField(label=_("Longitude"), required=False)
    parcel = forms.ModelChoiceField(
        label=_("Parcel"), queryset=Parcel.objects.none(), required=False, widget=QuickSelect
    )
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=LandlessGroup.objects.none(), required=False, widget=QuickSelect
    )
    claim = forms.ModelChoiceField(
        label=_("Claim"), queryset=Claim.objects.none(), required=False, widget=QuickSelect
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=AdminArea.objects.none(),
        required=False,
        widget=QuickSelect,
        help_text=_("Empty: the district of the parcel, claim or group."),
    )
    women_affected = LocalIntegerField(label=_("Women harmed"), min_value=0, initial=0)
    men_affected = LocalIntegerField(label=_("Men harmed"), min_value=0, initial=0)
    others_affected = LocalIntegerField(
        label=_("Others harmed"),
        min_value=0,
        initial=0,
        help_text=_("Of another sex, or not known."),
    )
    perpetrators = forms.CharField(
        label=_("Perpetrators"),
        max_length=2000,
        required=False,
        widget=_TEXT,
        help_text=_("Who did it, as the people harmed name them. Kept encrypted."),
    )
    police_station = forms.CharField(label=_("Police station"), max_length=120, required=False)
    gd_fir_no = DigitsField(label=_("GD/FIR no."), max_length=60, required=False)
    legal_case = forms.ModelChoiceField(
        label=_("The case it became"),
        queryset=Claim.objects.none(),
        required=False,
        widget=QuickSelect,
    )
    description = forms.CharField(label=_("Description"), required=False, widget=_TEXT)

    LINKS = ("parcel", "group", "claim", "legal_case")
    PLAIN = ("kind", "occurred_on", "women_affected", "men_affected", "others_affected",
             "police_station", "gd_fir_no", "description")  # fmt: skip

    def __init__(
        self,
        *args: Any,
        user: Any,
        prefill: dict[str, Any] | None = None,
        incident: Incident | None = None,
        **kwargs: Any,
    ) -> None:
        prefill = prefill or {}
        initial = _initial(incident) if incident is not None else _prefilled(prefill)
        super().__init__(*args, initial=initial, **kwargs)
        self.incident = incident
        self.fields["kind"].choices = kind_choices(user)
        given = {**prefill, **{k: initial.get(k) for k in self.LINKS}}
        if self.is_bound:  # the choices the page offered, whatever it was opened from
            posted = {k: self.data.get(k, "") for k in self.LINKS}
            given.update({k: int(v) for k, v in posted.items() if str(v).isdigit()})
        self._set_choices(user, given)
        if not has_role(user, GROUP_NAME_READERS):
            del self.fields["perpetrators"]
        claims = self.fields["claim"].queryset
        if incident is None and not self.is_bound and "claim" not in initial:
            only = list(claims[:2])
            if len(only) == 1:  # from a parcel or group with one claim: that claim
                self.initial["claim"] = only[0].pk
        if incident is not None:
            del self.fields["district"]  # fixed once recorded
            self.fields["version"] = VersionField()

    def _set_choices(self, user: Any, given: dict[str, Any]) -> None:
        ids = {k: v for k, v in given.items() if isinstance(v, int)}
        claims = Claim.objects.visible_to(user).filter(
            Q(pk=ids.get("claim", 0))
            | Q(parcels=ids.get("parcel", 0))
            | Q(groups=ids.get("group", 0))
        )
        parcels = Parcel.objects.visible_to(user).filter(
            Q(pk=ids.get("parcel", 0)) | Q(claims__in=claims.values("pk"))
        )
        fields = self.fields
        fields["claim"].queryset = Claim.objects.filter(pk__in=claims.values("pk"))
        fields["parcel"].queryset = _distinct(parcels).select_related("mouza")
        fields["parcel"].label_from_instance = _parcel_label
        fields["group"].queryset = LandlessGroup.objects.visible_to(user).order_by("name_bn")
        fields["group"].label_from_instance = _group_label
        fields["legal_case"].queryset = case_list(user=user).order_by("-year", "number")
        fields["legal_case"].label_from_instance = lambda c: f"{c.display_no} · {c.court_name}"
        if "district" in fields:
            scope = scope_for(user)
            districts = AdminArea.objects.filter(level=AdminArea.Level.DISTRICT)
            if scope is not None and scope.district_ids is not None:
                districts = districts.filter(pk__in=scope.district_ids)
            fields["district"].queryset = districts.order_by("name_en")
            fields["district"].label_from_instance = lambda a: f"{a.name_en} / {a.name_bn}"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        lat, lng = data.get("lat"), data.get("lng")
        data["location"] = None
        if (lat is None) != (lng is None):
            self.add_error("lat", _("Pick the point on the map, or give both numbers."))
        elif lat is not None and lng is not None:
            data["location"] = Point(lng, lat, srid=4326)
        placed_before = self.incident is not None and self.incident.location is None
        unplaced = data["location"] is None and not data.get("parcel") and not placed_before
        if unplaced and not self.errors:
            self.add_error("lat", _("Pick the point on the map, or choose the parcel."))
        return data

    def values(self) -> dict[str, Any]:
        """The service's arguments: for incident_record, or the changes of incident_update."""
        data = self.cleaned_data
        names = [*self.PLAIN, *self.LINKS, "location"]
        if "perpetrators" in self.fields:
            names.append("perpetrators")
        if "district" in self.fields:
            names.append("district")
        return {name: data[name] for name in names}

    def concurrency(self) -> dict[str, Any]:
        return {"expected_version": self.cleaned_data["version"]}

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error, renamed={"location": "lat"})


def _distinct(parcels: QuerySet[Parcel]) -> QuerySet[Parcel]:
    return Parcel.objects.filter(pk__in=parcels.values("pk"))


def _prefilled(prefill: dict[str, Any]) -> dict[str, Any]:
    return {"women_affected": 0, "men_affected": 0, "others_affected": 0, **prefill}


def _initial(incident: Incident) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(incident, name) for name in (*IncidentForm.PLAIN, "perpetrators")
    }
    initial.update({name: getattr(incident, f"{name}_id") for name in IncidentForm.LINKS})
    if incident.location is not None:
        initial.update(lat=round(incident.location.y, 6), lng=round(incident.location.x, 6))
    initial["version"] = incident.version
    return initial


# The small map's view when it has no point yet: the whole country.
COUNTRY_VIEW = {"lat": 23.7, "lng": 90.35, "zoom": 7}


def point_map(form: IncidentForm) -> dict[str, Any]:
    """Where the point-picking map opens: at the point given, else on the parcel chosen (with
    its outline), else the whole country."""
    view: dict[str, Any] = dict(COUNTRY_VIEW, outline="")
    parcel_id = form["parcel"].value()
    parcel = None
    if str(parcel_id or "").isdigit():
        parcel = form.fields["parcel"].queryset.filter(pk=parcel_id).select_related("mouza").first()
    if parcel is not None and parcel.geom is not None:
        centre = parcel.geom.point_on_surface
        view.update(lat=centre.y, lng=centre.x, zoom=17, outline=parcel.geom.geojson)
    elif parcel is not None and parcel.mouza.centre is not None:
        view.update(lat=parcel.mouza.centre.y, lng=parcel.mouza.centre.x, zoom=15)
    try:
        lat, lng = (
            float(ascii_digits(str(form["lat"].value()))),
            float(ascii_digits(str(form["lng"].value()))),
        )
    except ValueError:
        return view
    view.update(lat=lat, lng=lng, zoom=max(view["zoom"], 15))
    return view
