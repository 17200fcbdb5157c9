"""python manage.py seed_demo [--parcels N] [--seed S] [--if-empty]"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from landclaims.demo.people import ensure_demo_users, ensure_organisations
from landclaims.demo.seed import already_seeded, seed_all

TWO_FACTOR_NOTE = (
    "Demo users admin, legal and organiser must set up two-step sign-in (an authenticator "
    "app such as FreeOTP or Aegis) at their first login; monitor and viewer may."
)


class Command(BaseCommand):
    help = "Fill an empty database with realistic, deterministic demo data and demo users."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--parcels", type=int, default=600)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing but reset the demo users when data is already there.",
        )

    def handle(self, *args: Any, parcels: int, seed: int, if_empty: bool, **options: Any) -> None:
        if parcels < 1:
            raise CommandError("--parcels must be at least 1.")
        if already_seeded():
            if not if_empty:
                raise CommandError(
                    "The database already has data; seed_demo fills empty ones only."
                )
            ensure_demo_users(ensure_organisations()["nijera-kori"])
            self.stdout.write("Demo data already present; demo users reset.")
            self.stdout.write(TWO_FACTOR_NOTE)
            return
        report = seed_all(parcels=parcels, seed=seed, today=timezone.localdate())
        self.stdout.write(
            TWO_FACTOR_NOTE
        )  # before the JSON: bench/seed_timing.py reads the last line
        self.stdout.write(
            json.dumps(
                {
                    "parcels": report.parcels,
                    "claims": report.claims,
                    "groups": report.groups,
                    "seconds": report.seconds,
                }
            )
        )
