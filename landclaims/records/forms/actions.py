"""Forms of the action pages: the list's filters, recording and correcting an action, and the
safety-net checks."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from landclaims.actions.models import Action, SafetyNetCheck
from landclaims.actions.selectors import ActionFilters, watchdog_visit_choices
from landclaims.cases.models import LegalCase
from landclaims.cases.selectors import case_list
from landclaims.claims.models import Claim
from landclaims.core.forms import (
    LocalDateField,
    LocalIntegerField,
    QuickSelect,
    VersionField,
    add_service_errors,
)
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.core.templatetags.lc_format import day
from landclaims.groups.models import LandlessGroup
from landclaims.incidents.models import Incident
from landclaims.places.models import AdminArea
from landclaims.records.forms.claims import AREA_LEVELS, _area_label

_TEXT = forms.Textarea(attrs={"rows": 3})
UNION_LEVELS = ["union", "paurashava"]


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    """QuickSelect for several choices (a type-ahead with chips, static/js/controls.js)."""


def _group_choices(user: Any) -> tuple[QuerySet[LandlessGroup], Any]:
    """The groups a person who reads names may pick (the writers of actions all do; the
    type-ahead also searches by the names, so no picker of groups is offered to the others)."""
    groups = LandlessGroup.objects.visible_to(user).order_by("name_bn")
    return groups, _group_name


def _group_name(group: LandlessGroup) -> str:
    return f"{group.name_bn} ({group.name_en})" if group.name_en else group.name_bn


def _incident_label(incident: Incident) -> str:
    return f"{incident.get_kind_display()}, {day(incident.occurred_on)}"


def _case_label(case: LegalCase) -> str:
    return f"{case.display_no} · {case.court_name}"


class ActionFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)
    date_from = LocalDateField(label=_("From"), required=False)
    date_to = LocalDateField(label=_("To"), required=False)
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
    claim = forms.ModelChoiceField(
        queryset=Claim.objects.none(), required=False, widget=forms.HiddenInput
    )
    case = forms.ModelChoiceField(
        queryset=LegalCase.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("any")), *Action.Kind.choices]
        self.fields["outcome"].choices = [("", _("any")), *Action.Outcome.choices]
        self.fields["area"].label_from_instance = _area_label
        self.fields["claim"].queryset = Claim.objects.visible_to(user)
        self.fields["case"].queryset = LegalCase.objects.visible_to(user)
        if has_role(user, GROUP_NAME_READERS):
            self.fields["group"].queryset, self.fields["group"].label_from_instance = (
                _group_choices(user)
            )
        else:  # the type-ahead searches the names: a role that reads none must not pick by one
            del self.fields["group"]

    def filters(self) -> ActionFilters:
        data = self.cleaned_data if self.is_valid() else {}
        names = ("kind", "outcome", "date_from", "date_to", "area", "group", "claim", "case")
        return ActionFilters(**{name: data.get(name) or _EMPTY[name] for name in names})


_EMPTY: dict[str, Any] = {"kind": "", "outcome": ""} | dict.fromkeys(
    ("date_from", "date_to", "area", "group", "claim", "case")
)


class ActionForm(forms.Form):
    """Recording an action at /actions/new/ (pre-filled from a claim, case, incident or
    group) and correcting it or recording its outcome at /actions/<id>/edit/."""

    kind = forms.ChoiceField(label=_("What the groups did"), choices=Action.Kind.choices)
    took_place_on = LocalDateField(label=_("When"))
    groups = forms.ModelMultipleChoiceField(
        label=_("Groups that took part"),
        queryset=LandlessGroup.objects.none(),
        widget=QuickSelectMultiple,
    )
    place = forms.ModelChoiceField(
        label=_("Where (union, upazila or district)"),
        queryset=AdminArea.objects.none(),
        required=False,
        widget=QuickSelect,
        help_text=_("Empty: the district of the first group."),
    )
    venue = forms.CharField(
        label=_("Venue"),
        max_length=200,
        required=False,
        help_text=_("For example the UNO's office, the AC Land's office, the DC's office."),
    )
    women = LocalIntegerField(label=_("Women taking part"), min_value=0, initial=0)
    men = LocalIntegerField(label=_("Men taking part"), min_value=0, initial=0)
    others = LocalIntegerField(
        label=_("Others taking part"),
        min_value=0,
        initial=0,
        help_text=_("Of another sex, or not known."),
    )
    authority = forms.CharField(label=_("Authority addressed"), max_length=200, required=False)
    demands = forms.CharField(label=_("Demands"), required=False, widget=_TEXT)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Action.Outcome.choices)
    outcome_note = forms.CharField(label=_("What came of it"), required=False, widget=_TEXT)
    claims = forms.ModelMultipleChoiceField(
        label=_("Claims it was about"),
        queryset=Claim.objects.none(),
        required=False,
        widget=QuickSelectMultiple,
    )
    cases = forms.ModelMultipleChoiceField(
        label=_("Court cases it was about"),
        queryset=LegalCase.objects.none(),
        required=False,
        widget=QuickSelectMultiple,
    )
    incidents = forms.ModelMultipleChoiceField(
        label=_("Incidents it answered"),
        queryset=Incident.objects.none(),
        required=False,
        widget=QuickSelectMultiple,
    )

    PLAIN = ("kind", "took_place_on", "place", "venue", "women", "men", "others", "authority",
             "demands", "outcome", "outcome_note")  # fmt: skip
    LINKS = ("groups", "claims", "cases", "incidents")

    def __init__(
        self,
        *args: Any,
        user: Any,
        prefill: dict[str, Any] | None = None,
        action: Action | None = None,
        **kwargs: Any,
    ) -> None:
        initial = _initial(action) if action is not None else _prefilled(user, prefill or {})
        super().__init__(*args, initial=initial, **kwargs)
        self._set_choices(user)
        if action is not None:
            self.fields["version"] = VersionField()

    def _set_choices(self, user: Any) -> None:
        fields = self.fields
        fields["groups"].queryset, fields["groups"].label_from_instance = _group_choices(user)
        places = AdminArea.objects.filter(level__in=["district", "upazila", *UNION_LEVELS])
        fields["place"].queryset = places.order_by("path")
        fields["place"].label_from_instance = _area_label
        fields["claims"].queryset = Claim.objects.visible_to(user).order_by("-pk")
        fields["cases"].queryset = case_list(user=user).order_by("-year", "number")
        fields["cases"].label_from_instance = _case_label
        incidents = Incident.objects.visible_to(user).order_by("-occurred_on")
        fields["incidents"].queryset = incidents
        fields["incidents"].label_from_instance = _incident_label

    def values(self) -> dict[str, Any]:
        """The service's arguments: for action_create, or the changes of action_update."""
        data = self.cleaned_data
        values = {name: data[name] for name in self.PLAIN}
        values.update({name: list(data[name]) for name in self.LINKS})
        return values

    def concurrency(self) -> dict[str, Any]:
        return {"expected_version": self.cleaned_data["version"]}

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)


