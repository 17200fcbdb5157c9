"""Demo trainings and seats: for the groups that have members, two years of tiered training
(basic, follow-up on khas land and on violence against women, advanced, then a mixed
workshop of women's and men's groups), and members on public bodies. Written through the
training and representation services, deterministically (no randomness needed)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from itertools import groupby

from landclaims.core.models import Organisation
from landclaims.groups.models import LandlessGroup, Member
from landclaims.representation.models import Seat
from landclaims.representation.services import seat_add
from landclaims.training.services import (
    GroupCount,
    training_attendance_set,
    training_event_create,
)

# (days before today, tier, English title, Bengali title, topics, who comes)
COURSES = [
    (700, "basic", "Basic rights awareness", "মৌলিক অধিকার সচেতনতা প্রশিক্ষণ",
     ["rights_awareness", "khas_land"], "all"),
    (520, "follow_up", "Khas land law and settlement", "খাস জমি আইন ও বন্দোবস্ত",
     ["khas_land", "legal_aid"], "all"),
    (400, "follow_up", "Preventing violence against women", "নারীর প্রতি সহিংসতা প্রতিরোধ",
     ["violence_against_women", "gender"], "women"),
    (250, "advanced", "Leadership, local government and safety nets",
     "নেতৃত্ব, স্থানীয় সরকার ও সামাজিক নিরাপত্তা বেষ্টনী",
     ["leadership", "local_government", "safety_nets"], "women"),
    (120, "mixed", "Mixed workshop: women and men together", "নারী-পুরুষ যৌথ কর্মশালা",
     ["gender", "violence_against_women"], "all"),
]  # fmt: skip
FACILITATORS = ["শিরিন আক্তার", "মোহাম্মদ হাসান", "রোকেয়া বেগম"]
DISTRICTS_A_YEAR = 3  # districts of each organisation that hold the courses
GROUPS_A_COURSE = 4


def seed_training_and_seats(organisations: Iterable[Organisation], today: date) -> None:
    for organisation in organisations:
        members = Member.objects.filter(group__organisation=organisation)
        groups = (
            LandlessGroup.objects.filter(pk__in=members.values("group"))
            .select_related("village__union__district")
            .order_by("village__union__district", "pk")
        )
        by_district = groupby(groups, key=lambda g: g.village.union.district)
        for n, (district, found) in enumerate(by_district):
            if n == DISTRICTS_A_YEAR:
                break
            chosen = list(found)[:GROUPS_A_COURSE]
            _courses(organisation, district, chosen, today)
            _seats(chosen, today)


def _courses(
    organisation: Organisation, district: object, groups: list[LandlessGroup], today: date
) -> None:
    place = groups[0].village.union
    for i, (days, tier, title, title_bn, topics, who) in enumerate(COURSES):
        came = [g for g in groups if who == "all" or g.sex == LandlessGroup.Sex.WOMEN]
        if not came:
            continue
        started = today - timedelta(days=days)
        event = training_event_create(
            organisation=organisation,
            district=district,  # type: ignore[arg-type]
            title=title,
            title_bn=title_bn,
            tier=tier,
            topics=topics,
            started_on=started,
            ended_on=started + timedelta(days=1 if tier != "basic" else 2),
            place=place,
            venue="ইউনিয়ন পরিষদ মিলনায়তন" if i % 2 else f"{organisation.name_bn} প্রশিক্ষণ কেন্দ্র",
            facilitator=FACILITATORS[i % len(FACILITATORS)],
            by=None,
        )
        rows = [_count(group, i) for group in came]
        named = [m for g in came for m in g.members.order_by("code")[:2]]
        training_attendance_set(event=event, groups=rows, members=named, by=None)


def _count(group: LandlessGroup, course: int) -> GroupCount:
    # A group sends most of its members; at the mixed workshop a few of the other sex come
    # with them (spouses, neighbours).
    many = 10 + (group.pk + course * 3) % 9
    few = (group.pk + course) % 3
    if group.sex == LandlessGroup.Sex.WOMEN:
        return GroupCount(group=group, women=many, men=few if course == 4 else 0)
    return GroupCount(group=group, men=many, women=few if course == 4 else 0)


def _seats(groups: list[LandlessGroup], today: date) -> None:
    """Women elected to the UP's standing committees and the khas land committee, a few
    members nominated to a school committee and a shalish panel, one past term."""
    for k, group in enumerate(groups):
        members = list(group.members.order_by("code")[:2])
        if len(members) < 2:
            continue
        first, second = members
        union = group.village.union
        if group.sex == LandlessGroup.Sex.WOMEN:
            body = Seat.Body.UP_STANDING_COMMITTEE if k % 2 == 0 else Seat.Body.KHAS_LAND_COMMITTEE
            name = "নারী ও শিশু বিষয়ক স্থায়ী কমিটি" if k % 2 == 0 else "উপজেলা খাস জমি কমিটি"
            seat_add(member=first, body=body, body_name=name, area=union, how="elected",
                     from_on=today - timedelta(days=300 + 20 * k), by=None)  # fmt: skip
            seat_add(member=second, body=Seat.Body.SCHOOL_COMMITTEE, area=union,
                     how="nominated", from_on=today - timedelta(days=200), by=None)  # fmt: skip
        else:
            seat_add(member=first, body=Seat.Body.SHALISH_PANEL, area=union, how="nominated",
                     position=Seat.Position.MEMBER, from_on=today - timedelta(days=500),
                     by=None)  # fmt: skip
            seat_add(member=second, body=Seat.Body.UP_STANDING_COMMITTEE, area=union,
                     how="elected", from_on=today - timedelta(days=2000),
                     to_on=today - timedelta(days=900), by=None)  # fmt: skip
