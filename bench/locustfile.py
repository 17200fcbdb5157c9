"""Many people at once: the roles that use landclaims, as Locust users (bench/load.py runs it).

Everything a user needs comes from a plan file that bench/load.py writes (env LOAD_PLAN):
a session cookie per demo role, each from one real two-step sign-in; an API key for the GIS
client; tiles around the densest parcels; claim ids each role may see; filters for the
lists; boxes for the API and OGC. So this file knows only URLs, never the app's internals,
and runs unchanged when the tile query or the data change.

- organiser: opens the map and pans over dense parcels (z10-z14), filters the claims list,
  opens a claim;
- monitor: the map at lower zooms, the claims and cases lists;
- legal: filters the cases list, opens a claim of their districts;
- admin: the claims and cases lists, the map;
- GIS client (QGIS or a script): /api/v1/parcels/?in_bbox= and OGC items with an API key.

`OneOfEach` is the single-user pass: every endpoint once per round, in a fixed order, for
LOAD_ROUNDS rounds, then it ends the run; so every endpoint has its unloaded time.

Each request must answer 200 itself: redirects are not followed, so a session that lost its
sign-in (a 302 to the login page) counts as an error, not as a fast page.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import gevent
from locust import between, constant, task
from locust.contrib.fasthttp import FastHttpUser

PLAN: dict[str, Any] = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
WAIT = PLAN["wait_seconds"]  # [min, max] think time between a person's actions
TILE_ZOOMS = (10, 11, 12, 13, 14)


def get(user: FastHttpUser, path: str, name: str, headers: dict[str, str]) -> None:
    """GET `path`, recorded under `name`; anything but a 200 is a failure."""
    with user.client.get(
        path, name=name, headers=headers, allow_redirects=False, catch_response=True
    ) as response:
        if response.status_code != 200:
            response.failure(f"HTTP {response.status_code}")


class Person(FastHttpUser):
    """A signed-in person of one role: the role's session cookie on every request."""

    abstract = True
    role = ""
    wait_time = between(*WAIT)

    def on_start(self) -> None:
        self.headers = {"Cookie": PLAN["cookies"][self.role]}

    def open(self, path: str, name: str) -> None:
        get(self, path, name, self.headers)

    def map_page(self) -> None:
        self.open("/map/", "map page")

    def tiles(self, zoom: int, count: int) -> None:
        """`count` tiles at `zoom`, as a map view fetches them after a pan or zoom."""
        for path in random.sample(PLAN["tiles"][str(zoom)], count):
            self.open(path, f"tile z{zoom}")

    def claims_list(self) -> None:
        self.open("/claims/", "claims list")

    def claims_filtered(self) -> None:
        self.open("/claims/?" + random.choice(PLAN["claim_filters"]), "claims list filtered")

    def cases_filtered(self) -> None:
        self.open("/cases/?" + random.choice(PLAN["case_filters"]), "cases list filtered")

    def claim_page(self) -> None:
        self.open(f"/claims/{random.choice(PLAN['claims'][self.role])}/", "claim page")


class Organiser(Person):
    role = "organiser"
    weight = 4

    @task(3)
    def browse_map(self) -> None:
        self.map_page()
        zoom = random.choice(TILE_ZOOMS)
        self.tiles(zoom, min(6, len(PLAN["tiles"][str(zoom)])))

    @task(2)
    def pan(self) -> None:
        zoom = random.choice(TILE_ZOOMS)
        self.tiles(zoom, min(4, len(PLAN["tiles"][str(zoom)])))

    @task(2)
    def find_claim(self) -> None:
        self.claims_filtered()
        self.claim_page()


class Monitor(Person):
    role = "monitor"
    weight = 2

    @task(2)
    def overview_map(self) -> None:
        self.map_page()
        self.tiles(random.choice((10, 11, 12)), 4)

    @task(1)
    def lists(self) -> None:
        self.claims_list()
        self.open("/cases/", "cases list")


class Legal(Person):
    role = "legal"
    weight = 2

    @task(3)
    def cases(self) -> None:
        self.cases_filtered()

    @task(1)
    def claim(self) -> None:
        self.claim_page()


class Admin(Person):
    role = "admin"
    weight = 1

    @task(2)
    def lists(self) -> None:
        self.claims_filtered()
        self.open("/cases/", "cases list")

    @task(1)
    def map_view(self) -> None:
        self.map_page()
        self.tiles(12, 4)


class GisClient(FastHttpUser):
    """QGIS or a script with an API key: GeoJSON pages over a box, REST and OGC."""

    weight = 1
    wait_time = between(*WAIT)

    def on_start(self) -> None:
        self.headers = {"X-API-Key": PLAN["api_key"]}

    @task(1)
    def api_bbox(self) -> None:
        box = random.choice(PLAN["bboxes"])
        get(self, f"/api/v1/parcels/?in_bbox={box}", "api parcels bbox", self.headers)

    @task(1)
    def ogc_bbox(self) -> None:
        box = random.choice(PLAN["bboxes"])
        path = f"/ogc/collections/parcels/items?bbox={box}&limit=100&f=json"
        get(self, path, "ogc items bbox", self.headers)


class OneOfEach(FastHttpUser):
    """The single-user pass: every endpoint once a round, in order, with no think time.
    Run it with one user: it stops the whole run when its rounds are done."""

    wait_time = constant(0)

    def on_start(self) -> None:
        plan, cookies = PLAN, PLAN["cookies"]
        organiser = {"Cookie": cookies["organiser"]}
        steps = [("/map/", "map page", organiser)]
        steps += [(plan["tiles"][str(z)][0], f"tile z{z}", organiser) for z in TILE_ZOOMS]
        steps += [
            ("/claims/", "claims list", {"Cookie": cookies["monitor"]}),
            ("/claims/?" + plan["claim_filters"][0], "claims list filtered", organiser),
            ("/cases/", "cases list", {"Cookie": cookies["monitor"]}),
            ("/cases/?" + plan["case_filters"][0], "cases list filtered",
             {"Cookie": cookies["legal"]}),
            (f"/claims/{plan['claims']['organiser'][0]}/", "claim page", organiser),
            (f"/api/v1/parcels/?in_bbox={plan['bboxes'][0]}", "api parcels bbox",
             {"X-API-Key": plan["api_key"]}),
            (f"/ogc/collections/parcels/items?bbox={plan['bboxes'][0]}&limit=100&f=json",
             "ogc items bbox", {"X-API-Key": plan["api_key"]}),
        ]  # fmt: skip
        self.steps = iter(steps * int(os.environ.get("LOAD_ROUNDS", "1")))

    @task
    def next_endpoint(self) -> None:
        step = next(self.steps, None)
        if step is None:  # every round done: end the run from outside this user's greenlet,
            # since quitting stops every user, this one too, before the statistics are written
            gevent.spawn(self.environment.runner.quit)
            gevent.sleep(60)
            return
        path, name, headers = step
        get(self, path, name, headers)