def _prefilled(user: Any, prefill: dict[str, Any]) -> dict[str, Any]:
    """The form opened from a record's page: that record chosen, and from a claim or an
    incident also the groups (and the incident's claim) it concerns, as far as the person
    may see them."""
    initial: dict[str, Any] = {"women": 0, "men": 0, "others": 0, "outcome": "pending"}
    groups = LandlessGroup.objects.visible_to(user)
    if "group" in prefill:
        initial["groups"] = [prefill["group"]]
    if "case" in prefill:
        initial["cases"] = [prefill["case"]]
    if "claim" in prefill:
        initial["claims"] = [prefill["claim"]]
        initial["groups"] = list(
            groups.filter(claims=prefill["claim"]).values_list("pk", flat=True)
        )
    if "incident" in prefill:
        initial["incidents"] = [prefill["incident"]]
        incident = Incident.objects.visible_to(user).filter(pk=prefill["incident"]).first()
        if incident is not None and incident.claim_id is not None:
            initial["claims"] = [incident.claim_id]
            initial["groups"] = list(
                groups.filter(claims=incident.claim_id).values_list("pk", flat=True)
            )
    return initial


def _initial(action: Action) -> dict[str, Any]:
    """The form of an action as the person may see it: only the links they may see."""
    initial: dict[str, Any] = {name: getattr(action, name) for name in ActionForm.PLAIN}
    initial["place"] = action.place_id
    for name in ActionForm.LINKS:
        initial[name] = [record.pk for record in getattr(action, f"visible_{name}")]
    initial["version"] = action.version
    return initial


