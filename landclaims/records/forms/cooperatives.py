"""Forms of the cooperative pages: the list's filters, the cooperative with its member groups,
its land (a boundary drawn on the map or the khas parcel it was settled on) and production.

Amounts are typed in taka (Bengali digits too); the services store poisha."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from landclaims.cooperatives.models import Cooperative, CooperativeLand, Production
from landclaims.cooperatives.selectors import CooperativeFilters
from landclaims.cooperatives.services import MemberGroup
from landclaims.core.display import bangla_active, local_factors_of, place_name, unit_choices
from landclaims.core.forms import (
    DigitsField,
    LocalDateField,
    LocalDecimalField,
    LocalIntegerField,
    QuickSelect,
    VersionField,
    add_service_errors,
)
from landclaims.core.models import Organisation
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.core.scoping import scope_for
from landclaims.groups.models import LandlessGroup
from landclaims.groups.selectors import group_label, with_labels
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea

TENURE_CHOICES = [("", _("any")), *CooperativeLand.Tenure.choices]


def district_choices(user: Any) -> QuerySet[AdminArea]:
    """The districts a person works in (every district for staff of the whole country)."""
    districts = AdminArea.objects.filter(level=AdminArea.Level.DISTRICT)
    scope = scope_for(user)
    if scope is not None and scope.district_ids is not None:
        districts = districts.filter(pk__in=scope.district_ids)
    return districts.order_by("name_en")


def _district_label(area: AdminArea) -> str:
    return place_name(area)


def group_choice_label(user: Any) -> Any:
    """Group names for the roles that read them; kind and village for the others."""
    if has_role(user, GROUP_NAME_READERS):
        return lambda g: f"{g.name_bn} ({g.name_en})" if g.name_en else g.name_bn
    return group_label


class CooperativeFilterForm(forms.Form):
    district = forms.ModelChoiceField(
        queryset=AdminArea.objects.none(), required=False, label=_("District"), widget=QuickSelect
    )
    tenure = forms.ChoiceField(choices=TENURE_CHOICES, required=False, label=_("Farms land"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = district_choices(user)
        self.fields["district"].label_from_instance = _district_label

    def filters(self) -> CooperativeFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return CooperativeFilters(district=data.get("district"), tenure=data.get("tenure", ""))


def partner_choices(organisation: Organisation) -> QuerySet[Organisation]:
    """The organisations that may monitor: the network the organisation belongs to, its
    partners in that network, or its own partners."""
    related = Q(network=organisation)
    if organisation.network_id is not None:
        related |= Q(pk=organisation.network_id) | Q(network=organisation.network_id)
    return Organisation.objects.filter(related).exclude(pk=organisation.pk).order_by("name_en")


class CooperativeForm(forms.Form):
    name_bn = forms.CharField(label=_("Name (Bengali)"), max_length=200)
    name_en = forms.CharField(label=_("Name (romanised)"), max_length=200, required=False)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=AdminArea.objects.none(), widget=QuickSelect
    )
    formed_on = LocalDateField(label=_("Formed on"), required=False)
    registration_no = DigitsField(label=_("Registration no."), max_length=60, required=False)
    registered_on = LocalDateField(
        label=_("Registered on"),
        required=False,
        help_text=_("Only when registered; then give the registration number too."),
    )
    animator = forms.CharField(label=_("Animator"), max_length=200, required=False)
    monitoring_partner = forms.ModelChoiceField(
        label=_("Monitoring partner organisation"),
        queryset=Organisation.objects.none(),
        required=False,
    )

    PLAIN = ("name_bn", "name_en", "formed_on", "registration_no", "registered_on", "animator",
             "monitoring_partner")  # fmt: skip

    def __init__(
        self,
        *args: Any,
        user: Any,
        organisation: Organisation,
        cooperative: Cooperative | None = None,
        **kwargs: Any,
    ) -> None:
        initial = _initial(cooperative) if cooperative is not None else {}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["monitoring_partner"].queryset = partner_choices(organisation)
        if cooperative is None:
            self.fields["district"].queryset = district_choices(user)
            self.fields["district"].label_from_instance = _district_label
        else:
            del self.fields["district"]  # fixed once recorded
            self.fields["version"] = VersionField()

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = [*self.PLAIN, *(["district"] if "district" in self.fields else [])]
        return {name: data[name] for name in names}

    def concurrency(self) -> dict[str, Any]:
        return {"expected_version": self.cleaned_data["version"]}

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error, renamed={"organisation": "district"})


def _initial(cooperative: Cooperative) -> dict[str, Any]:
    initial = {name: getattr(cooperative, name) for name in CooperativeForm.PLAIN}
    initial["monitoring_partner"] = cooperative.monitoring_partner_id
    initial["version"] = cooperative.version
    return initial


class MemberGroupForm(forms.Form):
    """One member group with its shares and what it paid in."""

    group = forms.ModelChoiceField(
        label=_("Group"), queryset=LandlessGroup.objects.none(), widget=QuickSelect
    )
    shares = LocalIntegerField(label=_("Shares"), min_value=0, required=False)
    contribution_taka = LocalDecimalField(
        label=_("Contribution (taka)"), min_value=0, decimal_places=2, required=False
    )
    joined_on = LocalDateField(label=_("Joined on"), required=False)

    def __init__(self, *args: Any, user: Any, optional: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A row of the new cooperative's list may stay empty; the page adding one may not.
        self.fields["group"].required = not optional
        groups = with_labels(LandlessGroup.objects.visible_to(user)).order_by("name_bn")
        self.fields["group"].queryset = groups
        self.fields["group"].label_from_instance = group_choice_label(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        given = any(data.get(n) for n in ("shares", "contribution_taka", "joined_on"))
        if given and not data.get("group"):
            self.add_error("group", _("Choose the group these shares belong to."))
        return data

    def member(self) -> MemberGroup:
        data = self.cleaned_data
        return MemberGroup(
            group=data["group"],
            shares=data["shares"] or 0,
            contribution_taka=data["contribution_taka"] or 0,
            joined_on=data["joined_on"],
        )

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error, renamed={"groups": "group"})


class BaseMemberFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, form_kwargs={"user": user, "optional": True}, **kwargs)

    def members(self) -> list[MemberGroup]:
        return [f.member() for f in self.forms if f.cleaned_data.get("group")]


MemberFormSet = forms.formset_factory(
    MemberGroupForm, formset=BaseMemberFormSet, extra=3, max_num=30
)


class LandForm(forms.Form):
    """Land the cooperative farms: its tenure, where it is (a boundary drawn, or the khas
    parcel it was settled on) and since when."""

    tenure = forms.ChoiceField(label=_("Tenure"), choices=CooperativeLand.Tenure.choices)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    parcel = forms.ModelChoiceField(
        label=_("Khas parcel it was settled on"),
        queryset=Parcel.objects.none(),
        required=False,
        widget=QuickSelect,
        help_text=_("Its boundary and area are used when none is drawn."),
    )
    mouza = forms.ModelChoiceField(
        label=_("Mouza"), queryset=AdminArea.objects.none(), required=False, widget=QuickSelect
    )
    area_value = LocalDecimalField(label=_("Area"), required=False, min_value=0)
    area_unit = forms.ChoiceField(label=_("Area unit"), required=False)
    from_on = LocalDateField(label=_("Farmed from"), required=False)
    lease_rent_taka = LocalDecimalField(
        label=_("Yearly rent (taka)"), required=False, min_value=0, decimal_places=2
    )
    geometry = forms.CharField(widget=forms.HiddenInput, required=False)
    geom_source = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, cooperative: Cooperative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parcels = Parcel.objects.visible_to(user).filter(
            organisation=cooperative.organisation_id, mouza__district=cooperative.district_id
        )
        self.fields["parcel"].queryset = parcels.select_related("mouza").order_by("mouza__name_en")
        self.fields["parcel"].label_from_instance = _parcel_label
        mouzas = AdminArea.objects.filter(
            level=AdminArea.Level.MOUZA, path__startswith=cooperative.district.path
        )
        self.fields["mouza"].queryset = mouzas.order_by("name_en")
        self.fields["mouza"].label_from_instance = _district_label
        self.fields["area_unit"].choices = area_unit_choices(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["geom"] = None
        text = data.get("geometry", "")
        if text:
            try:
                data["geom"] = GEOSGeometry(text, srid=4326)
            except (GEOSException, ValueError):
                self.add_error("geometry", _("The boundary could not be read; draw it again."))
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = ("tenure", "description", "parcel", "mouza", "area_value", "area_unit",
                 "from_on", "lease_rent_taka", "geom")  # fmt: skip
        return {name: data[name] for name in names}

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error, renamed={"geom": "geometry"})


def _parcel_label(parcel: Parcel) -> str:
    return f"{place_name(parcel.mouza)} · {parcel.get_survey_display()} · {parcel.dag_display}"


def area_unit_choices(user: Any) -> list[tuple[str, str]]:
    """The units people write land in, as the parcel form offers them."""
    units = unit_choices(local_factors_of(user), "bn" if bangla_active() else "en")
    return [("", "—"), *units]


class ProductionForm(forms.Form):
    activity = forms.ChoiceField(label=_("Crop or activity"), choices=Production.Activity.choices)
    detail = forms.CharField(label=_("Detail"), max_length=200, required=False)
    season = forms.ChoiceField(label=_("Season"), choices=Production.Season.choices)
    year = LocalIntegerField(label=_("Year"), min_value=1971, max_value=2100)
    land = forms.ModelChoiceField(
        label=_("Land"), queryset=CooperativeLand.objects.none(), required=False
    )
    area_value = LocalDecimalField(label=_("Area"), required=False, min_value=0)
    area_unit = forms.ChoiceField(label=_("Area unit"), required=False)
    output_quantity = LocalDecimalField(label=_("Output"), required=False, min_value=0)
    output_unit = forms.ChoiceField(
        label=_("Unit of output"), choices=[("", "—"), *Production.Unit.choices], required=False
    )
    sales_taka = LocalDecimalField(
        label=_("Sales (taka)"), min_value=0, decimal_places=2, initial=0
    )
    costs_taka = LocalDecimalField(
        label=_("Costs (taka)"), min_value=0, decimal_places=2, initial=0
    )

    def __init__(self, *args: Any, user: Any, cooperative: Cooperative, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        land = CooperativeLand.objects.visible_to(user).filter(cooperative=cooperative)
        self.fields["land"].queryset = land.select_related("mouza").order_by("pk")
        self.fields["land"].label_from_instance = _land_label
        self.fields["area_unit"].choices = area_unit_choices(user)

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)


def _land_label(land: CooperativeLand) -> str:
    where = land.description or (place_name(land.mouza) if land.mouza else "")
    return f"{land.get_tenure_display()} · {where}" if where else str(land.get_tenure_display())
