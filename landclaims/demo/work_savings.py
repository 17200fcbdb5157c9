"""Demo savings: several months of weekly meetings, through the savings services (by=None).

ALRD's partner groups save a handful of rice twice a day and sell it among themselves at
their Friday meeting (55-70 taka a kg); Nijera Kori's groups save cash. Each organisation's
first saving group takes money out once for a collective investment, and one rice entry is
corrected (its weight was misread)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from landclaims.core.models import Organisation
from landclaims.groups.models import LandlessGroup
from landclaims.savings.services import (
    EntryInput,
    rice_value_poisha,
    savings_entry_correct,
    savings_meeting_record,
)

WEEKS = 20
GROUPS_PER_ORGANISATION = 12
FRIDAY = 4
DECISIONS = (
    "চাল বিক্রির টাকা সমিতির তহবিলে জমা থাকবে।",
    "আগামী মাসে যৌথ সবজি চাষের বীজ কেনা হবে।",
    "সঞ্চয়ের হিসাব পরের সভায় সবাইকে পড়ে শোনানো হবে।",
    "অসুস্থ সদস্যের চিকিৎসার জন্য তহবিল থেকে সাহায্য দেওয়া হবে কিনা, পরের সভায় ঠিক হবে।",
    "",
    "",
)
INVESTMENTS = {
    "alrd-partners": "যৌথভাবে এক বিঘা জমি বর্গা নিয়ে ধান চাষ",
    "nijera-kori": "যৌথ মাছ চাষের জন্য পুকুর ইজারা",
}


def seed_savings(organisations: dict[str, Organisation], rng: random.Random, today: date) -> int:
    """Write the demo meetings; returns how many."""
    last = min(today, timezone.localdate())
    last_friday = last - timedelta(days=(last.weekday() - FRIDAY) % 7)
    count = 0
    for slug, organisation in sorted(organisations.items()):
        groups = list(LandlessGroup.objects.filter(organisation=organisation).order_by("pk"))
        chosen = rng.sample(groups, min(GROUPS_PER_ORGANISATION, len(groups)))
        for number, group in enumerate(chosen):
            rice = slug == "alrd-partners"
            invest = INVESTMENTS.get(slug, "") if number == 0 else ""
            count += _group_history(group, rng, last_friday, rice=rice, invest=invest)
    return count


def _group_history(
    group: LandlessGroup, rng: random.Random, last_friday: date, *, rice: bool, invest: str
) -> int:
    balance = 0
    first_entry = None
    for week in range(WEEKS, 0, -1):
        met_on = last_friday - timedelta(weeks=week - 1)
        entry = _collection(rng, rice=rice)
        entries = [entry]
        balance += _value(entry)
        if invest and week == WEEKS // 3:
            # A collective investment of most of what the group had saved.
            amount = balance * 3 // 4
            entries.append(EntryInput(kind="investment", amount_poisha=amount, purpose=invest))
            balance -= amount
        meeting = savings_meeting_record(
            group=group,
            met_on=met_on,
            members_present=_present(group, rng),
            decisions=rng.choice(DECISIONS) if not (invest and week == WEEKS // 3) else invest,
            entries=entries,
            by=None,
        )
        first_entry = first_entry or meeting.entries.order_by("id").first()
    if invest and rice and first_entry is not None:
        # The first Friday's rice was weighed with a wet sack: a kilo less than written.
        savings_entry_correct(
            entry=first_entry,
            rice_kg=first_entry.rice_kg - 1,
            rice_price_poisha_per_kg=first_entry.rice_price_poisha_per_kg,
            reason="ভেজা বস্তা সহ ওজন লেখা হয়েছিল; আসল ওজন এক কেজি কম।",
            by=None,
        )
    return WEEKS


def _collection(rng: random.Random, *, rice: bool) -> EntryInput:
    if rice:
        kg = Decimal(rng.randint(80, 220)) / 10  # 8-22 kg from a week of handfuls
        price = rng.randint(55, 70) * 100 + rng.choice((0, 50))
        return EntryInput(
            kind="collection", form="rice", rice_kg=kg, rice_price_poisha_per_kg=price
        )
    return EntryInput(kind="collection", amount_poisha=rng.randint(20, 80) * 1000)


def _value(entry: EntryInput) -> int:
    if entry.form == "rice":
        assert entry.rice_kg is not None and entry.rice_price_poisha_per_kg is not None
        return rice_value_poisha(entry.rice_kg, entry.rice_price_poisha_per_kg)
    return entry.amount_poisha or 0


def _present(group: LandlessGroup, rng: random.Random) -> int | None:
    members = group.member_count
    if not members:
        return None
    return rng.randint(max(1, members * 6 // 10), members)
