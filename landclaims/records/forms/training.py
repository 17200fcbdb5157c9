"""Forms of the training pages: the list's filters, a training, and its attendance (a row
per group with three counts, and the members named, picked by code)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from landclaims.core.display import place_name
from landclaims.core.forms import (
    LocalDateField,
    LocalIntegerField,
    QuickSelect,
    SearchLabel,
    SearchSelectMultiple,
    VersionField,
    add_service_errors,
)
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.core.scoping import scope_for
from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.selectors import group_label, with_labels
from landclaims.places.models import AdminArea
from landclaims.records.forms.claims import AREA_LEVELS, _area_label
from landclaims.training.models import Community, Tier, Topic, TrainingEvent
from landclaims.training.selectors import TrainingFilters
from landclaims.training.services import GroupCount


def group_choice_label(group: LandlessGroup, show_names: bool) -> str:
    """A group in a list of choices: its name for roles that read names, else its label,
    searched by that label alone (the type-ahead would otherwise carry its names)."""
    if not show_names:
        label = group_label(group)
        return SearchLabel(label, label)
    return f"{group.name_bn} ({group.name_en})" if group.name_en else group.name_bn


def member_choice_label(member: Member, labels: dict[int, str]) -> str:
    """A member in a list of choices: code and group, searched by the code alone, so their
    encrypted names are never read (nor written into the page)."""
    return SearchLabel(f"{member.code} · {labels.get(member.group_id, '')}", member.code)


class AreaGroupFilters(forms.Form):
    """The area and group filters the training and representatives lists share; groups
    named only for the roles that read names, else by their label."""

    area = forms.ModelChoiceField(
        queryset=AdminArea.objects.filter(level__in=AREA_LEVELS).order_by("path"),
        required=False,
        label=_("Area"),
        empty_label=_("any"),
        widget=QuickSelect,
    )
    group = forms.ModelChoiceField(
        queryset=LandlessGroup.objects.none(),
        required=False,
        label=_("Group"),
        empty_label=_("any"),
        widget=QuickSelect,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(
            [*(n for n in self.fields if n not in ("area", "group")), "area", "group"]
        )
        self.fields["area"].label_from_instance = _area_label
        show_names = has_role(user, GROUP_NAME_READERS)
        groups = with_labels(LandlessGroup.objects.visible_to(user)).order_by("name_bn", "pk")
        self.fields["group"].queryset = groups
        self.fields["group"].label_from_instance = lambda g: group_choice_label(g, show_names)


class TrainingFilterForm(AreaGroupFilters):
    tier = forms.ChoiceField(label=_("Tier"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    date_from = LocalDateField(label=_("From"), required=False)
    date_to = LocalDateField(label=_("To"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["tier"].choices = [("", _("any")), *Tier.choices]
        self.fields["topic"].choices = [("", _("any")), *Topic.choices]

    def filters(self) -> TrainingFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return TrainingFilters(
            tier=data.get("tier", ""),
            topic=data.get("topic", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            area=data.get("area"),
            group=data.get("group"),
        )


def districts_of(user: Any) -> QuerySet[AdminArea]:
    """The districts a person may file records under: all, or their own."""
    districts = AdminArea.objects.filter(level=AdminArea.Level.DISTRICT)
    scope = scope_for(user)
    if scope is not None and scope.district_ids is not None:
        districts = districts.filter(pk__in=scope.district_ids)
    return districts.order_by("name_en")


def places_in(districts: QuerySet[AdminArea]) -> QuerySet[AdminArea]:
    """The upazilas and unions of `districts`, where a training can be held."""
    inside = Q()
    for path in districts.values_list("path", flat=True):
        inside |= Q(path__startswith=path)
    places = AdminArea.objects.filter(level__in=["upazila", "union"])
    return places.filter(inside).order_by("path") if inside else places.none()


class TrainingForm(forms.Form):
    """A training at /trainings/new/, corrected at /trainings/<id>/edit/."""

    title = forms.CharField(label=_("Title"), max_length=200)
    title_bn = forms.CharField(label=_("Title in Bengali"), max_length=200, required=False)
    tier = forms.ChoiceField(label=_("Tier"), choices=Tier.choices)
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    started_on = LocalDateField(label=_("From"))
    ended_on = LocalDateField(
        label=_("To"), required=False, help_text=_("Empty: a one-day training.")
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=AdminArea.objects.none(), widget=QuickSelect
    )
    place = forms.ModelChoiceField(
        label=_("Upazila or union"),
        queryset=AdminArea.objects.none(),
        required=False,
        widget=QuickSelect,
    )
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    facilitator = forms.CharField(label=_("Facilitator"), max_length=200, required=False)

    PLAIN = ("title", "title_bn", "tier", "topics", "started_on", "ended_on", "place", "venue",
             "facilitator")  # fmt: skip

    def __init__(
        self, *args: Any, user: Any, event: TrainingEvent | None = None, **kwargs: Any
    ) -> None:
        initial = _initial(event) if event is not None else {}
        super().__init__(*args, initial=initial, **kwargs)
        districts = districts_of(user)
        self.fields["district"].queryset = districts
        self.fields["district"].label_from_instance = place_name
        self.fields["place"].queryset = places_in(districts)
        self.fields["place"].label_from_instance = _area_label
        if event is not None:
            del self.fields["district"]  # fixed once recorded
            self.fields["place"].queryset = places_in(
                AdminArea.objects.filter(pk=event.district_id)
            )
            self.fields["version"] = VersionField()

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data[name] for name in self.PLAIN}
        if "district" in self.fields:
            values["district"] = data["district"]
        return values

    def concurrency(self) -> dict[str, Any]:
        return {"expected_version": self.cleaned_data["version"]}

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)


def _initial(event: TrainingEvent) -> dict[str, Any]:
    initial = {name: getattr(event, name) for name in TrainingForm.PLAIN}
    initial["place"] = event.place_id
    initial["version"] = event.version
    return initial


# Attendance ---------------------------------------------------------------------------------


class AttendanceRowForm(forms.Form):
    """One group's people at the training: three counts, and their community where the
    organisation records it."""

    group = forms.IntegerField(widget=forms.HiddenInput)
    women = LocalIntegerField(label=_("Women"), min_value=0, required=False)
    men = LocalIntegerField(label=_("Men"), min_value=0, required=False)
    others = LocalIntegerField(label=_("Others"), min_value=0, required=False)
    community = forms.ChoiceField(label=_("Community"), choices=Community.choices, required=False)


AttendanceRows = forms.formset_factory(AttendanceRowForm, extra=0)


class AttendanceForm(forms.Form):
    """The named members (by code, with their group) and the version the page was read at;
    the groups' rows are the AttendanceRows formset beside it."""

    members = forms.ModelMultipleChoiceField(
        label=_("Members named"),
        queryset=Member.objects.none(),
        required=False,
        widget=SearchSelectMultiple(attrs={"data-typeahead": ""}),
        help_text=_("Type a member's code. Each must be of a group counted above."),
    )
    version = VersionField()

    def __init__(self, *args: Any, members: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["members"]
        field.queryset = members
        labels = {group.pk: group_label(group) for group in _groups_of(members)}
        field.label_from_instance = lambda m: member_choice_label(m, labels)


def _groups_of(members: QuerySet[Member]) -> QuerySet[LandlessGroup]:
    return with_labels(LandlessGroup.objects.filter(pk__in=members.values("group")))


def attendance_rows(
    rows: Any, groups: dict[int, LandlessGroup]
) -> tuple[list[GroupCount], list[str]]:
    """The service's GroupCounts from the valid formset, and the problems of rows naming a
    group not offered on the page."""
    counts: list[GroupCount] = []
    problems: list[str] = []
    for row in rows.cleaned_data:
        group = groups.get(row.get("group"))
        if group is None:
            problems.append(str(_("A group on the form is not one you may record for.")))
            continue
        counts.append(
            GroupCount(
                group=group,
                community=row.get("community") or "",
                women=row.get("women") or 0,
                men=row.get("men") or 0,
                others=row.get("others") or 0,
            )
        )
    return counts, problems
