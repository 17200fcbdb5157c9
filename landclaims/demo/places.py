"""Load the reference admin areas in fixtures/places/ and invent mouzas and villages.

Divisions, districts, upazilas and unions are real (hand-compiled, see the fixtures
README); mouzas and villages are invented from fixtures/names/mouza_names.csv, since no
public mouza layer exists.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.gis.geos import Point

from landclaims.places.models import AdminArea, Village
from landclaims.places.services import admin_area_bulk_create

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
Level = AdminArea.Level


def read_csv(relative: str) -> list[dict[str, str]]:
    with (FIXTURES / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass
class Places:
    districts: dict[str, AdminArea]  # by English name
    unions: list[AdminArea]
    mouzas_by_union: dict[int, list[AdminArea]]
    villages: list[Village]


def load_places(rng: random.Random, *, mouzas_per_union: int = 3) -> Places:
    divisions = _load_divisions()
    districts = _load_districts(divisions)
    upazilas = _load_upazilas(districts)
    unions = _load_unions(upazilas, rng)
    mouzas = _invent_mouzas(unions, rng, mouzas_per_union)
    villages = _invent_villages(unions, mouzas, rng)
    return Places(
        districts={d.name_en: d for d in districts.values()},
        unions=unions,
        mouzas_by_union=mouzas,
        villages=villages,
    )


def _area(level: str, row: dict[str, str], *, bbs_code: str = "") -> AdminArea:
    return AdminArea(
        level=level,
        name_en=row["name_en"],
        name_bn=row["name_bn"],
        bbs_code=bbs_code,
        hdx_pcode=row.get("hdx_pcode", ""),
        centre=_centre(row),
    )


def _centre(row: dict[str, str]) -> Point | None:
    if not row.get("centroid_lon"):
        return None
    return Point(float(row["centroid_lon"]), float(row["centroid_lat"]), srid=4326)


def _load_divisions() -> dict[str, AdminArea]:
    rows = read_csv("places/divisions.csv")
    areas = [_area(Level.DIVISION, r, bbs_code=r["bbs_code"]) for r in rows]
    return {a.bbs_code: a for a in admin_area_bulk_create([(None, areas)])}


def _load_districts(divisions: dict[str, AdminArea]) -> dict[str, AdminArea]:
    by_division = defaultdict(list)
    for row in read_csv("places/districts.csv"):
        by_division[row["division_bbs_code"]].append(row)
    families = [
        (divisions[code], [_area(Level.DISTRICT, r, bbs_code=r["bbs_code"]) for r in rows])
        for code, rows in by_division.items()
    ]
    return {area.bbs_code: area for area in admin_area_bulk_create(families)}


def _load_upazilas(districts: dict[str, AdminArea]) -> dict[tuple[str, str], AdminArea]:
    by_district = defaultdict(list)
    for row in read_csv("places/upazilas.csv"):
        by_district[row["district_bbs_code"]].append(row)
    families = []
    for code, rows in by_district.items():
        areas = [
            _area(Level.UPAZILA, r, bbs_code=f"{code}{r['bbs_code']}" if r["bbs_code"] else "")
            for r in rows
        ]
        families.append((districts[code], areas))
    # Keyed by the district's code and the name, as unions.csv names its upazila.
    return {
        (area.district.bbs_code, area.name_en): area for area in admin_area_bulk_create(families)
    }


def _near(point: Point | None, rng: random.Random, spread: float) -> Point | None:
    if point is None:
        return None
    return Point(
        point.x + rng.uniform(-spread, spread), point.y + rng.uniform(-spread, spread), srid=4326
    )


def _load_unions(upazilas: dict[tuple[str, str], AdminArea], rng: random.Random) -> list[AdminArea]:
    by_upazila = defaultdict(list)
    for row in read_csv("places/unions.csv"):
        by_upazila[(row["district_bbs_code"], row["upazila_name_en"])].append(row)
    families = []
    for key, rows in by_upazila.items():
        upazila = upazilas[key]
        areas = [_area(Level.UNION, r) for r in rows]
        for area in areas:
            area.centre = _near(upazila.centre, rng, 0.06)
        families.append((upazila, areas))
    return admin_area_bulk_create(families)


def _invent_mouzas(
    unions: list[AdminArea], rng: random.Random, per_union: int
) -> dict[int, list[AdminArea]]:
    names = read_csv("names/mouza_names.csv")
    families = []
    for union in unions:
        picked = rng.sample(names, per_union)
        areas = [_area(Level.MOUZA, n) for n in picked]
        for area in areas:
            area.centre = _near(union.centre, rng, 0.02)
        families.append((union, areas))
    admin_area_bulk_create(families)  # gives each area its id and path in place
    return {union.pk: areas for union, areas in families}


def _invent_villages(
    unions: list[AdminArea], mouzas: dict[int, list[AdminArea]], rng: random.Random
) -> list[Village]:
    names = read_csv("names/mouza_names.csv")
    villages = [
        Village(
            union=union,
            name_en=name["name_en"],
            name_bn=name["name_bn"],
            location=_near(union.centre, rng, 0.015),
        )
        for union in unions
        for name in rng.sample(names, 2)
    ]
    villages = Village.objects.bulk_create(villages)
    links = [
        Village.mouzas.through(village_id=v.pk, adminarea_id=rng.choice(mouzas[v.union_id]).pk)
        for v in villages
    ]
    Village.mouzas.through.objects.bulk_create(links)
    return villages
