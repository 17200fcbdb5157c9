"""Writes for group savings.

A meeting is recorded with its entries in one go (all or nothing). An entry is never changed
nor removed (the database refuses it, see models.py): a mistake is put right by a
correction, a new entry naming the entry it corrects, the reason, and the right amount.

How corrections work, decided here once:
- a correction always names an original entry (never another correction), and states what
  the original should have been (the right cash amount, or the right rice weight and price);
  its change to the balance is the difference from what the original counts for now;
- an entry may be corrected several times (each time against its current value), down to
  zero (the entry should not have been recorded); a correction that changes nothing is
  refused;
- the correction sits in the ledger at the original's meeting, so monthly totals and the
  running balance stay true to the date the money moved.

Money is integer poisha (1 taka = 100 poisha); rice is valued at round(kg times price per kg),
half up, computed with Decimal.

No write may take the group's running balance below zero, at its own date or at any later
one: savings cannot pay out money the group did not have then.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from landclaims.core.concurrency import bump_version, check_version
from landclaims.core.permissions import GROUP_WORK_WRITERS, require_writer
from landclaims.core.updates import apply_changes
from landclaims.core.validation import check_event_date
from landclaims.groups.models import LandlessGroup
from landclaims.savings.models import SavingsEntry, SavingsMeeting

Kind = SavingsEntry.Kind
Form = SavingsEntry.Form

# What a meeting may record; corrections go through savings_entry_correct.
NEW_ENTRY_KINDS = (Kind.COLLECTION, Kind.WITHDRAWAL, Kind.INVESTMENT)
USES = (Kind.WITHDRAWAL, Kind.INVESTMENT)
MEETING_EDITABLE = ("members_present", "decisions")


@dataclass(frozen=True)
class EntryInput:
    """One entry to record: cash as `amount_poisha` (positive: the kind gives the sign), or
    rice as its weight and the price per kg it sold at."""

    kind: str
    form: str = Form.CASH
    amount_poisha: int | None = None
    rice_kg: Decimal | None = None
    rice_price_poisha_per_kg: int | None = None
    purpose: str = ""
    note: str = ""


def rice_value_poisha(kg: Decimal, price_poisha_per_kg: int) -> int:
    """What rice sold for, in whole poisha: kg times price, rounded half up (never a float)."""
    value = Decimal(kg) * Decimal(price_poisha_per_kg)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@transaction.atomic
def savings_meeting_record(
    *,
    group: LandlessGroup,
    met_on: date,
    members_present: int | None = None,
    decisions: str = "",
    entries: Sequence[EntryInput] = (),
    by: Any,
) -> SavingsMeeting:
    """A group's meeting with what it collected, withdrew or invested, and what it decided."""
    require_writer(by, GROUP_WORK_WRITERS)
    group = _locked_group(group, by)
    check_event_date(met_on, previous=None, field="met_on")
    if SavingsMeeting.objects.filter(group=group, met_on=met_on).exists():
        raise ValidationError(
            {"met_on": _("This group's meeting of that day is already recorded.")}
        )
    _check_members_present(group, members_present)
    meeting = SavingsMeeting(
        group=group,
        met_on=met_on,
        members_present=members_present,
        decisions=decisions.strip(),
        recorded_by=by,
    )
    meeting.full_clean()
    meeting.save()
    for entry in entries:
        _add(meeting, entry, by)
    return meeting


