"""The CSV choice lists phones download: only what the person may see and write to, named
without ids in their language (Bangla as Bangla), and byte-for-byte the same until a list
changes, so ODK Collect downloads a list again only when it has to."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from landclaims.cases.services import hearing_record_held, hearing_schedule
from landclaims.core.preferences import preference_save
from landclaims.odk.lists import media_file
from tests.factories import make_case, make_group, make_parcel, make_training, make_user

pytestmark = pytest.mark.django_db


def _rows(user, name: str, language: str = "en") -> list[dict[str, str]]:
    with translation.override(language):
        found = media_file(user, name)
    assert found is not None
    return list(csv.DictReader(io.StringIO(found.content.decode("utf-8"))))


def _labels(user, name: str, language: str = "en") -> list[str]:
    return [row["label"] for row in _rows(user, name, language)]


def _names(user, name: str) -> set[str]:
    return {row["name"] for row in _rows(user, name)}


@pytest.fixture
def organiser_a(org, places):
    return make_user(organisation=org, role="organiser", districts=[places.district_a])


def test_a_list_no_form_uses_is_none(organiser) -> None:
    assert media_file(organiser, "members.csv") is None


def test_groups_are_the_persons_own_district_and_organisation_only(
    org, other_org, places, organiser_a
) -> None:
    ours = make_group(organisation=org, village=places.village_a, name_bn="আলোর দিশা")
    make_group(organisation=org, village=places.village_b, name_bn="অন্য জেলা")
    make_group(organisation=other_org, village=places.village_a, name_bn="অন্য সংগঠন")
    assert _names(organiser_a, "groups.csv") == {str(ours.pk)}


def test_a_groups_label_is_its_name_in_both_scripts_and_its_village_without_an_id(
    org, places, organiser_a
) -> None:
    make_group(organisation=org, village=places.village_a, name_bn="আলোর দিশা", name_en="Alor Disha")
    assert _labels(organiser_a, "groups.csv") == ["Alor Disha · আলোর দিশা (Charpara)"]
    assert _labels(organiser_a, "groups.csv", "bn") == ["আলোর দিশা · Alor Disha (চরপাড়া)"]


def test_bangla_names_survive_as_utf8(org, places, organiser_a) -> None:
    make_group(organisation=org, village=places.village_a, name_bn="আলোর দিশা")
    with translation.override("bn"):
        content = media_file(organiser_a, "groups.csv").content
    assert "আলোর দিশা (চরপাড়া)".encode() in content
    assert content.startswith(b"name,label\n")


def test_the_persons_own_language_wins_over_the_requests(org, places, organiser_a) -> None:
    make_group(organisation=org, village=places.village_a, name_bn="আলোর দিশা", name_en="Alor Disha")
    preference_save(user=organiser_a, language="bn")
    assert _labels(organiser_a, "groups.csv", "en") == ["আলোর দিশা · Alor Disha (চরপাড়া)"]


def test_mouzas_and_villages_are_those_of_the_persons_districts(places, organiser_a) -> None:
    mouzas = _rows(organiser_a, "mouzas.csv")
    assert {row["name"] for row in mouzas} == {str(places.mouza_a.pk), str(places.mouza_a2.pk)}
    assert [row["label"] for row in mouzas] == [
        "Bil Kuralia · বিলকুড়ালিয়া (Tangail Union, Tangail)",
        "Tangail Mouza · চরপাড়া (Tangail Union, Tangail)",
    ]
    assert _labels(organiser_a, "villages.csv") == ["Charpara · চরপাড়া (Tangail Union, Tangail)"]


def test_staff_of_all_districts_get_the_places_where_their_organisation_works(
    org, other_org, places, organiser
) -> None:
    make_group(organisation=other_org, village=places.village_b)
    everywhere = {str(places.mouza_a.pk), str(places.mouza_a2.pk), str(places.mouza_b.pk)}
    # Nothing recorded yet: every district, so the first group can be registered.
    assert _names(organiser, "mouzas.csv") == everywhere
    make_parcel(organisation=org, mouza=places.mouza_a)
    assert _names(organiser, "mouzas.csv") == {str(places.mouza_a.pk), str(places.mouza_a2.pk)}
    assert _names(organiser, "villages.csv") == {str(places.village_a.pk)}
    make_group(organisation=org, village=places.village_b)
    assert _names(organiser, "mouzas.csv") == everywhere


def test_the_hash_stays_on_a_second_sync_and_changes_with_a_new_group(
    org, places, organiser_a
) -> None:
    make_group(organisation=org, village=places.village_a, name_bn="আলোর দিশা")
    first, again = media_file(organiser_a, "groups.csv"), media_file(organiser_a, "groups.csv")
    assert first.md5 == again.md5 and first.content == again.content
    make_group(organisation=org, village=places.village_a, name_bn="নতুন সমিতি")
    assert media_file(organiser_a, "groups.csv").md5 != first.md5


def test_people_who_write_nothing_get_an_empty_list(org, places) -> None:
    make_group(organisation=org, village=places.village_a)
    monitor = make_user(organisation=org, role="monitor")
    for name in ("groups.csv", "villages.csv", "mouzas.csv", "claims.csv", "trainings.csv"):
        assert media_file(monitor, name).content == b"name,label\n"


@pytest.fixture
def hearings(org, places):
    """A pending hearing and a held one in district A, a pending one in district B."""
    pending = hearing_schedule(
        case=make_case(organisation=org, district=places.district_a, number="364", year=2017),
        on=timezone.localdate() + timedelta(days=10),
        purpose="hearing",
        by=None,
    )
    held_case = make_case(organisation=org, district=places.district_a)
    held = hearing_schedule(
        case=held_case, on=date(2024, 5, 28), purpose="hearing", by=None, fixed_on=date(2024, 5, 1)
    )
    hearing_record_held(hearing=held, by=None)
    elsewhere = hearing_schedule(
        case=make_case(organisation=org, district=places.district_b),
        on=timezone.localdate() + timedelta(days=3),
        purpose="hearing",
        by=None,
    )
    return pending, held, elsewhere


def test_legal_staff_get_only_the_pending_hearings_of_their_cases(legal_a, hearings) -> None:
    pending, _held, _elsewhere = hearings
    rows = _rows(legal_a, "hearings.csv")
    assert [row["name"] for row in rows] == [str(pending.pk)]
    assert rows[0]["label"].startswith("Writ Petition No. 364 of 2017 · ")
    assert rows[0]["scheduled_on"] == pending.scheduled_on.isoformat()


def test_organisers_get_no_hearings(org, organiser, hearings) -> None:
    assert media_file(organiser, "hearings.csv").content == b"name,label,scheduled_on\n"


def test_trainings_of_the_last_year_and_the_coming_months_only(org, places, organiser) -> None:
    today = timezone.localdate()
    recent = make_training(
        organisation=org, district=places.district_a, title="Rights", title_bn="অধিকার",
        started_on=today - timedelta(days=40), ended_on=today - timedelta(days=39),
    )  # fmt: skip
    make_training(
        organisation=org, district=places.district_a, title="Old",
        started_on=today - timedelta(days=800), ended_on=today - timedelta(days=799),
    )  # fmt: skip
    assert _names(organiser, "trainings.csv") == {str(recent.pk)}
    assert _labels(organiser, "trainings.csv", "bn")[0].startswith("অধিকার · Rights · ")


def test_claims_are_the_persons_own_by_their_number(org, other_org, places, organiser_a) -> None:
    from tests.factories import make_claim

    ours = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    make_claim(organisation=other_org, village=places.village_a, mouza=places.mouza_a)
    assert _labels(organiser_a, "claims.csv") == [f"Claim {ours.pk} · Identified"]
