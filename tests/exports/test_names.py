"""Export files are named by layer, area and date (landclaims-claims-tangail-2026-12-06.gpkg),
never by a record id, in characters every system and zip tool accepts."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from landclaims.exports.models import ExportLog
from landclaims.exports.names import export_file_stem, file_part
from tests.factories import log_in

DAY = date(2026, 12, 6)
# What Windows refuses in a file name, and what would make a path of it.
UNSAFE = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


def area(name_en: str = "", name_bn: str = "") -> SimpleNamespace:
    return SimpleNamespace(name_en=name_en, name_bn=name_bn)


def test_a_file_is_named_by_layer_area_and_date() -> None:
    stem = export_file_stem(layer="claims", area=area("Tangail", "টাঙ্গাইল"), on=DAY)
    assert stem == "landclaims-claims-tangail-2026-12-06"


def test_without_an_area_the_name_has_layer_and_date() -> None:
    assert export_file_stem(layer="admin_areas", area=None, on=DAY) == (
        "landclaims-admin-areas-2026-12-06"
    )


def test_an_area_with_only_a_bengali_name_keeps_it_with_its_vowel_signs() -> None:
    stem = export_file_stem(layer="parcels", area=area("", "চর কালিকাপুর"), on=DAY)
    assert stem == "landclaims-parcels-চর-কালিকাপুর-2026-12-06"


@pytest.mark.parametrize(
    "name",
    [
        'Cox\'s Bazar: "Sadar" / Ward <3>?',
        "Chittägong\\Hill*Tracts|",
        "  ...Tangail...  ",
        "Kurigram\u0000\u001f\ttab",
        "x" * 500,
    ],
)
def test_unsafe_characters_never_reach_the_name(name: str) -> None:
    stem = export_file_stem(layer="groups", area=area(name), on=DAY)
    assert not UNSAFE & set(stem)
    assert not stem.endswith((".", " ")) and "--" not in stem
    assert len(stem) <= 100


def test_latin_accents_are_dropped_and_case_folded() -> None:
    assert file_part("Chittägong Hill Tracts") == "chittagong-hill-tracts"


def test_the_download_carries_the_areas_name_not_its_id(data, client, organiser) -> None:
    log_in(client, organiser)
    district = data.world.places.district_a
    client.post(
        reverse("exports:index"),
        {
            "layer": "claims",
            "file_format": "gpkg",
            "srid": "4326",
            "profile": "public",
            "area": district.pk,
        },
    )
    log = ExportLog.objects.get()
    download = client.get(reverse("exports:download", args=[log.pk]))
    name = download["Content-Disposition"].split("filename=")[1].strip('"')
    made_on = timezone.localdate(log.requested_at)
    expected = f"landclaims-claims-{district.name_en.lower()}-{made_on:%Y-%m-%d}"
    assert name == f"{expected}.gpkg"
