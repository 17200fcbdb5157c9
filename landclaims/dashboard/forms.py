"""The dashboard's filters: organisation, administrative area and date range."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from landclaims.core.forms import QuickSelect
from landclaims.dashboard.selectors import DashboardFilters, area_choices, organisation_choices
from landclaims.places.models import AdminArea

_INDENT = {
    level: "\u2003" * depth
    for depth, level in enumerate(("division", "district", "upazila", "union"))
}


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AdminArea) -> str:
        bengali = (get_language() or "").startswith("bn")
        name = (obj.name_bn if bengali else obj.name_en) or obj.name_en
        return f"{_INDENT.get(obj.level, '')}{name}"


class DashboardFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False, empty_label=_("All")
    )
    area = AreaChoiceField(
        label=_("Area"),
        queryset=None,
        required=False,
        empty_label=_("Everywhere"),
        widget=QuickSelect,
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisation_choices(user=user)
        self.fields["area"].queryset = area_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the date range is after its end."))
        return data

    def filters(self) -> DashboardFilters:
        """The chosen filters; call after is_valid()."""
        data = self.cleaned_data
        return DashboardFilters(
            organisation=data.get("organisation"),
            area=data.get("area"),
            start=data.get("start"),
            end=data.get("end"),
        )
