"""Forms of the claim pages: filters, stage changes and possession changes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from landclaims.claims import stages
from landclaims.claims.models import Claim
from landclaims.claims.selectors import claim_next_stages
from landclaims.claims.services import SkippedStage
from landclaims.claims.stages import Possession, Stage
from landclaims.core.forms import DigitsField, LocalDateField, QuickSelect, VersionField
from landclaims.places.models import AdminArea

AREA_LEVELS = ["division", "district", "upazila", "union"]


class ClaimFilterForm(forms.Form):
    area = forms.ModelChoiceField(
        queryset=AdminArea.objects.filter(level__in=AREA_LEVELS).order_by("path"),
        required=False,
        label=_("Area"),
        widget=QuickSelect,
    )
    mouza = forms.CharField(required=False, label=_("Mouza (Bengali or English)"))
    group = forms.CharField(required=False, label=_("Group (Bengali or English)"))
    stage = forms.ChoiceField(choices=[("", _("any")), *list(Stage.choices)], required=False)
    possession = forms.ChoiceField(
        choices=[("", _("any")), *list(Possession.choices)], required=False
    )
    stuck = forms.BooleanField(required=False, label=_("Stuck past the service standard"))

    def __init__(self, *args: Any, names: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].label_from_instance = _area_label
        # A role that sees groups by number must not learn names by searching for them.
        if not names:
            del self.fields["group"]


def _area_label(area: AdminArea) -> str:
    indent = "\u2003" * AREA_LEVELS.index(area.level)
    return f"{indent}{area.name_en} / {area.name_bn}"


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
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

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
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
