"""Forms of the savings pages: recording a meeting's collection on a phone, correcting an
entry, and a meeting's attendance and decisions. Amounts are typed in taka with paisa (Bengali
digits accepted) and handed to the services as whole poisha."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from landclaims.core.forms import (
    LocalDateField,
    LocalDecimalField,
    LocalIntegerField,
    VersionField,
    add_service_errors,
)
from landclaims.core.money import poisha_from_taka
from landclaims.groups.models import LandlessGroup
from landclaims.savings.models import SavingsEntry, SavingsMeeting
from landclaims.savings.services import EntryInput

_TEXT = forms.Textarea(attrs={"rows": 3})
# The group's meeting day as Python's weekday number (Monday 0).
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def last_meeting_day(group: LandlessGroup, today: date | None = None) -> date:
    """The group's latest meeting day up to today (last Friday for a Friday group), else
    today: the date a person recording a meeting most likely means."""
    today = today or timezone.localdate()
    weekday = WEEKDAYS.get(group.meeting_day)
    if weekday is None:
        return today
    return today - timedelta(days=(today.weekday() - weekday) % 7)


class TakaField(LocalDecimalField):
    """An amount in taka with up to two places of paisa (১২৫০.৫০ or 1,250.50)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal(0))
        super().__init__(**kwargs)


def to_poisha(taka: Decimal | None) -> int | None:
    # TakaField has already refused what poisha_from_taka would (negatives, a third decimal).
    return None if taka is None else poisha_from_taka(taka, field="taka")


def _kg_field(**kwargs: Any) -> LocalDecimalField:
    return LocalDecimalField(
        max_digits=9, decimal_places=3, min_value=Decimal(0), required=False, **kwargs
    )


# The services' field names and the forms' fields that carry them.
RENAMED = {
    "amount_poisha": "use_taka",
    "rice_price_poisha_per_kg": "rice_price_taka",
    "kind": "use_kind",
}


class SavingsMeetingForm(forms.Form):
    """What a group collected, used and decided at one meeting (/groups/<id>/savings/new/)."""

    met_on = LocalDateField(label=_("Meeting date"))
    members_present = LocalIntegerField(label=_("Members present"), min_value=0, required=False)
    cash_taka = TakaField(label=_("Cash collected (taka)"), required=False)
    rice_kg = _kg_field(label=_("Rice collected (kg)"))
    rice_price_taka = TakaField(
        label=_("Price the rice sold at (taka per kg)"),
        required=False,
        help_text=_("The rice is sold among the members; its value goes into the savings."),
    )
    use_kind = forms.ChoiceField(
        label=_("Money taken out"),
        required=False,
        choices=[
            ("", _("none")),
            (SavingsEntry.Kind.INVESTMENT, _("Collective investment")),
            (SavingsEntry.Kind.WITHDRAWAL, _("Withdrawal")),
        ],
    )
    use_taka = TakaField(label=_("Amount taken out (taka)"), required=False)
    purpose = forms.CharField(label=_("Purpose"), max_length=300, required=False)
    decisions = forms.CharField(
        label=_("Decisions on the use of savings"), required=False, widget=_TEXT
    )

    def __init__(self, *args: Any, group: LandlessGroup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["met_on"].initial = last_meeting_day(group)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kg, price = data.get("rice_kg"), data.get("rice_price_taka")
        if kg and not price:
            self.add_error("rice_price_taka", _("Give the price per kg the rice sold at."))
        if price and not kg:
            self.add_error("rice_kg", _("Give the rice's weight in kg."))
        if data.get("use_taka") and not data.get("use_kind"):
            self.add_error("use_kind", _("Say whether it is an investment or a withdrawal."))
        if data.get("use_kind") and not data.get("use_taka"):
            self.add_error("use_taka", _("Give the amount taken out."))
        return data

    def entries(self) -> list[EntryInput]:
        data = self.cleaned_data
        entries = []
        if data.get("cash_taka"):
            entries.append(
                EntryInput(kind="collection", amount_poisha=to_poisha(data["cash_taka"]))
            )
        if data.get("rice_kg"):
            entries.append(
                EntryInput(
                    kind="collection",
                    form="rice",
                    rice_kg=data["rice_kg"],
                    rice_price_poisha_per_kg=to_poisha(data["rice_price_taka"]),
                )
            )
        if data.get("use_kind"):
            entries.append(
                EntryInput(
                    kind=data["use_kind"],
                    amount_poisha=to_poisha(data["use_taka"]),
                    purpose=data.get("purpose", ""),
                )
            )
        return entries

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "met_on": data["met_on"],
            "members_present": data.get("members_present"),
            "decisions": data.get("decisions", ""),
            "entries": self.entries(),
        }

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error, renamed=RENAMED)


class SavingsCorrectionForm(forms.Form):
    """What an entry should have been, and why (/groups/<id>/savings/entries/<id>/correct/)."""

    amount_taka = TakaField(
        label=_("Right amount (taka)"),
        required=False,
        help_text=_("0 if the entry should not have been recorded."),
    )
    rice_kg = _kg_field(
        label=_("Right weight of rice (kg)"),
        help_text=_("0 if the entry should not have been recorded."),
    )
    rice_price_taka = TakaField(label=_("Right price (taka per kg)"), required=False)
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500)

    def __init__(self, *args: Any, entry: SavingsEntry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entry = entry
        if entry.form == SavingsEntry.Form.RICE:
            del self.fields["amount_taka"]
            self.fields["rice_kg"].required = True
            self.fields["rice_price_taka"].initial = (
                Decimal(entry.rice_price_poisha_per_kg or 0) / 100
            )
        else:
            self.fields["amount_taka"].required = True
            del self.fields["rice_kg"], self.fields["rice_price_taka"]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        reason = data["reason"]
        if "amount_taka" in data:
            return {"amount_poisha": to_poisha(data["amount_taka"]), "reason": reason}
        if data["rice_kg"] == 0:
            return {"amount_poisha": 0, "reason": reason}
        return {
            "rice_kg": data["rice_kg"],
            "rice_price_poisha_per_kg": to_poisha(data.get("rice_price_taka")),
            "reason": reason,
        }

    def add_service_error(self, error: ValidationError) -> None:
        renamed = {
            "amount_poisha": "amount_taka" if "amount_taka" in self.fields else "rice_kg",
            "rice_price_poisha_per_kg": "rice_price_taka",
            "note": "reason",
        }
        add_service_errors(self, error, renamed=renamed)


class SavingsMeetingEditForm(forms.Form):
    """A meeting's attendance and decisions, with the version it was loaded at."""

    members_present = LocalIntegerField(label=_("Members present"), min_value=0, required=False)
    decisions = forms.CharField(
        label=_("Decisions on the use of savings"), required=False, widget=_TEXT
    )
    version = VersionField()

    def __init__(self, *args: Any, meeting: SavingsMeeting, **kwargs: Any) -> None:
        initial = {
            "members_present": meeting.members_present,
            "decisions": meeting.decisions,
            "version": meeting.version,
        }
        super().__init__(*args, initial=initial, **kwargs)

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in ("members_present", "decisions")}

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)