@transaction.atomic
def savings_meeting_update(
    *,
    meeting: SavingsMeeting,
    by: Any,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> SavingsMeeting:
    """Correct a meeting's attendance or decisions (its entries are corrected one by one)."""
    require_writer(by, GROUP_WORK_WRITERS)
    meeting = _locked_meeting(meeting, by)
    check_version(meeting, expected=expected_version, seen=seen)
    changes = dict(changes)
    if "members_present" in changes:
        _check_members_present(meeting.group, changes["members_present"])
    if "decisions" in changes:
        changes["decisions"] = (changes["decisions"] or "").strip()
    bump_version(meeting)
    return apply_changes(meeting, changes, editable=MEETING_EDITABLE)


@transaction.atomic
def savings_entry_add(
    *,
    meeting: SavingsMeeting,
    kind: str,
    form: str = Form.CASH,
    amount_poisha: int | None = None,
    rice_kg: Decimal | None = None,
    rice_price_poisha_per_kg: int | None = None,
    purpose: str = "",
    note: str = "",
    by: Any,
) -> SavingsEntry:
    """Add a collection, withdrawal or collective investment to a recorded meeting."""
    require_writer(by, GROUP_WORK_WRITERS)
    meeting = _locked_meeting(meeting, by)
    entry = EntryInput(
        kind=kind,
        form=form,
        amount_poisha=amount_poisha,
        rice_kg=rice_kg,
        rice_price_poisha_per_kg=rice_price_poisha_per_kg,
        purpose=purpose,
        note=note,
    )
    return _add(meeting, entry, by)


@transaction.atomic
def savings_entry_correct(
    *,
    entry: SavingsEntry,
    reason: str,
    amount_poisha: int | None = None,
    rice_kg: Decimal | None = None,
    rice_price_poisha_per_kg: int | None = None,
    by: Any,
) -> SavingsEntry:
    """Put an entry right with a new entry: what it should have been (cash as
    `amount_poisha`, zero for an entry that should not have been recorded; rice as weight and
    price, or `amount_poisha=0`) and why. The original stays in the ledger, marked corrected."""
    require_writer(by, GROUP_WORK_WRITERS)
    entry = _visible_entry(entry, by)
    meeting = _locked_meeting(entry.meeting, by)
    if entry.kind == Kind.CORRECTION:
        raise ValidationError(
            {"corrects": _("This is a correction already; correct the original entry instead.")}
        )
    if not reason.strip():
        raise ValidationError({"note": _("Say why the entry is corrected.")})
    right = _right_value(entry, amount_poisha, rice_kg, rice_price_poisha_per_kg)
    change = right - _current_value(entry)
    if change == 0:
        raise ValidationError(
            {"amount_poisha": _("The entry already counts for this amount; nothing to correct.")}
        )
    rice = entry.form == Form.RICE and right != 0
    correction = SavingsEntry(
        meeting=meeting,
        kind=Kind.CORRECTION,
        form=Form.RICE if rice else Form.CASH,
        change_poisha=change,
        rice_kg=rice_kg if rice else None,
        rice_price_poisha_per_kg=rice_price_poisha_per_kg if rice else None,
        corrects=entry,
        note=reason.strip(),
        recorded_by=by,
    )
    _check_balance(meeting, change, field="amount_poisha")
    correction.full_clean()
    correction.save()
    return correction


def _right_value(
    entry: SavingsEntry,
    amount_poisha: int | None,
    rice_kg: Decimal | None,
    rice_price_poisha_per_kg: int | None,
) -> int:
    """The signed change the original should have made (its kind gives the sign)."""
    if entry.form == Form.RICE and amount_poisha != 0:
        _check_rice(rice_kg, rice_price_poisha_per_kg)
        assert rice_kg is not None and rice_price_poisha_per_kg is not None
        value = rice_value_poisha(rice_kg, rice_price_poisha_per_kg)
    else:
        if amount_poisha is None or amount_poisha < 0:
            raise ValidationError(
                {"amount_poisha": _("Give the right amount in taka (0 if there was none).")}
            )
        value = amount_poisha
    return -value if entry.kind in USES else value


def _current_value(entry: SavingsEntry) -> int:
    """What the original counts for now: its own change and all its corrections."""
    corrections = SavingsEntry.objects.filter(corrects=entry).values_list(
        "change_poisha", flat=True
    )
    return entry.change_poisha + sum(corrections)


def _add(meeting: SavingsMeeting, entry: EntryInput, by: Any) -> SavingsEntry:
    if entry.kind not in NEW_ENTRY_KINDS:
        raise ValidationError(
            {"kind": _("Choose a collection, a withdrawal or a collective investment.")}
        )
    value = _entry_value(entry)
    change = -value if entry.kind in USES else value
    if entry.kind in USES:
        if not entry.purpose.strip():
            raise ValidationError({"purpose": _("Say what the money is used for.")})
        _check_balance(meeting, change, field="amount_poisha")
    rice = entry.form == Form.RICE
    row = SavingsEntry(
        meeting=meeting,
        kind=entry.kind,
        form=entry.form,
        change_poisha=change,
        rice_kg=entry.rice_kg if rice else None,
        rice_price_poisha_per_kg=entry.rice_price_poisha_per_kg if rice else None,
        purpose=entry.purpose.strip(),
        note=entry.note.strip(),
        recorded_by=by,
    )
    row.full_clean()
    row.save()
    return row


def _entry_value(entry: EntryInput) -> int:
    """The entry's amount in poisha, positive; rice only for collections (the group sells the
    rice it saves among its members; what it spends is cash)."""
    if entry.form == Form.RICE:
        if entry.kind != Kind.COLLECTION:
            raise ValidationError({"form": _("Only collections are saved as rice.")})
        _check_rice(entry.rice_kg, entry.rice_price_poisha_per_kg)
        assert entry.rice_kg is not None and entry.rice_price_poisha_per_kg is not None
        value = rice_value_poisha(entry.rice_kg, entry.rice_price_poisha_per_kg)
        if value <= 0:
            raise ValidationError({"rice_kg": _("The rice is worth less than one poisha.")})
        return value
    if entry.form != Form.CASH:
        raise ValidationError({"form": _("Choose cash or rice.")})
    if entry.amount_poisha is None or entry.amount_poisha <= 0:
        raise ValidationError({"amount_poisha": _("Give an amount of more than zero taka.")})
    return entry.amount_poisha


def _check_rice(kg: Decimal | None, price: int | None) -> None:
    if kg is None or kg <= 0:
        raise ValidationError({"rice_kg": _("Give the rice's weight in kg, more than zero.")})
    if price is None or price <= 0:
        raise ValidationError(
            {"rice_price_poisha_per_kg": _("Give the price per kg the rice sold at.")}
        )


def _check_members_present(group: LandlessGroup, present: int | None) -> None:
    if present is None:
        return
    if present < 0:
        raise ValidationError({"members_present": _("Give a number of zero or more.")})
    if group.member_count and present > group.member_count:
        raise ValidationError(
            {
                "members_present": _("The group has %(n)s members; more cannot be present.")
                % {"n": group.member_count}
            }
        )


def _check_balance(meeting: SavingsMeeting, change: int, *, field: str) -> None:
    """A negative change may not take the running balance below zero at the meeting's date
    nor at any later date (a back-dated withdrawal spends money later entries relied on)."""
    if change >= 0:
        return
    rows = (
        SavingsEntry.objects.filter(meeting__group_id=meeting.group_id)
        .order_by("meeting__met_on", "id")
        .values_list("meeting__met_on", "change_poisha")
    )
    balance = 0
    lowest: int | None = None  # the lowest balance from this entry's place in the ledger on
    for met_on, amount in rows:
        balance += amount
        if met_on > meeting.met_on:
            lowest = balance if lowest is None else min(lowest, balance)
    at_entry = sum(amount for met_on, amount in rows if met_on <= meeting.met_on)
    lowest = at_entry if lowest is None else min(lowest, at_entry)
    if lowest + change < 0:
        raise ValidationError(
            {
                field: _(
                    "This would take the group's savings below zero: the balance is "
                    "%(balance)s taka (at its lowest from that meeting on)."
                )
                % {"balance": taka_text(lowest)}
            }
        )


def taka_text(poisha: int) -> str:
    """Poisha as taka with paisa, for messages: 1234.50."""
    sign = "-" if poisha < 0 else ""
    whole, paisa = divmod(abs(poisha), 100)
    return f"{sign}{whole}.{paisa:02d}"


def _locked_group(group: LandlessGroup, by: Any) -> LandlessGroup:
    """The group, locked so that two writes to its ledger check the balance one after the
    other; refused when `by` may not see it."""
    groups = LandlessGroup.objects.all() if by is None else LandlessGroup.objects.visible_to(by)
    try:
        return groups.select_for_update().get(pk=group.pk)
    except LandlessGroup.DoesNotExist:
        raise ValidationError(
            {"group": _("This group is not one you work with (another organisation or district).")}
        ) from None


def _locked_meeting(meeting: SavingsMeeting, by: Any) -> SavingsMeeting:
    meetings = SavingsMeeting.objects.all() if by is None else SavingsMeeting.objects.visible_to(by)
    if not meetings.filter(pk=meeting.pk).exists():
        raise ValidationError({"meeting": _("This meeting is of a group you do not work with.")})
    _locked_group(meeting.group, by)
    return SavingsMeeting.objects.select_for_update().select_related("group").get(pk=meeting.pk)


def _visible_entry(entry: SavingsEntry, by: Any) -> SavingsEntry:
    entries = SavingsEntry.objects.all() if by is None else SavingsEntry.objects.visible_to(by)
    try:
        return entries.select_related("meeting__group").get(pk=entry.pk)
    except SavingsEntry.DoesNotExist:
        raise ValidationError(
            {"corrects": _("This entry is of a group you do not work with.")}
        ) from None
