"""Build the whole demo data set, deterministically from a seed."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from landclaims.core.db import foreign_keys_checked_after, indexes_built_after
from landclaims.core.models import Organisation
from landclaims.demo import bulk
from landclaims.demo.detail import DetailSeeder
from landclaims.demo.people import ALRD_DISTRICTS, ensure_demo_users, ensure_organisations
from landclaims.demo.places import Places, load_places, read_csv
from landclaims.demo.work_actions import seed_actions
from landclaims.demo.work_cooperatives import seed_cooperatives
from landclaims.demo.work_savings import seed_savings
from landclaims.demo.work_training import seed_training_and_seats
from landclaims.groups.models import LandlessGroup
from landclaims.maps.colours import COLOUR_INPUTS
from landclaims.maps.services import parcel_colours_deferred, stage_counts_refresh
from landclaims.places.models import AdminArea

# Written in bulk by COPY (demo/bulk.py), with the audit tables their triggers fill.
PARCEL_TABLES = ("parcels_parcel", "parcels_parceldag")
CLAIM_TABLES = (
    "claims_claim", "claims_claim_groups", "claims_claim_parcels", "claims_claimevent",
)  # fmt: skip
BULK_TABLES = PARCEL_TABLES + CLAIM_TABLES
PARCEL_AUDIT_TABLES = ("parcels_parcelaudit",)
CLAIM_AUDIT_TABLES = ("claims_claimaudit",)


@dataclass
class SeedReport:
    parcels: int = 0
    claims: int = 0
    groups: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def already_seeded() -> bool:
    return AdminArea.objects.exists()


@transaction.atomic
def seed_all(*, parcels: int, seed: int, today: date) -> SeedReport:
    rng = random.Random(seed)
    report = SeedReport()
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.seconds[name] = round(now - clock, 2)
        clock = now

    organisations = ensure_organisations()
    # About 25 parcels a mouza at scale; small demos use three mouzas a union.
    places = load_places(rng, mouzas_per_union=min(40, max(3, parcels // 25_000)))
    ensure_demo_users(organisations["nijera-kori"])
    lap("places_and_users")
    slots = _mouza_slots(places, organisations, rng, today)
    report.groups = LandlessGroup.objects.count()
    # Small demos concentrate parcels in a few mouzas, as a real organisation's work is.
    active = rng.sample(slots, min(len(slots), max(20, parcels // 8)))
    lap("groups")
    # The bulk tables' foreign keys are dropped for the load and added back after it, each
    # validated in one pass: checked row by row, a million parcels queue about 20 million
    # trigger calls (most of the claims phase). Fine here and nowhere live: the seed only
    # fills an empty database (seed_demo refuses one with data), inside this transaction.
    # The colour triggers would look up every copied parcel's claims batch by batch;
    # instead every parcel is coloured once, set-based, when the claims are in.
    # Their plain indexes are built after each load too, in one sorted pass each.
    with foreign_keys_checked_after(*BULK_TABLES):
        with parcel_colours_deferred():
            with indexes_built_after(*PARCEL_TABLES, *PARCEL_AUDIT_TABLES):
                report.parcels = bulk.write_parcels(active, parcels, rng)
            lap("parcels")
            with indexes_built_after(*CLAIM_TABLES, *CLAIM_AUDIT_TABLES):
                report.claims = bulk.write_claims(active, rng, today)
            lap("claims")
        lap("colours")
        # Statistics first, so the validating anti-joins are planned for a million rows
        # (parcel_colours_deferred has just analysed the tables colours are computed from).
        analysed = set(COLOUR_INPUTS)
        bulk.analyze(
            *(t for t in ("groups_landlessgroup", *BULK_TABLES, "maps_parcelcolour")
              if t not in analysed)
        )  # fmt: skip
    # Run the foreign-key checks still queued (the places' and groups'; Django's keys are
    # DEFERRABLE INITIALLY DEFERRED) before the audited writes below: PostgreSQL walks the
    # whole queue each time a subtransaction rolls back, and the audit triggers' helpers
    # (pgtrigger's ignore check, pghistory's context) roll one back on every audited
    # statement while their settings are unset. Emptied here, the queue costs nothing later.
    connection.check_constraints()
    lap("foreign_keys")
    admin = get_user_model().objects.get(username="admin")
    scale = min(1.0, parcels / 600)
    for organisation in organisations.values():
        DetailSeeder(organisation, rng, today, admin).run(
            cases=max(16, int(80 * scale)),
            allocations=max(5, int(40 * scale)),
            incidents=max(5, int(30 * scale)),
            member_groups=max(4, int(25 * scale)),
        )
    seed_actions(organisations.values(), rng, today)
    lap("cases_and_details")
    seed_cooperatives(organisations=organisations, today=today)
    seed_savings(organisations, random.Random(f"savings-{seed}"), today)
    seed_training_and_seats(organisations.values(), today)
    bulk.outline_demo_areas()
    # Count parcels by stage now, so the first map a user opens need not wait for it.
    stage_counts_refresh()
    lap("map_outlines_and_counts")
    return report


def _organisation_of(district: AdminArea, organisations: dict[str, Organisation]) -> Organisation:
    slug = "alrd-partners" if district.name_en in ALRD_DISTRICTS else "nijera-kori"
    return organisations[slug]


def _mouza_slots(
    places: Places, organisations: dict[str, Organisation], rng: random.Random, today: date
) -> list[bulk.MouzaSlot]:
    """Groups in every village, and each mouza paired with the groups of its union."""
    names = read_csv("names/group_names.csv")
    districts = {d.pk: d for d in places.districts.values()}
    groups_by_union: dict[int, list[int]] = {}
    new_groups = []
    for village in places.villages:
        district = districts[village.union.district_id]
        for pick in rng.sample(names, rng.choice([1, 2])):
            new_groups.append(
                LandlessGroup(
                    organisation=_organisation_of(district, organisations),
                    name_bn=pick["name_bn"],
                    name_en=pick["name_en"],
                    sex=pick["sex"],
                    village=village,
                    formed_on=today - timedelta(days=rng.randint(365, 12000)),
                    members_women=rng.randint(15, 40) if pick["sex"] == "women" else 0,
                    members_men=rng.randint(15, 40) if pick["sex"] == "men" else 0,
                )
            )
    for group in LandlessGroup.objects.bulk_create(new_groups):
        groups_by_union.setdefault(group.village.union_id, []).append(group.pk)
    return [
        bulk.MouzaSlot(
            mouza=mouza,
            organisation_id=_organisation_of(districts[mouza.district_id], organisations).pk,
            group_ids=groups_by_union.get(union_id, []),
        )
        for union_id, mouzas in places.mouzas_by_union.items()
        for mouza in mouzas
    ]
