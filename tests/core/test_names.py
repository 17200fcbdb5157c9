"""Names in one form: a name typed with the precomposed nukta letters (ড় ঢ় য়, as phone
keyboards type them) is stored, searched and matched as the same name typed letter + nukta."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

from landclaims.api.filters import AdminAreaFilter
from landclaims.cases.selectors import case_list
from landclaims.claims.selectors import claim_list
from landclaims.core.fields import normalise_stored_names
from landclaims.core.text import normalise_name
from landclaims.groups.selectors import group_list
from landclaims.groups.services import member_create
from landclaims.maps.selectors import map_search
from landclaims.parcels.selectors import parcel_list
from landclaims.places.models import AdminArea
from landclaims.places.services import admin_area_create
from tests.factories import make_case, make_claim, make_group, make_user

pytestmark = pytest.mark.django_db

LETTER_NUKTA = "ন\u09af\u09bcাপা\u09a1\u09bcা"  # Nayapara: য + nukta, ড + nukta
PRECOMPOSED = "ন\u09dfাপা\u09dcা"  # য় (U+09DF), ড় (U+09DC)


def test_the_two_spellings_are_one_name() -> None:
    assert PRECOMPOSED != LETTER_NUKTA
    assert normalise_name(PRECOMPOSED) == normalise_name(LETTER_NUKTA) == LETTER_NUKTA
    assert normalise_name("\u09a2\u09bc") == normalise_name("\u09dd")  # ঢ়


def test_old_khanda_ta_and_spaces() -> None:
    assert normalise_name("  হঠা\u09a4\u09cd\u200d  মাঠ ") == "হঠা\u09ce মাঠ"


@pytest.mark.parametrize("typed", [PRECOMPOSED, LETTER_NUKTA])
def test_a_stored_name_takes_one_form(places: Any, typed: str) -> None:
    area = admin_area_create(level="mouza", name_en="Bil", name_bn=typed, parent=places.union_a)
    stored = AdminArea.objects.values_list("name_bn", flat=True).get(pk=area.pk)
    assert stored == LETTER_NUKTA


def test_the_database_refuses_a_name_not_in_nfc(places: Any) -> None:
    refused = pytest.raises(IntegrityError, match="adminarea_name_bn_nfc")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE places_adminarea SET name_bn = %s WHERE id = %s",
            [PRECOMPOSED, places.mouza_a.pk],
        )


@pytest.mark.parametrize(
    ("stored", "typed"), [(PRECOMPOSED, LETTER_NUKTA), (LETTER_NUKTA, PRECOMPOSED)]
)
def test_each_spelling_finds_the_other(places: Any, org: Any, stored: str, typed: str) -> None:
    mouza = admin_area_create(
        level="mouza", name_en="Bil", name_bn=stored, parent=places.union_a,
        centre=places.mouza_a.centre,
    )  # fmt: skip
    user = make_user(organisation=org, role="admin")
    claim = make_claim(organisation=org, village=places.village_a, mouza=mouza)
    group = make_group(organisation=org, village=places.village_a, name_bn=stored)

    assert list(claim_list(user=user, mouza_name=typed)) == [claim]
    assert list(parcel_list(user=user, search=typed)) == list(claim.parcels.all())
    assert list(group_list(user=user, search=typed)) == [group]
    assert list(AdminAreaFilter({"name": typed}, AdminArea.objects.all()).qs) == [mouza]
    found = {
        (hit.kind, hit.query.get("area") or hit.query.get("group"))
        for hit in map_search(user=user, text=typed)
    }
    assert {("area", str(mouza.pk)), ("group", str(group.pk))} <= found


def test_a_name_with_bengali_digits_is_found_by_ascii_digits(places: Any, org: Any) -> None:
    user = make_user(organisation=org, role="admin")
    group = make_group(organisation=org, village=places.village_a, name_bn="২ নং ভূমিহীন সমিতি")
    assert list(group_list(user=user, search="2 নং")) == [group]
    assert list(group_list(user=user, search="২ নং")) == [group]


def test_court_names_match_either_spelling(places: Any, org: Any) -> None:
    user = make_user(organisation=org, role="admin")
    case = make_case(organisation=org, district=places.district_a, court_name=f"{PRECOMPOSED} আদালত")
    assert list(case_list(user=user, court=LETTER_NUKTA)) == [case]


def test_member_names_are_normalised_before_encryption(places: Any, org: Any) -> None:
    group = make_group(organisation=org, village=places.village_a)
    member = member_create(
        group=group, code="M-1", name_bn=PRECOMPOSED, sex="female",
        priority_category="no_homestead_no_land", by=None,
    )  # fmt: skip
    member.refresh_from_db()
    assert member.name_bn == LETTER_NUKTA


def test_the_migration_step_rewrites_names_written_before(places: Any) -> None:
    with connection.cursor() as cursor:  # NFC, so the check lets it in; the spaces are not
        cursor.execute(
            "UPDATE places_adminarea SET name_en = '  Bil   Kuralia ' WHERE id = %s",
            [places.mouza_a2.pk],
        )
    step = normalise_stored_names("places", "adminarea", "name_en", "name_bn")
    step.code(apps, None)
    assert AdminArea.objects.get(pk=places.mouza_a2.pk).name_en == "Bil Kuralia"
