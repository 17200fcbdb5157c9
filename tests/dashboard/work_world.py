"""A small world for the "Groups and their work" figures and for partner networks.

The savings, cooperatives, training, actions and representation services are built by other
hands at the same time, so the rows are written here straight with the ORM: this is set-up
for tests of the read side only (figures and scoping), never a way to write in the app.

A network ("ALRD") with two partners (A and B), and an organisation outside it; each has
groups in both test districts, and every group gets its own amounts, so that a figure that
counts the wrong group's rows comes out different.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from landclaims.actions.models import Action, SafetyNetCheck
from landclaims.cooperatives.models import (
    Cooperative,
    CooperativeLand,
    CooperativeShare,
    Production,
)
from landclaims.core.models import Organisation
from landclaims.groups.models import LandlessGroup, Member
from landclaims.representation.models import Seat
from landclaims.savings.models import SavingsEntry, SavingsMeeting
from landclaims.training.models import GroupAttendance, TrainingEvent
from tests.factories import OrganisationFactory, make_group

TODAY = date(2024, 6, 1)
# Meeting days, a few a year over two years (Fridays), some outside any tested range.
MEETINGS = (
    date(2022, 11, 4),
    date(2023, 3, 3),
    date(2023, 7, 7),
    date(2023, 9, 1),
    date(2024, 1, 5),
    date(2024, 4, 5),
    date(2024, 5, 31),
    date(2024, 8, 2),  # after TODAY: in the ledger, outside the balance "now"
)
TIERS = ("basic", "follow_up", "advanced", "mixed")


@dataclass
class WorkWorld:
    places: Any
    network: Organisation
    partner_a: Organisation
    partner_b: Organisation
    outside: Organisation
    groups: dict[str, LandlessGroup] = field(default_factory=dict)
    members: list[Member] = field(default_factory=list)


def build_work_world(places: Any) -> WorkWorld:
    network = OrganisationFactory(name_en="ALRD", name_bn="এএলআরডি", slug="alrd")
    partner_a = OrganisationFactory(name_en="SUSTAIN", slug="sustain", network=network)
    partner_b = OrganisationFactory(name_en="Partner B", slug="partner-b", network=network)
    outside = OrganisationFactory(name_en="Outside", slug="outside")
    world = WorkWorld(places, network, partner_a, partner_b, outside)
    n = 0
    for org in (network, partner_a, partner_b, outside):
        for village in (places.village_a, places.village_b):
            for sex in ("women", "men"):
                n += 1
                group = make_group(organisation=org, village=village, sex=sex)
                world.groups[f"{org.slug}-{village.name_en}-{sex}"] = group
                _group_work(world, group, org, village, n)
    return world


def _group_work(world: WorkWorld, group: LandlessGroup, org: Any, village: Any, n: int) -> None:
    _savings(group, n)
    member = _members_and_seats(world, group, n)
    district = village.union.district
    _training(group, org, district, village.union, n)
    _actions(group, org, district, village.union, n)
    _cooperative(group, org, district, n)
    world.members.append(member)


def _savings(group: LandlessGroup, n: int) -> None:
    first = None
    for i, met_on in enumerate(MEETINGS):
        meeting = SavingsMeeting.objects.create(group=group, met_on=met_on, members_present=20)
        cash = SavingsEntry.objects.create(
            meeting=meeting, kind="collection", form="cash", change_poisha=100 * (n + i) + 50
        )
        first = first or cash
        kg = Decimal(n) + Decimal("0.5") * i
        price = 5500 + 100 * i
        SavingsEntry.objects.create(
            meeting=meeting,
            kind="collection",
            form="rice",
            rice_kg=kg,
            rice_price_poisha_per_kg=price,
            change_poisha=int(kg * price),
        )
        if i % 3 == 1:
            SavingsEntry.objects.create(
                meeting=meeting,
                kind="withdrawal",
                change_poisha=-(30 * n + i),
                purpose="চিকিৎসা",
            )
        if i % 3 == 2:
            SavingsEntry.objects.create(
                meeting=meeting,
                kind="investment",
                change_poisha=-(70 * n + i),
                purpose="যৌথ সবজি চাষ",
            )
    if n % 2 == 0 and first is not None:
        SavingsEntry.objects.create(
            meeting=first.meeting,
            kind="correction",
            change_poisha=-25,
            corrects=first,
            note="ভুল যোগফল",
        )


def _members_and_seats(world: WorkWorld, group: LandlessGroup, n: int) -> Member:
    sex = "female" if group.sex == "women" else "male"
    first = None
    for i in range(3):
        member = Member.objects.create(
            group=group, code=f"M-{n}-{i}", sex=sex, priority_category="no_homestead_no_land"
        )
        first = first or member
        bodies = ("up_standing_committee", "khas_land_committee", "school_committee")
        how = "elected" if (n + i) % 2 else "nominated"
        # Held now, ended before the tested range, or begun after it, by turns.
        spans = ((date(2022, 1, 1), None), (date(2019, 1, 1), date(2021, 12, 31)))
        spans += ((date(2023, 6, 1), date(2024, 2, 1)),)
        start, end = spans[(n + i) % 3]
        Seat.objects.create(
            member=member, body=bodies[(n + i) % 3], how=how, from_on=start, to_on=end
        )
    assert first is not None
    return first


def _training(group: LandlessGroup, org: Any, district: Any, union: Any, n: int) -> None:
    for i in range(n % 3 + 1):
        tier = TIERS[(n + i) % 4]
        started = date(2022 + i, 1 + n % 12, 10)
        event = TrainingEvent.objects.create(
            organisation=org,
            district=district,
            title=f"Training {n}-{i}",
            tier=tier,
            started_on=started,
            ended_on=started,
            place=union,
        )
        GroupAttendance.objects.create(event=event, group=group, women=n + i, men=i, others=i % 2)


def _actions(group: LandlessGroup, org: Any, district: Any, union: Any, n: int) -> None:
    kinds = ("sit_in", "rally", "human_chain", "memorandum", "meeting_officials")
    outcomes = ("pending", "met", "partly_met", "not_met")
    for i in range(2):
        action = Action.objects.create(
            organisation=org,
            district=district,
            kind=kinds[(n + i) % 5],
            took_place_on=date(2023, 1 + (n + i) % 12, 15),
            place=union,
            women=10 * n + i,
            men=n + 2 * i,
            others=i,
            outcome=outcomes[(n + i) % 4],
        )
        action.groups.add(group)
    check = SafetyNetCheck.objects.create(
        organisation=org,
        district=district,
        union=union,
        programme=("vgd", "vgf", "old_age", "widow")[n % 4],
        checked_on=date(2022 + n % 3, 3, 1),
        checked="তালিকা মিলিয়ে দেখা",
        irregularities_found=n % 2 == 0,
        irregularities="অযোগ্যদের নাম তালিকায়" if n % 2 == 0 else "",
        people_wrongly_left_out=n,
    )
    check.groups.add(group)


def _cooperative(group: LandlessGroup, org: Any, district: Any, n: int) -> None:
    cooperative = Cooperative.objects.create(
        organisation=org,
        district=district,
        name_bn=f"জনগণের সমবায় {n}",
        registration_no=f"R-{n}" if n % 2 else "",
        registered_on=date(2020, 1, 1) if n % 2 else None,
    )
    CooperativeShare.objects.create(
        cooperative=cooperative, group=group, shares=n, contribution_poisha=100_000 * n
    )
    tenures = ("owned", "leased", "khas_settled", "homestead")
    for i in range(2):
        land = CooperativeLand.objects.create(
            cooperative=cooperative,
            tenure=tenures[(n + i) % 4],
            area_m2=Decimal(1000 * n + 10 * i),
            from_on=date(2020, 1, 1),
            to_on=date(2023, 12, 31) if (n + i) % 3 == 0 else None,
        )
        Production.objects.create(
            cooperative=cooperative,
            land=land,
            activity=("paddy", "vegetables", "fish")[(n + i) % 3],
            season="aman",
            year=2022 + i,
            sales_poisha=1_000_00 * n + i,
            costs_poisha=400_00 * n,
        )
