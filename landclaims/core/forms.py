"""Form fields shared by the pages: numbers and dates typed in Bengali or ASCII digits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from landclaims.core.display import unit_choices
from landclaims.core.models import Preference
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


class QuickSelect(forms.Select):
    """A <select> written in Python rather than through a template per option: the same
    markup, choices and selection.

    The area lists (some 1,200 divisions down to unions) cost about two thirds of a
    claims list page through Django's per-option templates, more than all its queries."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        final["class"] = " ".join(filter(None, ["form-select", final.get("class")]))
        if self.allow_multiple_selected:
            final["multiple"] = True
        selected = set(self.format_value(value))
        options = format_html_join(
            "\n", "{}", ((self._option(v, label, selected),) for v, label in self.choices)
        )
        return format_html('<select name="{}"{}>\n{}\n</select>', name, flatatt(final), options)

    def _option(self, value: Any, label: Any, selected: set[str]) -> SafeString:
        if isinstance(label, list | tuple):  # a group of choices
            inner = format_html_join(
                "\n", "{}", ((self._option(v, sub, selected),) for v, sub in label)
            )
            return format_html('<optgroup label="{}">\n{}\n</optgroup>', value, inner)
        text = "" if value is None else str(value)
        chosen = " selected" if text in selected else ""
        return format_html('<option value="{}"{}>{}</option>', text, chosen, label)


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


def _ascii_number(value: Any) -> Any:
    """Bengali digits and the thousands commas people type (১২,৩৪৫) made plain for parsing."""
    if isinstance(value, str):
        return ascii_digits(value).replace(",", "")
    return value


class LocalIntegerField(forms.IntegerField):
    """A whole number typed in Bengali or ASCII digits (a text box: browsers refuse Bengali
    digits in <input type="number">)."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def to_python(self, value: Any) -> Any:
        return super().to_python(_ascii_number(value))


class LocalDecimalField(forms.DecimalField):
    """A decimal number typed in Bengali or ASCII digits."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value: Any) -> Any:
        return super().to_python(_ascii_number(value))


class LocalFloatField(forms.FloatField):
    """A measurement (accuracy in metres) typed in Bengali or ASCII digits."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value: Any) -> Any:
        return super().to_python(_ascii_number(value))


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["language", "area_unit", "bangla_calendar"]

    def __init__(self, *args: Any, local_factors: Mapping[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = "bn" if (get_language() or "").startswith("bn") else "en"
        self.fields["area_unit"] = forms.ChoiceField(
            label=self.fields["area_unit"].label,
            choices=unit_choices(local_factors, language),
        )
