"""The map's filters, read from the page's query string and from every tile URL."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from landclaims.cases.models import LegalCase
from landclaims.claims.models import Claim
from landclaims.claims.stages import Possession, Stage
from landclaims.core.forms import QuickSelect
from landclaims.core.params import whole
from landclaims.groups.models import LandlessGroup
from landclaims.maps.selectors import MapFilters
from landclaims.places.models import AdminArea

# Levels offered in the area list; unions and mouzas (thousands) are reached by search.
LISTED_LEVELS = (AdminArea.Level.DIVISION, AdminArea.Level.DISTRICT, AdminArea.Level.UPAZILA)


class MapFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Group, mouza, union, dag no. or case no., in Bangla or English"),
    )
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=AdminArea.objects.all(), required=False, widget=QuickSelect
    )
    stage = forms.MultipleChoiceField(label=_("Stage"), choices=Stage.choices, required=False)
    possession = forms.MultipleChoiceField(
        label=_("Possession"), choices=Possession.choices, required=False
    )
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=LandlessGroup.objects.none(),
        required=False,
        widget=forms.HiddenInput,
    )
    claim = forms.ModelChoiceField(
        label=_("Claim"), queryset=Claim.objects.none(), required=False, widget=forms.HiddenInput
    )
    case = forms.ModelChoiceField(
        label=_("Case"), queryset=LegalCase.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, user: Any, list_areas: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A record the user may not see is "not one of the available choices", as if it
        # did not exist.
        self.fields["group"].queryset = LandlessGroup.objects.visible_to(user)
        self.fields["claim"].queryset = Claim.objects.visible_to(user)
        self.fields["case"].queryset = LegalCase.objects.visible_to(user)
        # Only the page shows the list; a tile request must not pay for 200 areas.
        if list_areas:
            self.fields["area"].widget.choices = self._area_choices()

    def _area_choices(self) -> list[tuple[Any, str]]:
        listed = AdminArea.objects.filter(level__in=LISTED_LEVELS).order_by("path")
        listed = listed.only("pk", "level", "name_en", "name_bn")
        choices: list[tuple[Any, str]] = [("", _("All of Bangladesh"))]
        depth = {level: index for index, level in enumerate(LISTED_LEVELS)}
        choices += [
            (a.pk, "\u2003" * depth[a.level] + f"{a.name_en} / {a.name_bn}") for a in listed
        ]
        chosen = whole(str(self.data.get("area", ""))) if self.is_bound else None
        if chosen is not None and not any(c[0] == chosen for c in choices):
            area = AdminArea.objects.filter(pk=chosen).first()
            if area is not None:
                choices.append((area.pk, str(area)))
        return choices

    def filters(self) -> MapFilters:
        data = self.cleaned_data
        return MapFilters(
            group=data.get("group"),
            area=data.get("area"),
            claim=data.get("claim"),
            case=data.get("case"),
            stages=tuple(data.get("stage") or ()),
            possessions=tuple(data.get("possession") or ()),
        )


class InViewForm(MapFilterForm):
    """The map's filters and the box in view, for the side list."""

    q = None
    bbox = forms.CharField(label=_("Box in view"), max_length=120, required=False)

    def clean_bbox(self) -> tuple[float, float, float, float] | None:
        text = self.cleaned_data["bbox"]
        if not text:
            return None  # the whole map
        try:
            west, south, east, north = (float(part) for part in text.split(","))
        except ValueError as exc:
            raise forms.ValidationError(
                _("Give four numbers: west, south, east, north (degrees).")
            ) from exc
        inside = -180 <= west < east <= 180 and -90 <= south < north <= 90
        if not inside:
            raise forms.ValidationError(_("Give four numbers: west, south, east, north (degrees)."))
        return (west, south, east, north)
