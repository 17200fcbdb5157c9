"""QuickSelect writes the same <select> as Django's own widget, only faster."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.test.html import parse_html

from landclaims.core.forms import QuickSelect, SearchLabel, SearchSelect
from landclaims.places.models import AdminArea

pytestmark = pytest.mark.django_db

CHOICES = [
    ("", "any"),
    ("a", "Dhaka / ঢাকা"),
    ("b", 'Tom & "Jerry" <b>'),
    ("Group", [("c", "Char"), ("d", "Diara")]),
]


def rendered(field: forms.Field, value: Any) -> str:
    form_class = type("F", (forms.Form,), {"x": field})
    return str(form_class({"x": value})["x"])


@pytest.mark.parametrize("chosen", ["", "a", "b", "d", "not-a-choice"])
def test_the_markup_matches_djangos_select(chosen) -> None:
    django_html = rendered(forms.ChoiceField(choices=CHOICES, required=False), chosen)
    quick = forms.ChoiceField(choices=CHOICES, required=False, widget=QuickSelect)
    assert parse_html(rendered(quick, chosen)) == parse_html(django_html)


def test_names_are_escaped_not_trusted() -> None:
    html = rendered(forms.ChoiceField(choices=CHOICES, widget=QuickSelect), "b")
    assert "Tom &amp; &quot;Jerry&quot; &lt;b&gt;" in html
    assert "<b>" not in html


def test_a_model_choice_field_selects_the_chosen_area(places) -> None:
    areas = AdminArea.objects.order_by("path")
    chosen = places.union_a.pk
    quick_html = rendered(forms.ModelChoiceField(queryset=areas, widget=QuickSelect), chosen)
    # Django's Select, its options carrying the other script's name as QuickSelect does.
    django_html = rendered(forms.ModelChoiceField(queryset=areas, widget=SearchSelect), chosen)
    assert parse_html(quick_html) == parse_html(django_html)
    assert (
        f'<option value="{chosen}" selected data-search="{places.union_a.name_bn}">' in quick_html
    )


def test_a_record_option_is_also_found_by_its_other_scripts_name(places) -> None:
    upazila = places.union_a.parent  # "Tangail Sadar" / "সদর"
    field = forms.ModelChoiceField(queryset=AdminArea.objects.filter(pk=upazila.pk))
    field.label_from_instance = lambda area: area.name_en
    field.widget = QuickSelect(choices=field.choices)
    html = rendered(field, "")
    assert f'<option value="{upazila.pk}" data-search="সদর">Tangail Sadar</option>' in html


def test_a_label_may_carry_its_own_search_words() -> None:
    choices = [("t", SearchLabel("টাঙ্গাইল", search="Tangail"))]
    html = rendered(forms.ChoiceField(choices=choices, widget=QuickSelect), "t")
    assert '<option value="t" selected data-search="Tangail">টাঙ্গাইল</option>' in html
