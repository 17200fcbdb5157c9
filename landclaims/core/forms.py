"""Form fields shared by the pages: numbers and dates typed in Bengali or ASCII digits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from landclaims.core.text import ascii_digits


class DigitsField(forms.CharField):
    """Text whose digits may be typed in Bengali; stored with ASCII digits."""

    def to_python(self, value: Any) -> str:
        return ascii_digits(super().to_python(value))


class LocalDateField(forms.DateField):
    """A date typed as 2024-05-12, 12/05/2024 or ১২/০৫/২০২৪ (day first, as in Bangladesh)."""

    input_formats = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
    widget = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = ascii_digits(value)
        return super().to_python(value)


class VersionField(forms.IntegerField):
    """The version of the record when the form was loaded (see core/concurrency.py)."""

    widget = forms.HiddenInput


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, *, renamed: Mapping[str, str] | None = None
) -> None:
    """Show a service's refusal beside the field it names (`renamed` maps the service's
    field names to the form's), or at the top of the form when it names none."""
    if not hasattr(error, "error_dict"):  # e.g. an edit conflict: about the whole form
        form.add_error(None, error.messages)
        return
    for name, messages in error.message_dict.items():
        field = (renamed or {}).get(name, name)
        form.add_error(field if field in form.fields else None, messages)
