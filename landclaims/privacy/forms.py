"""The purpose a reader states before a member's personal data is shown."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from landclaims.privacy.models import Purpose


class PurposeForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Why do you need this person's details?"),
        choices=[(v, label) for v, label in Purpose.choices if v != Purpose.ADMINISTRATION],
        widget=forms.RadioSelect,
    )
    purpose_note = forms.CharField(label=_("Details"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("purpose") == Purpose.OTHER and not data.get("purpose_note", "").strip():
            self.add_error("purpose_note", _("Say what the other purpose is."))
        return data
