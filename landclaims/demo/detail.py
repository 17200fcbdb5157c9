"""The smaller, richer part of the demo, written through the services like real use:
members, lawyers, court cases with hearings and orders, allocations and incidents."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from landclaims.allocations.models import Allocation
from landclaims.allocations.services import allocation_record
from landclaims.cases import services as case_services
from landclaims.cases.models import CaseParty, CaseType, ForumLevel, Hearing, LegalCase
from landclaims.claims import stages
from landclaims.claims.models import Claim
from landclaims.claims.stages import Possession, Stage
from landclaims.core.models import Organisation
from landclaims.demo.places import read_csv
from landclaims.groups.models import LandlessGroup, Member, PriorityCategory
from landclaims.groups.services import member_create
from landclaims.incidents.models import Incident
from landclaims.incidents.services import incident_record

FORUMS: dict[str, tuple[str, str, str]] = {
    CaseType.WRIT: (
        ForumLevel.HIGH_COURT_DIVISION,
        "High Court Division, Dhaka",
        "হাইকোর্ট বিভাগ, ঢাকা",
    ),
    CaseType.CIVIL_SUIT: (
        ForumLevel.SENIOR_ASSISTANT_JUDGE,
        "Court of Senior Assistant Judge, {d}",
        "সিনিয়র সহকারী জজ আদালত, {d}",
    ),
    CaseType.CIVIL_APPEAL: (
        ForumLevel.DISTRICT_JUDGE,
        "Court of District Judge, {d}",
        "জেলা জজ আদালত, {d}",
    ),
    CaseType.FIRST_APPEAL: (
        ForumLevel.HIGH_COURT_DIVISION,
        "High Court Division, Dhaka",
        "হাইকোর্ট বিভাগ, ঢাকা",
    ),
    CaseType.CIVIL_REVISION: (
        ForumLevel.HIGH_COURT_DIVISION,
        "High Court Division, Dhaka",
        "হাইকোর্ট বিভাগ, ঢাকা",
    ),
    CaseType.APPELLATE_DIVISION: (
        ForumLevel.APPELLATE_DIVISION,
        "Appellate Division, Dhaka",
        "আপিল বিভাগ, ঢাকা",
    ),
    CaseType.LAND_SURVEY_TRIBUNAL: (
        ForumLevel.LAND_SURVEY_TRIBUNAL,
        "Land Survey Tribunal, {d}",
        "ল্যান্ড সার্ভে ট্রাইব্যুনাল, {d}",
    ),
    CaseType.CRIMINAL_GR: (
        ForumLevel.JUDICIAL_MAGISTRATE,
        "Chief Judicial Magistrate Court, {d}",
        "চিফ জুডিশিয়াল ম্যাজিস্ট্রেট আদালত, {d}",
    ),
    CaseType.CRIMINAL_CR: (
        ForumLevel.JUDICIAL_MAGISTRATE,
        "Chief Judicial Magistrate Court, {d}",
        "চিফ জুডিশিয়াল ম্যাজিস্ট্রেট আদালত, {d}",
    ),
    CaseType.CRPC_145: (
        ForumLevel.EXECUTIVE_MAGISTRATE,
        "Court of Additional District Magistrate, {d}",
        "অতিরিক্ত জেলা ম্যাজিস্ট্রেট আদালত, {d}",
    ),
    CaseType.LAND_CRIME_2023: (
        ForumLevel.EXECUTIVE_MAGISTRATE,
        "Executive Magistrate Court, {d}",
        "নির্বাহী ম্যাজিস্ট্রেট আদালত, {d}",
    ),
    CaseType.REVENUE: (
        ForumLevel.REVENUE_OFFICE,
        "Office of the AC (Land), {d}",
        "সহকারী কমিশনার (ভূমি)-এর কার্যালয়, {d}",
    ),
    CaseType.CONTEMPT: (
        ForumLevel.HIGH_COURT_DIVISION,
        "High Court Division, Dhaka",
        "হাইকোর্ট বিভাগ, ঢাকা",
    ),
    CaseType.NHRC_COMPLAINT: (
        ForumLevel.NHRC,
        "National Human Rights Commission",
        "জাতীয় মানবাধিকার কমিশন",
    ),
    CaseType.SHALISH: (ForumLevel.SHALISH, "Union Parishad shalish, {d}", "ইউনিয়ন পরিষদ সালিশ, {d}"),
    CaseType.OTHER: (ForumLevel.OTHER, "Other forum, {d}", "অন্যান্য ফোরাম, {d}"),
}
# The case types the demo opens directly; appeals, revisions and leave petitions filed from a
# decided case are not seeded.
SEEDED_TYPES = list(FORUMS)
# Cases filed against members: criminal cases and possession proceedings.
AGAINST_US = {
    CaseType.CRIMINAL_GR,
    CaseType.CRIMINAL_CR,
    CaseType.CRPC_145,
    CaseType.LAND_CRIME_2023,
}
PURPOSES = ["hearing", "written statement", "charge hearing", "witness", "argument", "order"]


class DetailSeeder:
    def __init__(self, organisation: Organisation, rng: random.Random, today: date, by: Any):
        self.organisation, self.rng, self.today, self.by = organisation, rng, today, by
        self.people = read_csv("names/person_names.csv")

    def run(self, *, cases: int, allocations: int, incidents: int, member_groups: int) -> None:
        self.members = self._members(member_groups)
        self.lawyers = self._lawyers()
        claims = list(
            Claim.objects.filter(organisation=self.organisation)
            .select_related("district")
            .order_by("id")[: cases * 4]
        )
        for i, claim in enumerate(claims[:cases]):
            self._case(SEEDED_TYPES[i % len(SEEDED_TYPES)], claim)
        self._allocations(allocations)
        self._incidents(claims, incidents)

    def _name(self) -> str:
        return self.rng.choice(self.people)["name_en"]

    def _members(self, group_count: int) -> list[Member]:
        groups = LandlessGroup.objects.filter(organisation=self.organisation).order_by("id")
        members = []
        for group in groups[:group_count]:
            for n in range(6):
                person = self.rng.choice(self.people)
                members.append(
                    member_create(
                        group=group,
                        code=f"M{group.pk:05d}-{n + 1:02d}",
                        sex="female" if group.sex == "women" else "male",
                        priority_category=self.rng.choice(PriorityCategory.values),
                        name_bn=person["name_bn"],
                        name_en=person["name_en"],
                        is_household_head=n % 2 == 0,
                        joined_on=self.today - timedelta(days=self.rng.randint(100, 5000)),
                    )
                )
        return members

    def _lawyers(self) -> list[Any]:
        from landclaims.cases.models import Lawyer

        return [
            Lawyer.objects.create(
                organisation=self.organisation,
                name=f"Advocate {self._name()}",
                bar="Supreme Court Bar Association" if i == 0 else "District Bar Association",
            )
            for i in range(4)
        ]

    def _case(self, case_type: CaseType, claim: Claim) -> LegalCase:
        forum, court, court_bn = FORUMS[case_type]
        filed_on = self.today - timedelta(days=self.rng.randint(60, 1500))
        case = case_services.case_create(
            organisation=self.organisation,
            district=claim.district,
            case_type=case_type,
            forum_level=forum,
            court_name=court.format(d=claim.district.name_en),
            court_name_bn=court_bn.format(d=claim.district.name_bn or claim.district.name_en),
            number=str(self.rng.randint(1, 9999)),
            year=filed_on.year,
            our_role="respondent" if case_type in AGAINST_US else "petitioner",
            filed_on=filed_on,
            claims=[claim],
            parcels=list(claim.parcels.all()),
            by=self.by,
        )
        case.lawyers.set(self.rng.sample(self.lawyers, 1))
        self._parties(case, claim)
        self._hearings(case, filed_on)
        if case_type in {CaseType.WRIT, CaseType.CIVIL_SUIT, CaseType.CRPC_145}:
            self._interim_order(case, filed_on)
        return case

    def _parties(self, case: LegalCase, claim: Claim) -> None:
        ours_role, theirs_role = (
            ("accused", "informant")
            if case.our_role == "respondent"
            else (
                "petitioner",
                "respondent",
            )
        )
        group = claim.groups.first()
        accused = [m for m in self.members if group and m.group_id == group.pk][:3]
        if case.our_role == "respondent" and accused:
            for member in accused:
                case_services.case_add_party(
                    case=case, name=member.code, role="accused", side="ours", member=member
                )
        else:
            case_services.case_add_party(
                case=case, name=str(group), role=ours_role, side=CaseParty.Side.OURS
            )
        case_services.case_add_party(
            case=case, name=self._name(), role=theirs_role, side=CaseParty.Side.THEIRS
        )

    def _hearings(self, case: LegalCase, filed_on: date) -> None:
        on = filed_on + timedelta(days=self.rng.randint(20, 60))
        hearing = case_services.hearing_schedule(
            case=case, on=on, purpose="hearing", by=self.by, fixed_on=filed_on
        )
        # Adjournment is the norm: move the date until it lies ahead, or close the case.
        while hearing.scheduled_on <= self.today:
            if self.rng.random() < 0.08:
                case_services.hearing_record_held(
                    hearing=hearing, by=self.by, note="Judgment delivered"
                )
                case_services.case_record_event(
                    case=case, kind="judgment", on=hearing.scheduled_on, by=self.by
                )
                LegalCase.objects.filter(pk=case.pk).update(
                    status=LegalCase.Status.DISPOSED,
                    outcome=self.rng.choice(["in_our_favour", "against_us", "partly"]),
                )
                return
            next_on = hearing.scheduled_on + timedelta(days=self.rng.randint(30, 120))
            hearing = case_services.hearing_adjourn(
                hearing=hearing,
                next_on=next_on,
                purpose=self.rng.choice(PURPOSES),
                by=self.by,
                note="Adjourned on the other side's time petition",
            )
        if self.rng.random() < 0.05:
            Hearing.objects.filter(pk=hearing.pk).update(status=Hearing.Status.CANCELLED)

    def _interim_order(self, case: LegalCase, filed_on: date) -> None:
        kind = {"writ": "status_quo", "civil_suit": "injunction", "crpc_145": "status_quo"}[
            case.case_type
        ]
        made_on = filed_on + timedelta(days=self.rng.randint(0, 30))
        if made_on > self.today:
            return
        until = self.today + timedelta(days=self.rng.choice([-40, 3, 6, 30, 90, 180]))
        case_services.interim_order_record(
            case=case,
            kind=kind,
            made_on=made_on,
            in_force_until=max(until, made_on),
            text="Both parties to maintain status quo in respect of the land",
            by=self.by,
        )

    def _allocations(self, count: int) -> None:
        won = stages.MAIN_LINE[stages.position(Stage.DC_APPROVED) :]
        claims = Claim.objects.filter(organisation=self.organisation, stage__in=won).order_by("id")
        for claim in claims[:count]:
            parcel = claim.parcels.first()
            group = claim.groups.first()
            if parcel is None or parcel.area_value is None:
                continue
            members = [m for m in self.members if group and m.group_id == group.pk][:2]
            share = Decimal(self.rng.choice(["0.5", "0.8", "1"]))
            allocation_record(
                parcel=parcel,
                claim=claim,
                group=group,
                members=members,
                area_value=str((parcel.area_value * share).quantize(Decimal("0.01"))),
                area_unit="decimal",
                title=self.rng.choice([t.value for t in Allocation.Title]),
                kabuliyat_no=claim.kabuliyat_no,
                kabuliyat_on=claim.kabuliyat_on,
                dcr_no=claim.dcr_no,
                approved_on=claim.kabuliyat_on,
            )

    def _incidents(self, claims: list[Claim], count: int) -> None:
        troubled = [c for c in claims if c.possession != Possession.NOT_ENTERED][:count]
        for claim in troubled:
            incident_record(
                organisation=self.organisation,
                district=claim.district,
                kind=self.rng.choice(Incident.Kind.values),
                occurred_on=self.today - timedelta(days=self.rng.randint(0, 700)),
                women_affected=self.rng.randint(0, 12),
                men_affected=self.rng.randint(0, 12),
                gd_fir_no=f"GD {self.rng.randint(1, 900)}",
                description="Men hired by a local influential entered the land.",
                claim=claim,
            )