class SafetyNetFilterForm(forms.Form):
    union = forms.ModelChoiceField(
        queryset=AdminArea.objects.filter(level__in=AREA_LEVELS).order_by("path"),
        required=False,
        label=_("Area"),
        empty_label=_("any"),
        widget=QuickSelect,
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["union"].label_from_instance = _area_label
        self.fields["programme"].choices = [("", _("any")), *SafetyNetCheck.Programme.choices]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        return {"union": data.get("union"), "programme": data.get("programme") or ""}


class SafetyNetCheckForm(forms.Form):
    """Recording a watchdog check of one programme in one union, and correcting it."""

    union = forms.ModelChoiceField(
        label=_("Union"), queryset=AdminArea.objects.none(), widget=QuickSelect
    )
    programme = forms.ChoiceField(label=_("Programme"), choices=SafetyNetCheck.Programme.choices)
    checked_on = LocalDateField(label=_("Checked on"))
    checked = forms.CharField(
        label=_("What was checked"),
        widget=_TEXT,
        help_text=_("For example the VGD list against the people who received rice."),
    )
    irregularities_found = forms.BooleanField(label=_("Irregularities found"), required=False)
    irregularities = forms.CharField(label=_("Irregularities"), required=False, widget=_TEXT)
    people_wrongly_left_out = LocalIntegerField(
        label=_("Eligible people left out"), min_value=0, initial=0
    )
    action_taken = forms.CharField(label=_("Action taken"), required=False, widget=_TEXT)
    outcome = forms.CharField(label=_("Outcome"), required=False, widget=_TEXT)
    groups = forms.ModelMultipleChoiceField(
        label=_("Groups that checked"),
        queryset=LandlessGroup.objects.none(),
        required=False,
        widget=QuickSelectMultiple,
    )
    action = forms.ModelChoiceField(
        label=_("The watchdog visit"),
        queryset=Action.objects.none(),
        required=False,
        widget=QuickSelect,
        help_text=_("The visit recorded among the actions, if there was one."),
    )

    PLAIN = ("programme", "checked_on", "checked", "irregularities_found", "irregularities",
             "people_wrongly_left_out", "action_taken", "outcome", "action")  # fmt: skip

    def __init__(
        self, *args: Any, user: Any, check: SafetyNetCheck | None = None, **kwargs: Any
    ) -> None:
        initial = _check_initial(check) if check is not None else {"people_wrongly_left_out": 0}
        super().__init__(*args, initial=initial, **kwargs)
        fields = self.fields
        unions = AdminArea.objects.filter(level__in=UNION_LEVELS).order_by("path")
        fields["union"].queryset = unions
        fields["union"].label_from_instance = _area_label
        fields["groups"].queryset, fields["groups"].label_from_instance = _group_choices(user)
        fields["action"].queryset = watchdog_visit_choices(user=user)
        fields["action"].label_from_instance = visit_label
        if check is not None:
            del fields["union"]  # fixed once recorded
            fields["version"] = VersionField()

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data[name] for name in self.PLAIN}
        values["groups"] = list(data["groups"])
        if "union" in self.fields:
            values["union"] = data["union"]
        return values

    def concurrency(self) -> dict[str, Any]:
        return {"expected_version": self.cleaned_data["version"]}

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)


def visit_label(action: Action) -> str:
    venue = f", {action.venue}" if action.venue else ""
    return f"{action.get_kind_display()}, {day(action.took_place_on)}{venue}"


def _check_initial(check: SafetyNetCheck) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(check, name) for name in SafetyNetCheckForm.PLAIN}
    initial["action"] = check.action_id
    initial["groups"] = [g.pk for g in check.visible_groups]  # type: ignore[attr-defined]
    initial["version"] = check.version
    return initial
