"""Names in imported files match the stored names whichever way the nukta letters were typed
(a precomposed য় from a phone keyboard, or য + nukta)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from landclaims.claims.models import Claim
from landclaims.parcels.models import Parcel
from tests.conftest import Places
from tests.factories import make_group, make_parcel
from tests.imports.conftest import parcel_frame, run_import, write_gpkg


def precomposed(name: str) -> str:
    """`name` as a phone keyboard types it: ড় and য় as single code points."""
    return name.replace("\u09a1\u09bc", "\u09dc").replace("\u09af\u09bc", "\u09df")


def test_a_mouza_typed_with_precomposed_letters_is_found(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    typed = precomposed(places.mouza_a2.name_bn)  # বিলকুড়ালিয়া
    assert typed != places.mouza_a2.name_bn
    frame = parcel_frame(places, 2, mouza=[typed, typed])
    outcome = run_import(write_gpkg(frame, tmp_path / "p.gpkg"), organiser)
    assert outcome.error == "", outcome.output
    assert Parcel.objects.filter(mouza=places.mouza_a2).count() == 2


def test_a_group_and_village_typed_with_precomposed_letters_are_found(
    tmp_path: Path, places: Places, org: Any, organiser: Any, frozen_today: Any
) -> None:
    make_parcel(organisation=org, mouza=places.mouza_a, dag_nos=["42"])
    group = make_group(organisation=org, village=places.village_a, name_bn="চরপাড়া সমিতি")
    row = f"Tangail Mouza,RS,42,{precomposed(group.name_bn)},{precomposed('চরপাড়া')},2020-03-12"
    path = tmp_path / "claims.csv"
    path.write_text(f"mouza,survey,dag_no,group,village,opened_on\n{row}\n", encoding="utf-8")
    outcome = run_import(path, organiser, kind="claims")
    assert outcome.error == "", outcome.output
    assert list(Claim.objects.get().groups.all()) == [group]
