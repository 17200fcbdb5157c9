"""The demo's mobilisation and watchdog work, written through the action services: sit-ins at
the UNO's and AC Land's offices over claims, human chains after evictions, memoranda to the
DC, shalish attended, and watchdog visits on the VGD, VGF and allowance lists with what they
found and what came of it."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, timedelta

from landclaims.actions.models import Action, SafetyNetCheck
from landclaims.actions.services import action_create, safety_net_check_create
from landclaims.claims.models import Claim
from landclaims.core.models import Organisation
from landclaims.groups.models import LandlessGroup
from landclaims.incidents.models import Incident

# (venue, authority, demands) as the groups write them.
SIT_INS = [
    (
        "উপজেলা নির্বাহী অফিসারের (ইউএনও) কার্যালয়",
        "ইউএনও",
        "খাস জমির বন্দোবস্ত মামলা দ্রুত নিষ্পত্তি ও প্রকৃত ভূমিহীনদের নামে কবুলিয়ত।",
    ),
    (
        "সহকারী কমিশনার (ভূমি) কার্যালয়",
        "সহকারী কমিশনার (ভূমি)",
        "জাল কাগজে দখলকৃত খাস জমি উদ্ধার ও ভূমিহীন যাচাই তালিকা প্রকাশ।",
    ),
]
MEMORANDUM = (
    "জেলা প্রশাসকের কার্যালয়",
    "জেলা প্রশাসক",
    "খাস জমি দখলমুক্ত করা, ভূমিহীনদের উচ্ছেদ বন্ধ ও হামলাকারীদের বিচার।",
)
SHALISH = ("ইউনিয়ন পরিষদ চত্বর", "গ্রাম্য সালিশ", "জমির আইলের বিরোধে ভূমিহীন পরিবারের পক্ষে সাক্ষ্য।")
OUTCOME_NOTES = {
    Action.Outcome.MET: "ইউএনও তদন্ত কমিটি গঠন করেছেন।",
    Action.Outcome.PARTLY_MET: "শুনানির তারিখ দেওয়া হয়েছে, বন্দোবস্তের সিদ্ধান্ত হয়নি।",
    Action.Outcome.NOT_MET: "কর্মকর্তা স্মারকলিপি নিয়েছেন, কোনো পদক্ষেপ নেননি।",
    Action.Outcome.PENDING: "",
}
# (programme, what was checked, irregularity found or "")
CHECKS = [
    (
        SafetyNetCheck.Programme.VGD,
        "ভিজিডি কার্ডধারীদের তালিকা ও চাল বিতরণের খাতা",
        "চেয়ারম্যানের আত্মীয়দের নামে ছয়টি কার্ড; প্রকৃত দুস্থ নারীরা বাদ।",
    ),
    (
        SafetyNetCheck.Programme.VGF,
        "ঈদের আগে ভিজিএফ চাল বিতরণ",
        "প্রতি কার্ডে ১০ কেজির বদলে ৮ কেজি চাল দেওয়া হয়েছে।",
    ),
    (SafetyNetCheck.Programme.OLD_AGE, "বয়স্ক ভাতাভোগীদের তালিকা", ""),
    (
        SafetyNetCheck.Programme.WIDOW,
        "বিধবা ও স্বামী নিগৃহীতা ভাতার তালিকা",
        "তালিকাভুক্ত হতে টাকা চাওয়া হয়েছে; চারজন যোগ্য বিধবা বাদ।",
    ),
]


def seed_actions(organisations: Iterable[Organisation], rng: random.Random, today: date) -> None:
    for organisation in organisations:
        _ActionSeeder(organisation, rng, today).run()


class _ActionSeeder:
    def __init__(self, organisation: Organisation, rng: random.Random, today: date) -> None:
        self.organisation, self.rng, self.today = organisation, rng, today

    def run(self) -> None:
        claims = list(
            Claim.objects.filter(organisation=self.organisation, groups__isnull=False)
            .select_related("district")
            .distinct()
            .order_by("pk")[:40]
        )
        for claim in claims[:12]:
            self._sit_in(claim)
        for claim in claims[12:16]:
            self._on_claim(claim, Action.Kind.MEMORANDUM, MEMORANDUM, place=claim.district)
        for claim in claims[16:19]:
            self._on_claim(claim, Action.Kind.SHALISH, SHALISH)
        self._human_chains()
        groups = list(
            LandlessGroup.objects.filter(organisation=self.organisation)
            .select_related("village__union__district")
            .order_by("pk")[:6]
        )
        for group in groups:
            self._watchdog(group)

    def _day(self, after: date | None = None) -> date:
        if after is not None:  # a few days after what it answers, never past today
            return min(after + timedelta(days=self.rng.randint(2, 10)), self.today)
        return self.today - timedelta(days=self.rng.randint(7, 330))

    def _people(self, group: LandlessGroup) -> dict[str, int]:
        women = self.rng.randint(15, 60)
        if group.sex == LandlessGroup.Sex.WOMEN:
            return {"women": women, "men": self.rng.randint(0, 10)}
        return {"women": self.rng.randint(5, 20), "men": women}

    def _outcome(self) -> dict[str, str]:
        outcome = self.rng.choice(list(Action.Outcome))
        return {"outcome": outcome, "outcome_note": OUTCOME_NOTES[outcome]}

    def _sit_in(self, claim: Claim) -> None:
        venue, authority, demands = self.rng.choice(SIT_INS)
        groups = list(claim.groups.select_related("village__union__parent"))
        action_create(
            organisation=self.organisation,
            kind=Action.Kind.SIT_IN,
            took_place_on=self._day(),
            groups=groups,
            place=groups[0].village.union.parent,  # the upazila, where the offices are
            venue=venue,
            authority=authority,
            demands=demands,
            claims=[claim],
            **self._people(groups[0]),
            **self._outcome(),
        )

    def _on_claim(
        self, claim: Claim, kind: str, words: tuple[str, str, str], **extra: object
    ) -> None:
        venue, authority, demands = words
        groups = list(claim.groups.all())
        action_create(
            organisation=self.organisation,
            kind=kind,
            took_place_on=self._day(),
            groups=groups,
            venue=venue,
            authority=authority,
            demands=demands,
            claims=[claim],
            women=self.rng.randint(3, 8),
            men=self.rng.randint(1, 5),
            **extra,  # type: ignore[arg-type]
            **self._outcome(),
        )

    def _human_chains(self) -> None:
        evictions = Incident.objects.filter(
            organisation=self.organisation, kind=Incident.Kind.EVICTION, claim__isnull=False
        ).select_related("claim")[:4]
        for eviction in evictions:
            assert eviction.claim is not None
            groups = list(eviction.claim.groups.all())
            if not groups:
                continue
            action_create(
                organisation=self.organisation,
                kind=Action.Kind.HUMAN_CHAIN,
                took_place_on=self._day(after=eviction.occurred_on),
                groups=groups,
                venue="উপজেলা সদরের প্রধান সড়ক",
                demands="উচ্ছেদ হওয়া পরিবারদের জমিতে ফেরত ও হামলাকারীদের গ্রেপ্তার।",
                claims=[eviction.claim],
                incidents=[eviction],
                others=self.rng.randint(0, 3),
                **self._people(groups[0]),
                **self._outcome(),
            )

    def _watchdog(self, group: LandlessGroup) -> None:
        union = group.village.union
        visit = action_create(
            organisation=self.organisation,
            kind=Action.Kind.WATCHDOG_VISIT,
            took_place_on=self._day(),
            groups=[group],
            place=union,
            venue="ইউনিয়ন পরিষদ কার্যালয়",
            authority="ইউনিয়ন পরিষদ চেয়ারম্যান",
            women=self.rng.randint(4, 9),
            men=self.rng.randint(0, 3),
        )
        programme, checked, found = self.rng.choice(CHECKS)
        safety_net_check_create(
            organisation=self.organisation,
            union=union,
            programme=programme,
            checked_on=visit.took_place_on,
            checked=checked,
            irregularities_found=bool(found),
            irregularities=found,
            people_wrongly_left_out=self.rng.randint(2, 8) if found else 0,
            action_taken="ইউএনও বরাবর লিখিত অভিযোগ" if found else "",
            outcome=self.rng.choice(["তালিকা পুনরায় যাচাই করা হয়েছে", "এখনো উত্তর আসেনি"])
            if found
            else "তালিকা ঠিক আছে",
            groups=[group],
            action=visit,
        )
