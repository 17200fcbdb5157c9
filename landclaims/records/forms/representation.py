"""Forms of the representatives pages: the list's filters and a seat (added or corrected)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from landclaims.core.forms import LocalDateField, QuickSelect, VersionField, add_service_errors
from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.selectors import group_label, with_labels
from landclaims.places.models import AdminArea
from landclaims.records.forms.claims import _area_label
from landclaims.records.forms.training import (
    AreaGroupFilters,
    member_choice_label,
    places_in,
)
from landclaims.representation.models import Seat
from landclaims.representation.selectors import SeatFilters


class SeatFilterForm(AreaGroupFilters):
    body = forms.ChoiceField(label=_("Body"), required=False)
    how = forms.ChoiceField(label=_("Elected or nominated"), required=False)
    current = forms.BooleanField(label=_("Only seats held now"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["body"].choices = [("", _("any")), *Seat.Body.choices]
        self.fields["how"].choices = [("", _("any")), *Seat.How.choices]

    def filters(self) -> SeatFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return SeatFilters(
            body=data.get("body", ""),
            how=data.get("how", ""),
            current=bool(data.get("current")),
            area=data.get("area"),
            group=data.get("group"),
        )


class SeatForm(forms.Form):
    """A seat at /representatives/new/ (from a group page: its members), corrected or ended
    at /representatives/<id>/edit/."""

    member = forms.ModelChoiceField(
        label=_("Member"), queryset=Member.objects.none(), widget=QuickSelect
    )
    body = forms.ChoiceField(label=_("Body"), choices=Seat.Body.choices)
    body_name = forms.CharField(
        label=_("Name of the body or committee"),
        max_length=200,
        required=False,
        help_text=_("Needed for another body; e.g. the standing committee's subject."),
    )
    area = forms.ModelChoiceField(
        label=_("Union or upazila"), queryset=AdminArea.objects.none(), required=False,
        widget=QuickSelect,
    )  # fmt: skip
    position = forms.ChoiceField(label=_("Position"), choices=Seat.Position.choices)
    how = forms.ChoiceField(
        label=_("Elected or nominated"), choices=Seat.How.choices, widget=forms.RadioSelect
    )
    from_on = LocalDateField(label=_("From"))
    to_on = LocalDateField(
        label=_("To"), required=False, help_text=_("Empty while the member holds the seat.")
    )

    PLAIN = ("body", "body_name", "area", "position", "how", "from_on", "to_on")

    def __init__(
        self,
        *args: Any,
        members: QuerySet[Member],
        seat: Seat | None = None,
        **kwargs: Any,
    ) -> None:
        initial = _initial(seat) if seat is not None else {"position": Seat.Position.MEMBER}
        super().__init__(*args, initial=initial, **kwargs)
        labels = {g.pk: group_label(g) for g in with_labels(_groups_of(members))}
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: member_choice_label(m, labels)
        districts = AdminArea.objects.filter(
            pk__in=members.values("group__village__union__district")
        )
        self.fields["area"].queryset = places_in(districts)
        self.fields["area"].label_from_instance = _area_label
        if seat is not None:
            del self.fields["member"]  # a seat stays its member's
            self.fields["version"] = VersionField()

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data[name] for name in self.PLAIN}
        values["body_name"] = values["body_name"] or ""
        return values

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)


def _groups_of(members: QuerySet[Member]) -> QuerySet[LandlessGroup]:
    return LandlessGroup.objects.filter(pk__in=members.values("group"))


def _initial(seat: Seat) -> dict[str, Any]:
    initial = {name: getattr(seat, name) for name in SeatForm.PLAIN}
    initial["area"] = seat.area_id
    initial["version"] = seat.version
    return initial
