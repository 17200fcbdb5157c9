"""Every date field: dd/mm/yyyy, in Bengali digits on Bangla pages, marked for the date
picker (static/js/datepicker.js), and the Bangla calendar date the picker shows beside it."""

from __future__ import annotations

from datetime import date

from django import forms
from django.urls import reverse
from django.utils import translation

from landclaims.core.forms import LocalDateField
from tests.factories import log_in


class DateForm(forms.Form):
    on = LocalDateField(required=False)


def test_a_date_is_shown_day_first_with_the_picker_named() -> None:
    with translation.override("en"):
        html = str(DateForm(initial={"on": date(2026, 12, 6)})["on"])
    assert 'value="06/12/2026"' in html
    assert "data-datepicker" in html and 'data-picker-open="Choose a date from a calendar"' in html


def test_a_bangla_page_shows_the_date_in_bengali_digits_and_reads_it_back() -> None:
    with translation.override("bn"):
        html = str(DateForm(initial={"on": date(2026, 12, 6)})["on"])
        assert 'value="০৬/১২/২০২৬"' in html
        form = DateForm({"on": "০৬/১২/২০২৬"})
        assert form.is_valid() and form.cleaned_data["on"] == date(2026, 12, 6)


def test_what_was_typed_is_kept_as_typed() -> None:
    with translation.override("bn"):
        html = str(DateForm({"on": "31/02/2026"})["on"])
    assert 'value="31/02/2026"' in html


def test_the_bangla_date_of_a_typed_date(client, organiser) -> None:
    log_in(client, organiser)
    url = reverse("bangla_date")
    with translation.override("bn"):
        bengali = client.get(url, {"on": "১৬/১২/২০২৬"}, headers={"accept-language": "bn"})
    assert bengali.json() == {"date": "১ পৌষ ১৪৩৩"}
    english = client.get(url, {"on": "2026-12-16"}, headers={"accept-language": "en"})
    assert english.json() == {"date": "1 Poush 1433"}
    assert client.get(url, {"on": "not a date"}).json() == {"date": ""}
