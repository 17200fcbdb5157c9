"""Forms of the allocation pages: recording one from a claim, correcting it, and who holds
the land now. Numbers and dates may be typed with Bengali digits."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from landclaims.allocations.models import Allocation, Holder
from landclaims.claims.models import Claim
from landclaims.core.display import place_name, unit_choices
from landclaims.core.forms import (
    DigitsField,
    LocalDateField,
    QuickSelect,
    VersionField,
    add_service_errors,
)
from landclaims.core.scoping import scope_for
from landclaims.groups.models import LandlessGroup, Member
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea

_TEXT = forms.Textarea(attrs={"rows": 3})


def _parcel_label(parcel: Parcel) -> str:
    return f"{place_name(parcel.mouza)} · {parcel.survey} · {parcel.dag_display}"


def _both_names(area: AdminArea) -> str:
    """The reader's name first, the other beside it, so the type-ahead finds either."""
    first = place_name(area)
    other = area.name_en if first == area.name_bn else area.name_bn
    return f"{first} / {other}" if other and other != first else first


def _group_label(group: LandlessGroup) -> str:
    return f"{group.name_bn} ({group.name_en})" if group.name_en else group.name_bn


def _member_label(member: Member) -> str:
    return member.code  # the pseudonymous code: no name is decrypted for a form


def _language() -> str:
    return "bn" if (get_language() or "").startswith("bn") else "en"


