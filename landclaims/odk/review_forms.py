"""The review page's forms: a fix form with one field per answer in the problems, and the
reject form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from landclaims.claims.models import Claim
from landclaims.core.forms import LocalDateField
from landclaims.groups.models import LandlessGroup
from landclaims.odk import review
from landclaims.odk.applying import (
    CONFIRM_NEW_GROUP,
    CONFIRM_OVERLAP,
    DUPLICATE_GROUP,
    OVERLAPS_PARCEL,
)
from landclaims.odk.models import Submission
from landclaims.odk.review import merged_answers
from landclaims.training.models import TrainingEvent

# Answers a reviewer picks from the records they see, by the phone's choice list.
_RECORD_LISTS: dict[str, Callable[[Any], QuerySet[Any]]] = {
    "villages.csv": review.villages_for,
    "mouzas.csv": review.mouzas_for,
    "groups.csv": LandlessGroup.objects.visible_to,
    "claims.csv": Claim.objects.visible_to,
    "hearings.csv": review.hearings_pending_for,
    "trainings.csv": TrainingEvent.objects.visible_to,
}
_MOST_OFFERED = 300
# A problem a reviewer may accept as it is, and the box that says so.
_CONFIRMATIONS = {
    DUPLICATE_GROUP: (CONFIRM_NEW_GROUP, _("It is a different group: create it anyway")),
    OVERLAPS_PARCEL: (CONFIRM_OVERLAP, _("It is different land: record it anyway")),
}


class FixForm(forms.Form):
    """One field per answer the problems name, filled with the answer as it stands."""

    prefix = "fix"

    def __init__(self, *args: Any, submission: Submission, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.submission, self.user = submission, user
        answers = merged_answers(submission)
        for key in _problem_fields(submission):
            name = "boundary_how" if key == "boundary" else key
            self.fields[name] = self._field(name, _answer(answers, name))
        for problem in submission.problems or []:
            confirmation = _CONFIRMATIONS.get(problem.get("message", ""))
            if confirmation is not None:
                name, label = confirmation
                self.fields[name] = forms.BooleanField(label=label, required=False)

    def _field(self, key: str, value: str) -> forms.Field:
        """A field like the phone's question: a choice list's records, a select_one's
        choices, a date; a photo that did not arrive may be left out."""
        found = review.question(self.submission.form_id, key)
        label = review.question_label(self.submission.form_id, key)
        if found is not None and found.kind == "image":
            return forms.BooleanField(
                label=_("Leave this photo out and apply the rest"), required=False
            )
        if found is not None and found.list_file in _RECORD_LISTS:
            return self._record_choice(found.list_file, label, value)
        if found is not None and found.choices:
            choices = [("", "—"), *found.options()]
            return forms.ChoiceField(label=label, choices=choices, initial=value, required=False)
        if found is not None and found.kind == "date":
            return LocalDateField(label=label, initial=_iso_date(value), required=False)
        return forms.CharField(label=label, initial=value, required=False)

    def _record_choice(self, list_file: str, label: str, value: str) -> forms.Field:
        records = _RECORD_LISTS[list_file](self.user)[:_MOST_OFFERED]
        shown = review.RECORDS_SHOWN[list_file]
        choices = [("", "—"), *((str(r.pk), shown(str(r.pk), self.user)) for r in records)]
        return forms.ChoiceField(label=label, choices=choices, initial=value, required=False)

    def corrections(self) -> dict[str, str]:
        """The answers as corrected, in the text formats the phone sends."""
        corrections: dict[str, str] = {}
        for name, value in self.cleaned_data.items():
            if name in (CONFIRM_NEW_GROUP, CONFIRM_OVERLAP):
                corrections[name] = "yes" if value else ""
            elif name.endswith(".photo"):
                if value:
                    corrections[name] = ""
            elif isinstance(value, date):
                corrections[name] = value.isoformat()
            else:
                corrections[name] = "" if value is None else str(value).strip()
        return corrections


class RejectForm(forms.Form):
    prefix = "reject"

    note = forms.CharField(
        label=_("Why it is rejected"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


def _problem_fields(submission: Submission) -> list[str]:
    fields = []
    for problem in submission.problems or []:
        key = problem.get("field", "")
        if key and key not in fields:
            fields.append(key)
    return fields


def _answer(answers: dict[str, Any], key: str) -> str:
    parts = key.split(".")
    if len(parts) == 3 and parts[1].isdigit():
        rows = answers.get(parts[0]) or []
        n = int(parts[1])
        row = rows[n - 1] if 0 < n <= len(rows) and isinstance(rows[n - 1], dict) else {}
        return str(row.get(parts[2]) or "")
    value = answers.get(key)
    return value if isinstance(value, str) else ""


def _iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


class SubmissionFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    form = forms.ChoiceField(label=_("Form"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("any")), *Submission.Status.choices]
        self.fields["form"].choices = [
            ("", _("any")),
            *((form_id, review.form_title(form_id)) for form_id in review.forms_reviewed_by(user)),
        ]

    def filters(self) -> dict[str, str]:
        data = self.cleaned_data if self.is_valid() else {}
        return {"status": data.get("status", ""), "form_id": data.get("form", "")}
