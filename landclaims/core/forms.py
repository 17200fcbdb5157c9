"""Form fields shared by the pages: numbers and dates typed in Bengali or ASCII digits."""

from __future__ import annotations

from typing import Any

from django import forms

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
