"""Forms of the case pages: the list's filters and the writes on a case's page."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from landclaims.cases.models import CaseType, InterimOrder, LegalCase
from landclaims.cases.selectors import (
    CaseAction,
    CaseDetail,
    case_district_list,
    case_next_actions,
)
from landclaims.core.forms import DigitsField, LocalDateField, VersionField, add_service_errors

# Notes are a line or two; Django's default textarea is ten rows tall.
_NOTE = forms.Textarea(attrs={"rows": 3})


def _any(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", _("any")), *choices]


class CaseFilterForm(forms.Form):
    """The list's filters (GET); a filter left empty or typed wrong narrows nothing."""

    case_type = forms.ChoiceField(label=_("Type"), choices=_any(CaseType.choices), required=False)
    court = forms.CharField(label=_("Court contains"), max_length=200, required=False)
    number = DigitsField(label=_("Case number"), max_length=40, required=False)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=None, required=False, empty_label=_("any")
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=_any(LegalCase.Status.choices), required=False
    )
    our_role = forms.ChoiceField(
        label=_("Our side"),
        choices=_any(
            [
                (LegalCase.OurRole.PETITIONER, _("Petitioner (we brought the case)")),
                (LegalCase.OurRole.RESPONDENT, _("Respondent (the case is against us)")),
            ]
        ),
        required=False,
    )
    next_from = LocalDateField(label=_("Next date from"), required=False)
    next_to = LocalDateField(label=_("Next date to"), required=False)
    members_accused = forms.BooleanField(label=_("Members accused"), required=False)
    mine = forms.BooleanField(
        label=_("My cases"),
        required=False,
        help_text=_("Cases I am reminded of or am a lawyer on."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        district = self.fields["district"]
        district.queryset = case_district_list(user=user)
        district.label_from_instance = _area_label
        district.widget.attrs["data-typeahead"] = ""

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for `case_list` from the filters that were filled in and valid."""
        if not self.is_valid() and not hasattr(self, "cleaned_data"):
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


def _area_label(area: Any) -> str:
    """The reader's language first, the other after it, so a type-ahead finds either."""
    first, second = area.name_en, area.name_bn
    if (get_language() or "").startswith("bn") and area.name_bn:
        first, second = area.name_bn, area.name_en
    return f"{first} ({second})" if second and second != first else first


class CaseWriteForm(forms.Form):
    """A write on the case page. It carries the case's version and the status and outcome the
    page showed, so a save made from a stale page is refused with what changed."""

    version = VersionField()
    seen_status = forms.CharField(widget=forms.HiddenInput, required=False)
    seen_outcome = forms.CharField(widget=forms.HiddenInput, required=False)

    # Fields a service names in its errors -> the field of this form that shows them.
    service_fields: ClassVar[dict[str, str]] = {}
    prefix_name: ClassVar[str] = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix=self.prefix_name, **kwargs)

    def concurrency(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "seen": {"status": data["seen_status"], "outcome": data["seen_outcome"]},
        }

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error, renamed=self.service_fields)


class HearingScheduleForm(CaseWriteForm):
    prefix_name = "schedule"
    service_fields = {"scheduled_on": "on", "fixed_on": "on"}

    on = LocalDateField(label=_("Date"))
    purpose = forms.CharField(label=_("Purpose"), max_length=200)


class HearingHeldForm(CaseWriteForm):
    prefix_name = "held"

    note = forms.CharField(label=_("What happened"), widget=_NOTE, required=False)


class HearingAdjournForm(CaseWriteForm):
    prefix_name = "adjourn"

    next_on = LocalDateField(label=_("Next date"))
    purpose = forms.CharField(label=_("Purpose of the next date"), max_length=200)
    note = forms.CharField(label=_("Why adjourned"), widget=_NOTE, required=False)


class HearingMoveForm(CaseWriteForm):
    prefix_name = "move"

    new_on = LocalDateField(label=_("New date"))


class InterimOrderForm(CaseWriteForm):
    prefix_name = "order"

    kind = forms.ChoiceField(label=_("Order"), choices=InterimOrder.Kind.choices)
    made_on = LocalDateField(label=_("Made on"))
    in_force_from = LocalDateField(
        label=_("In force from"), required=False, help_text=_("Empty: the day it was made.")
    )
    in_force_until = LocalDateField(
        label=_("In force until"), required=False, help_text=_("Empty: until further orders.")
    )
    text = forms.CharField(label=_("Text of the order"), widget=_NOTE, required=False)


class JudgmentForm(CaseWriteForm):
    prefix_name = "judgment"
    service_fields = {"happened_on": "on"}

    on = LocalDateField(label=_("Judgment delivered on"))
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[c for c in LegalCase.Outcome.choices if c[0] != LegalCase.Outcome.NONE],
    )
    note = forms.CharField(label=_("Note"), widget=_NOTE, required=False)


# The form that records each action on the case page.
_ACTION_FORMS: dict[CaseAction, type[CaseWriteForm]] = {
    CaseAction.HEARING_SCHEDULE: HearingScheduleForm,
    CaseAction.HEARING_HELD: HearingHeldForm,
    CaseAction.HEARING_ADJOURN: HearingAdjournForm,
    CaseAction.HEARING_MOVE: HearingMoveForm,
    CaseAction.ORDER_RECORD: InterimOrderForm,
    CaseAction.JUDGMENT_RECORD: JudgmentForm,
}


def forms_shown(detail: CaseDetail) -> set[str]:
    """The prefixes of the write forms the case page offers: one per `case_next_actions`."""
    scheduled_on = detail.scheduled.scheduled_on if detail.scheduled else None
    actions = case_next_actions(case=detail.case, next_hearing_on=scheduled_on, today=detail.today)
    return {_ACTION_FORMS[action].prefix_name for action in actions}
