"""Query parameters of the calendar pages, read with forms so bad input falls back cleanly."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from landclaims.agenda.periods import View
from landclaims.core.forms import LocalDateField

# Dates outside these are typing mistakes, and would overflow the page arithmetic.
EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)


class DateQueryForm(forms.Form):
    date = LocalDateField(required=False)
    mine = forms.BooleanField(label=_("My cases only"), required=False)

    def clean_date(self) -> date | None:
        day = self.cleaned_data.get("date")
        if day is not None and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(_("Choose a date between 1900 and 2200."))
        return day

    def mine_only(self) -> bool:
        """Only the cases the user is reminded of or is a lawyer on."""
        return bool(self._value("mine"))

    def day(self) -> date:
        """The date asked for; today when none (or no valid one) was given."""
        return self._value("date") or timezone.localdate()

    def _value(self, name: str) -> Any:
        # Field by field: a bad date should not also throw away a good view or format.
        self.is_valid()
        return None if name in self.errors else self.cleaned_data.get(name)


class PeriodQueryForm(DateQueryForm):
    view = forms.ChoiceField(
        choices=[(View.DAY, _("Day")), (View.WEEK, _("Week")), (View.MONTH, _("Month"))],
        required=False,
    )

    def period_view(self) -> View:
        return View(self._value("view") or View.WEEK)


class CauseListQueryForm(DateQueryForm):
    format = forms.ChoiceField(
        choices=[("html", "HTML"), ("pdf", "PDF"), ("xlsx", "XLSX")], required=False
    )

    def file_format(self) -> str:
        return self._value("format") or "html"


class TokenActionForm(forms.Form):
    ISSUE = "issue"
    REVOKE = "revoke"

    action = forms.ChoiceField(choices=[(ISSUE, _("Create a new link")), (REVOKE, _("Revoke"))])