class _PaperFields(forms.Form):
    """What recording and correcting an allocation share."""

    members = forms.ModelMultipleChoiceField(
        label=_("Recipients (members, by code)"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    title = forms.ChoiceField(
        label=_("Kind of title"), choices=[("", "—"), *Allocation.Title.choices], required=False
    )
    area_value = DigitsField(label=_("Area settled"), help_text=_("As written on the kabuliyat."))
    area_unit = forms.ChoiceField(label=_("Unit of that area"))
    names_on_kabuliyat = forms.CharField(
        label=_("Names on the kabuliyat"), widget=_TEXT, required=False
    )
    kabuliyat_no = DigitsField(label=_("Kabuliyat no."), max_length=40, required=False)
    kabuliyat_on = LocalDateField(label=_("Kabuliyat date"), required=False)
    deed_registration_no = DigitsField(
        label=_("Deed registration no."), max_length=40, required=False
    )
    registered_on = LocalDateField(label=_("Registered on"), required=False)
    dcr_no = DigitsField(label=_("DCR no."), max_length=40, required=False)
    mutation_case_no = DigitsField(label=_("Mutation case no."), max_length=40, required=False)
    approved_on = LocalDateField(label=_("Approved on"), required=False)
    settled_to_others = forms.BooleanField(
        label=_("The land was settled to others"), required=False
    )
    others_note = forms.CharField(label=_("Note on the others"), widget=_TEXT, required=False)
    outside_policy = forms.BooleanField(
        label=_("Won outside the 1997 policy"),
        required=False,
        help_text=_("When recipients are named, this follows from their priority categories."),
    )

    PAPER = (
        "title", "names_on_kabuliyat", "kabuliyat_no", "kabuliyat_on", "deed_registration_no",
        "registered_on", "dcr_no", "mutation_case_no", "approved_on", "settled_to_others",
        "others_note", "outside_policy", "area_value", "area_unit",
    )  # fmt: skip

    def _set_units(self, organisation: Any) -> None:
        factors = organisation.local_area_units if organisation is not None else {}
        self.fields["area_unit"].choices = unit_choices(factors, _language())

    def _set_members(self, user: Any, groups: Any) -> None:
        field = self.fields["members"]
        field.queryset = (
            Member.objects.visible_to(user)
            .filter(group__in=groups)
            .only("pk", "code", "group_id")
            .order_by("code")
        )
        field.label_from_instance = _member_label

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)


class AllocationNewForm(_PaperFields):
    """Recording an allocation from a claim: its parcel and group are the claim's."""

    parcel = forms.ModelChoiceField(label=_("Parcel"), queryset=Parcel.objects.none())
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=LandlessGroup.objects.none(), required=False
    )
    held_by = forms.ChoiceField(
        label=_("Who holds the land now"), choices=Holder.choices, initial=Holder.RECIPIENTS
    )
    held_since = LocalDateField(label=_("Held by them since"), required=False)

    field_order = ["parcel", "group", "members", "title", "area_value", "area_unit"]

    def __init__(self, *args: Any, user: Any, claim: Claim, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parcels = Parcel.objects.visible_to(user).filter(claims=claim).select_related("mouza")
        groups = LandlessGroup.objects.visible_to(user).filter(claims=claim)
        self.fields["parcel"].queryset = parcels
        self.fields["parcel"].label_from_instance = _parcel_label
        self.fields["group"].queryset = groups
        self.fields["group"].label_from_instance = _group_label
        self._set_members(user, groups)
        self._set_units(claim.organisation)
        if not self.is_bound:
            first_parcel, first_group = parcels.first(), groups.first()
            self.initial.update(
                parcel=first_parcel.pk if first_parcel else None,
                group=first_group.pk if first_group else None,
                area_unit=first_parcel.area_unit if first_parcel else "decimal",
            )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = (*self.PAPER, "parcel", "group", "held_by", "held_since")
        return {**{n: data[n] for n in names}, "members": list(data["members"])}


class AllocationEditForm(_PaperFields):
    """Correcting an allocation at /allocations/<id>/edit/, carrying its version."""

    version = VersionField()

    def __init__(self, *args: Any, user: Any, allocation: Allocation, **kwargs: Any) -> None:
        initial = {name: getattr(allocation, name) for name in self.PAPER}
        initial.update(
            area_value=f"{allocation.area_value.normalize():f}",
            version=allocation.version,
            members=list(allocation.members.values_list("pk", flat=True)),
        )
        super().__init__(*args, initial=initial, **kwargs)
        groups = LandlessGroup.objects.filter(pk=allocation.group_id)
        self._set_members(user, groups)
        self._set_units(allocation.organisation)

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        changed = {name: data[name] for name in self.PAPER if name in self.changed_data}
        if "members" in self.changed_data:
            changed["members"] = list(data["members"])
        if "area_value" in changed or "area_unit" in changed:
            changed.update(area_value=data["area_value"], area_unit=data["area_unit"])
        return changed


class HolderForm(forms.Form):
    """Who holds the settled land now, and since when."""

    held_by = forms.ChoiceField(label=_("Who holds the land now"), choices=Holder.choices)
    since = LocalDateField(label=_("Since"))
    note = forms.CharField(label=_("Note"), widget=_TEXT, required=False)
    version = VersionField()

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)


class AllocationFilterForm(forms.Form):
    district = forms.ModelChoiceField(
        label=_("District"), queryset=AdminArea.objects.none(), required=False, widget=QuickSelect
    )
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=LandlessGroup.objects.none(), required=False, widget=QuickSelect
    )
    held_by = forms.ChoiceField(
        label=_("Who holds the land"), choices=[("", _("any")), *Holder.choices], required=False
    )

    def __init__(self, *args: Any, user: Any, names: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = scope_for(user)
        districts = AdminArea.objects.filter(level=AdminArea.Level.DISTRICT)
        if scope is not None and scope.district_ids is not None:
            districts = districts.filter(pk__in=scope.district_ids)
        self.fields["district"].queryset = districts.order_by("name_en")
        self.fields["district"].label_from_instance = _both_names
        # Only groups with an allocation, and only for roles that read group names.
        if names:
            groups = LandlessGroup.objects.visible_to(user).filter(allocations__isnull=False)
            self.fields["group"].queryset = groups.distinct().order_by("name_bn")
            self.fields["group"].label_from_instance = _group_label
        else:
            del self.fields["group"]


class ClaimPickForm(forms.Form):
    """/allocations/new/ without a claim: which claim the allocation settles."""

    claim = DigitsField(label=_("Claim number"), max_length=12)
