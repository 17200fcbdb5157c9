"""Forms of the claim pages: filters, stage changes and possession changes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from landclaims.claims import stages
from landclaims.claims.models import Claim, LearnedFrom
from landclaims.claims.selectors import (
    claim_group_find,
    claim_group_list,
    claim_next_stages,
    claim_offered_groups,
    claim_offered_parcels,
    claim_parcel_find,
    claim_parcel_list,
)
from landclaims.claims.services import SkippedStage
from landclaims.claims.stages import Possession, Stage
from landclaims.core.display import place_name
from landclaims.core.forms import (
    DigitsField,
    LocalDateField,
    QuickSelect,
    VersionField,
    add_service_errors,
)
from landclaims.groups.models import LandlessGroup
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea

AREA_LEVELS = ["division", "district", "upazila", "union"]


class ClaimFilterForm(forms.Form):
    area = forms.ModelChoiceField(
        queryset=AdminArea.objects.filter(level__in=AREA_LEVELS).order_by("path"),
        required=False,
        label=_("Area"),
        empty_label=_("any"),
        widget=QuickSelect,
    )
    mouza = forms.CharField(required=False, label=_("Mouza (Bengali or English)"))
    group = forms.CharField(required=False, label=_("Group (Bengali or English)"))
    # Checkboxes (chips), not a multi-select that needs Ctrl-click: none ticked means any.
    stage = forms.MultipleChoiceField(
        choices=Stage.choices,
        required=False,
        label=_("Stage"),
        widget=forms.CheckboxSelectMultiple,
    )
    possession = forms.MultipleChoiceField(
        choices=Possession.choices,
        required=False,
        label=_("Possession"),
        widget=forms.CheckboxSelectMultiple,
    )
    stuck = forms.BooleanField(required=False, label=_("Stuck past the service standard"))

    def __init__(self, *args: Any, names: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].label_from_instance = _area_label
        # A role that sees groups by number must not learn names by searching for them.
        if not names:
            del self.fields["group"]


def _area_label(area: AdminArea) -> str:
    # Both names, so the type-ahead finds an area typed in either script; the reader's first.
    first = place_name(area)
    other = area.name_en if first == area.name_bn else area.name_bn
    return f"{first} / {other} ({area.get_level_display()})"


class ConcurrentForm(forms.Form):
    """Carries what the user saw, so a stale save is refused saying what changed."""

    version = VersionField()
    seen_stage = forms.CharField(widget=forms.HiddenInput)
    seen_possession = forms.CharField(widget=forms.HiddenInput)

    @classmethod
    def initial_for(cls, claim: Claim) -> dict[str, Any]:
        return {
            "version": claim.version,
            "seen_stage": claim.stage,
            "seen_possession": claim.possession,
        }

    def seen(self) -> dict[str, str]:
        return {
            "stage": self.cleaned_data["seen_stage"],
            "possession": self.cleaned_data["seen_possession"],
        }


class StageChangeForm(ConcurrentForm):
    """Offers only the stages the process allows next; skipped stages need date and number."""

    to = forms.ChoiceField(label=_("New stage"))
    on = LocalDateField(label=_("Date"))
    number = DigitsField(required=False, label=_("Number it produced"))
    note = forms.CharField(
        required=False, label=_("Note"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = claim_next_stages(claim=claim)
        self.fields["to"].choices = [(o.stage.value, o.stage.label) for o in self.options]
        self.skippable = sorted({s for o in self.options for s in o.skips}, key=stages.position)
        for stage in self.skippable:
            self.fields[f"skip_{stage}_on"] = LocalDateField(required=False, label=stage.label)
            if stage in stages.STAGE_NUMBER_FIELD:
                self.fields[f"skip_{stage}_number"] = DigitsField(
                    required=False, label=_("%(stage)s no.") % {"stage": stage.label}
                )

    def skipped(self) -> dict[str, SkippedStage]:
        result = {}
        for stage in self.skippable:
            on = self.cleaned_data.get(f"skip_{stage}_on")
            if on:
                number = self.cleaned_data.get(f"skip_{stage}_number", "")
                result[stage.value] = SkippedStage(on=on, number=number)
        return result

    def skip_fields(self) -> list[tuple[Stage, Any, Any]]:
        return [
            (
                s,
                self[f"skip_{s}_on"],
                self[f"skip_{s}_number"] if f"skip_{s}_number" in self.fields else None,
            )
            for s in self.skippable
        ]


class PossessionChangeForm(ConcurrentForm):
    to = forms.ChoiceField(choices=Possession.choices, label=_("Possession now"))
    on = LocalDateField(label=_("Since"))
    note = forms.CharField(
        required=False, label=_("Note"), widget=forms.Textarea(attrs={"rows": 2})
    )


# --- Opening a claim, and its groups and parcels changing -------------------------------

_PICK = forms.CheckboxSelectMultiple
_NOTE = forms.Textarea(attrs={"rows": 2})
# Posted choices kept on the page again after a search: bounded, a page is not a bulk tool.
_MAX_CHOSEN = 50


def group_label(group: LandlessGroup) -> str:
    """A group as a claim writer (who reads names) picks it: name and village."""
    name = f"{group.name_bn} ({group.name_en})" if group.name_en else group.name_bn
    return f"{name} · {place_name(group.village)}"


def parcel_label(parcel: Parcel) -> str:
    return (
        f"{parcel.mouza.name_en} ({parcel.mouza.name_bn}) · {parcel.get_survey_display()} · "
        + str(_("dag %(dags)s") % {"dags": parcel.dag_display})
    )


def _posted_ids(data: Any, name: str) -> list[int]:
    if data is None:
        return []
    values = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
    return [int(v) for v in values[:_MAX_CHOSEN] if str(v).isdigit()]


# The stages a claim may be opened at, and those that may be passed over on the way.
OPEN_STAGES = [s for s in stages.MAIN_LINE if s != Stage.SETTLED]
SKIPPABLE = list(stages.MAIN_LINE[1:-2])


class ClaimOpenForm(forms.Form):
    """Opening a claim at /claims/new/, pre-filled from a group's or parcel's page (or a map
    click on a parcel). Groups and parcels are offered from there and found by a search
    ("Find"), never from a list of every group or parcel."""

    groups = forms.ModelMultipleChoiceField(
        label=_("Groups claiming the land"),
        queryset=LandlessGroup.objects.none(),
        required=False,
        widget=_PICK,
    )
    find_group = forms.CharField(label=_("Find a group by name"), required=False, max_length=100)
    parcels = forms.ModelMultipleChoiceField(
        label=_("Parcels claimed"), queryset=Parcel.objects.none(), required=False, widget=_PICK
    )
    find_mouza = forms.CharField(
        label=_("Mouza (Bengali or English)"), required=False, max_length=100
    )
    find_dag = DigitsField(label=_("Dag no."), required=False, max_length=20)
    title = forms.CharField(label=_("Claim title"), required=False, max_length=200)
    learned_from = forms.ChoiceField(
        label=_("How the group learned of the land"),
        choices=[("", "—"), *LearnedFrom.choices],
        required=False,
    )
    opened_on = LocalDateField(
        label=_("Identified on"),
        help_text=_("The day the group identified the land as khas."),
    )
    stage = forms.ChoiceField(
        label=_("Stage now"),
        choices=[(s.value, s.label) for s in OPEN_STAGES],
        initial=Stage.IDENTIFIED,
        help_text=_("For older paper, the stage it has reached; give each earlier stage below."),
    )
    stage_on = LocalDateField(label=_("Reached this stage on"), required=False)
    number = DigitsField(label=_("Number it produced"), required=False, max_length=40)
    possession = forms.ChoiceField(
        label=_("Possession"), choices=Possession.choices, initial=Possession.NOT_ENTERED
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=_NOTE)

    def __init__(self, *args: Any, user: Any, prefill: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        data = self.data if self.is_bound else None
        self.finding = data is not None and "find" in data
        for stage in SKIPPABLE:
            self.fields[f"skip_{stage}_on"] = LocalDateField(required=False, label=stage.label)
            if stage in stages.STAGE_NUMBER_FIELD:
                self.fields[f"skip_{stage}_number"] = DigitsField(
                    required=False, label=_("%(stage)s no.") % {"stage": stage.label}
                )
        found_groups = self._found_groups(data)
        found_parcels = self._found_parcels(data)
        offered_groups = claim_offered_groups(user=user, **prefill)
        offered_parcels = claim_offered_parcels(user=user, **prefill)
        group_ids = {g.pk for g in offered_groups} | {g.pk for g in found_groups}
        parcel_ids = {p.pk for p in offered_parcels} | {p.pk for p in found_parcels}
        group_ids |= set(_posted_ids(data, "groups"))
        parcel_ids |= set(_posted_ids(data, "parcels"))
        groups = self.fields["groups"]
        groups.queryset = (
            LandlessGroup.objects.visible_to(user)
            .filter(pk__in=group_ids)
            .select_related("village")
            .order_by("pk")
        )
        groups.label_from_instance = group_label
        parcels = self.fields["parcels"]
        parcels.queryset = (
            Parcel.objects.visible_to(user)
            .filter(pk__in=parcel_ids)
            .select_related("mouza")
            .prefetch_related("dags")
            .defer("geom", "mouza__geom")
            .order_by("pk")
        )
        parcels.label_from_instance = parcel_label
        if not self.is_bound:
            self.initial.update(
                groups=[pk for pk in [prefill.get("group")] if pk],
                parcels=[pk for pk in [prefill.get("parcel")] if pk],
            )
        self.found_groups, self.found_parcels = found_groups, found_parcels

    def _found_groups(self, data: Any) -> list[LandlessGroup]:
        self.group_searched = bool(self.finding and data.get("find_group", "").strip())
        if not self.group_searched:
            return []
        return claim_group_find(user=self.user, name=data["find_group"])

    def _found_parcels(self, data: Any) -> list[Parcel]:
        if not self.finding:
            self.parcel_searched = False
            return []
        mouza, dag = data.get("find_mouza", ""), data.get("find_dag", "")
        self.parcel_searched = bool(mouza.strip() or dag.strip())
        return claim_parcel_find(user=self.user, mouza=mouza, dag=dag)

    def full_clean(self) -> None:
        super().full_clean()
        if self.finding:  # a search is not a save: nothing is refused yet
            self._errors = forms.utils.ErrorDict()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("groups") and "groups" not in self.errors:
            self.add_error("groups", _("Choose at least one group; find it by name."))
        if not data.get("parcels") and "parcels" not in self.errors:
            self.add_error("parcels", _("Choose at least one parcel; find it by mouza and dag."))
        return data

    def skipped(self) -> dict[str, SkippedStage]:
        result = {}
        for stage in SKIPPABLE:
            on = self.cleaned_data.get(f"skip_{stage}_on")
            if on:
                number = self.cleaned_data.get(f"skip_{stage}_number", "")
                result[stage.value] = SkippedStage(on=on, number=number)
        return result

    def skip_fields(self) -> list[tuple[Stage, Any, Any]]:
        return [
            (
                s,
                self[f"skip_{s}_on"],
                self[f"skip_{s}_number"] if f"skip_{s}_number" in self.fields else None,
            )
            for s in SKIPPABLE
        ]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = ("opened_on", "title", "learned_from", "stage", "stage_on", "number",
                 "possession", "notes")  # fmt: skip
        return {
            **{name: data[name] for name in names},
            "groups": list(data["groups"]),
            "parcels": list(data["parcels"]),
            "skipped": self.skipped(),
        }

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)


class FindForm(forms.Form):
    """The claim page's searches for a group or parcel to add (GET: a search changes
    nothing)."""

    find_group = forms.CharField(label=_("Find a group by name"), required=False, max_length=100)
    find_mouza = forms.CharField(
        label=_("Mouza (Bengali or English)"), required=False, max_length=100
    )
    find_dag = DigitsField(label=_("Dag no."), required=False, max_length=20)


class _MembershipForm(ConcurrentForm):
    """Adding or removing one group or parcel on the claim page, on a date."""

    member_field: str = ""
    on = LocalDateField(label=_("Date"))
    note = forms.CharField(required=False, label=_("Note"), widget=_NOTE)

    def __init__(self, *args: Any, user: Any, claim: Claim, found: Any = (), **kw: Any) -> None:
        super().__init__(*args, prefix=self.prefix_name, **kw)
        self.user, self.claim = user, claim
        self.setup(list(found))

    prefix_name: str = ""

    def setup(self, found: list[Any]) -> None:
        raise NotImplementedError

    def _offer(self, records: list[Any], label: Any) -> None:
        """Show `records` (plus the one chosen, after a refusal) as the choices; the field
        accepts any record the user may see, and the service decides."""
        field = self.fields[self.member_field]
        chosen = _posted_ids(
            self.data if self.is_bound else None, self.add_prefix(self.member_field)
        )
        shown = {r.pk: r for r in records}
        for record in field.queryset.filter(pk__in=chosen):
            shown.setdefault(record.pk, record)
        field.widget.choices = [(pk, label(r)) for pk, r in shown.items()]
        self.choices_shown = bool(shown)


class GroupAddForm(_MembershipForm):
    prefix_name = "addgroup"
    member_field = "group"
    group = forms.ModelChoiceField(
        label=_("Group to add"), queryset=LandlessGroup.objects.none(), widget=forms.RadioSelect
    )

    def setup(self, found: list[Any]) -> None:
        field = self.fields["group"]
        field.queryset = LandlessGroup.objects.visible_to(self.user).select_related("village")
        self._offer(found, group_label)


class GroupRemoveForm(_MembershipForm):
    prefix_name = "rmgroup"
    member_field = "group"
    group = forms.ModelChoiceField(
        label=_("Group to remove"), queryset=LandlessGroup.objects.none()
    )

    def setup(self, found: list[Any]) -> None:
        field = self.fields["group"]
        field.queryset = claim_group_list(user=self.user, claim=self.claim).select_related(
            "village"
        )
        field.label_from_instance = group_label


class ParcelAddForm(_MembershipForm):
    prefix_name = "addparcel"
    member_field = "parcel"
    parcel = forms.ModelChoiceField(
        label=_("Parcel to add"), queryset=Parcel.objects.none(), widget=forms.RadioSelect
    )

    def setup(self, found: list[Any]) -> None:
        field = self.fields["parcel"]
        field.queryset = (
            Parcel.objects.visible_to(self.user)
            .select_related("mouza")
            .prefetch_related("dags")
            .defer("geom", "mouza__geom")
        )
        self._offer(found, parcel_label)


class ParcelRemoveForm(_MembershipForm):
    prefix_name = "rmparcel"
    member_field = "parcel"
    parcel = forms.ModelChoiceField(label=_("Parcel to remove"), queryset=Parcel.objects.none())

    def setup(self, found: list[Any]) -> None:
        field = self.fields["parcel"]
        field.queryset = claim_parcel_list(user=self.user, claim=self.claim).defer(
            "geom", "mouza__geom"
        )
        field.label_from_instance = parcel_label


MEMBERSHIP_FORMS = {
    "add_group_form": GroupAddForm,
    "remove_group_form": GroupRemoveForm,
    "add_parcel_form": ParcelAddForm,
    "remove_parcel_form": ParcelRemoveForm,
}


def membership_forms(*, user: Any, claim: Claim, query: Any) -> dict[str, Any]:
    """The claim page's forms for its groups and parcels, with the hits of the search in
    `query` (the page's GET parameters) offered in the forms that add."""
    find = FindForm(query or None)
    terms = find.cleaned_data if find.is_valid() else {}
    found_groups = claim_group_find(user=user, name=terms.get("find_group", ""))
    found_parcels = claim_parcel_find(
        user=user, mouza=terms.get("find_mouza", ""), dag=terms.get("find_dag", "")
    )
    initial = ConcurrentForm.initial_for(claim)
    found = {"add_group_form": found_groups, "add_parcel_form": found_parcels}
    forms_ = {
        name: form_class(user=user, claim=claim, initial=initial, found=found.get(name, ()))
        for name, form_class in MEMBERSHIP_FORMS.items()
    }
    searched = {
        "group": bool(terms.get("find_group")),
        "parcel": bool(terms.get("find_mouza") or terms.get("find_dag")),
    }
    return {**forms_, "find_form": find, "searched": searched}
