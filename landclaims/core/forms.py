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
from django.utils.translation import gettext_lazy as _

from landclaims.core.display import unit_choices
from landclaims.core.models import Preference
from landclaims.core.text import ascii_digits, bengali_digits


class DigitsField(forms.CharField):
    """Text whose digits may be typed in Bengali; stored with ASCII digits."""

    def to_python(self, value: Any) -> str:
        return ascii_digits(super().to_python(value))


def _bangla_page() -> bool:
    return (get_language() or "").startswith("bn")


class LocalDateInput(forms.DateInput):
    """A date as dd/mm/yyyy, in Bengali digits on Bangla pages, with a calendar beside it
    (static/js/datepicker.js enhances every input carrying data-datepicker; the button's
    and the calendar's names come from the data-picker-* attributes, in the page's
    language)."""

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        defaults = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "data-datepicker": "",
            "data-picker-open": _("Choose a date from a calendar"),
            "data-picker-dialog": _("Calendar"),
            "data-picker-previous": _("Previous month"),
            "data-picker-next": _("Next month"),
            "data-picker-close": _("Close the calendar"),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=format or "%d/%m/%Y")

    def format_value(self, value: Any) -> str | None:
        text = super().format_value(value)
        if text and not isinstance(value, str) and _bangla_page():
            return bengali_digits(text)
        return text


class LocalDateField(forms.DateField):
    """A date typed as 2024-05-12, 12/05/2024 or ১২/০৫/২০২৪ (day first, as in Bangladesh)."""

    input_formats = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
    widget = LocalDateInput

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = ascii_digits(value)
        return super().to_python(value)


class SearchLabel(str):
    """An option's label that also carries words to search it by (the other script's name):
    QuickSelect writes them as the option's data-search, which the type-ahead searches."""

    search: str

    def __new__(cls, label: str, search: str = "") -> SearchLabel:
        made = super().__new__(cls, label)
        made.search = search
        return made


# The name fields whose other-script spelling an option is also found by.
NAME_FIELDS = ("name_en", "name_bn", "name")


def other_names(instance: Any, label: str) -> str:
    """The names of `instance` (English and Bengali) that its label does not already show."""
    names = [getattr(instance, field, "") or "" for field in NAME_FIELDS]
    return " ".join(dict.fromkeys(n for n in names if isinstance(n, str) and n and n not in label))


def option_search(value: Any, label: Any) -> str:
    """What an option is also found by in the type-ahead: its label's `search` words, or the
    other names of the record it stands for."""
    search = getattr(label, "search", "")
    instance = getattr(value, "instance", None)  # a ModelChoiceIteratorValue
    if not search and instance is not None:
        search = other_names(instance, str(label))
    return str(search)


class SearchSelect(forms.Select):
    """Django's <select>, its options carrying data-search as QuickSelect writes them: for
    a short list of records (groups, lawyers) rendered through the widget templates."""

    def create_option(self, name: str, value: Any, label: Any, *args: Any, **kwargs: Any) -> Any:
        option = super().create_option(name, value, label, *args, **kwargs)
        search = option_search(value, label)
        if search:
            option["attrs"]["data-search"] = search
        return option


class SearchSelectMultiple(SearchSelect, forms.SelectMultiple):
    """SearchSelect for several choices."""


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
        search = option_search(value, label)
        if search:
            return format_html(
                '<option value="{}"{} data-search="{}">{}</option>', text, chosen, search, label
            )
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
        language = "bn" if _bangla_page() else "en"
        self.fields["area_unit"] = forms.ChoiceField(
            label=self.fields["area_unit"].label,
            choices=unit_choices(local_factors, language),
        )
