"""visible_to(user): organisation first, then districts, for every kind of record."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from landclaims.allocations.models import Allocation
from landclaims.cases.models import Hearing, InterimOrder, LegalCase
from landclaims.cases.services import hearing_schedule, interim_order_record
from landclaims.claims.models import Claim, ClaimEvent
from landclaims.claims.services import claim_create
from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.services import member_create
from landclaims.incidents.models import Incident
from landclaims.incidents.services import incident_record
from landclaims.parcels.models import Parcel
from tests.factories import make_case, make_claim, make_group, make_parcel, make_user

pytestmark = pytest.mark.django_db

SCOPED_MODELS = [
    Parcel,
    LandlessGroup,
    Member,
    Claim,
    ClaimEvent,
    LegalCase,
    Hearing,
    InterimOrder,
    Incident,
]


@pytest.fixture
def records(org, places):
    """One of everything in district A and in district B."""
    made = {}
    for key, village, mouza, district in (
        ("a", places.village_a, places.mouza_a, places.district_a),
        ("b", places.village_b, places.mouza_b, places.district_b),
    ):
        claim = make_claim(organisation=org, village=village, mouza=mouza)
        group = claim.groups.get()
        member_create(
            group=group, code=f"M-{key}", sex="female", priority_category="no_homestead_no_land"
        )
        case = make_case(organisation=org, district=district, claims=[claim])
        hearing_schedule(
            case=case, on=date(2030, 1, 1), purpose="hearing", by=None, fixed_on=date(2024, 1, 1)
        )
        interim_order_record(case=case, kind="stay", made_on=date(2024, 1, 1), by=None)
        incident_record(
            organisation=org,
            district=district,
            kind="threat",
            occurred_on=date(2024, 1, 2),
            claim=claim,
        )
        made[key] = claim
    return made


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m.__name__)
def test_a_user_of_another_organisation_sees_nothing(model, records, outsider) -> None:
    assert model.objects.visible_to(outsider).count() == 0


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m.__name__)
def test_district_staff_see_only_their_district(model, records, legal_a, places) -> None:
    everything = model.objects.all().count()
    visible = model.objects.visible_to(legal_a).count()
    assert 0 < visible < everything


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m.__name__)
def test_an_organisation_wide_user_sees_all_of_their_organisation(
    model, records, organiser
) -> None:
    assert model.objects.visible_to(organiser).count() == model.objects.count()


def test_anonymous_users_see_nothing(records) -> None:
    assert Claim.objects.visible_to(AnonymousUser()).count() == 0


def test_a_user_without_a_membership_sees_nothing(records, no_membership) -> None:
    assert Parcel.objects.visible_to(no_membership).count() == 0


def test_an_inactive_user_sees_nothing(records, organiser) -> None:
    organiser.is_active = False
    assert Claim.objects.visible_to(organiser).count() == 0


def test_a_superuser_sees_every_organisation(records, org, other_org, places) -> None:
    make_claim(organisation=other_org, village=places.village_a, mouza=places.mouza_a2)
    root = make_user(organisation=None)
    root.is_superuser = True
    root.save()
    assert Claim.objects.visible_to(root).count() == 3


def test_allocations_follow_their_parcels_district(records, org, legal_a) -> None:
    from landclaims.allocations.services import allocation_record

    for claim in records.values():
        allocation_record(
            parcel=claim.parcels.get(),
            claim=claim,
            area_value="10",
            area_unit="decimal",
            title="joint",
        )
    visible = Allocation.objects.visible_to(legal_a)
    assert [a.claim for a in visible] == [records["a"]]


def test_a_record_lies_in_an_area_once_however_many_of_its_parcels_do(org, places) -> None:
    """`in_area` follows many-valued links (a claim's parcels) without repeating the claim."""
    parcels = [make_parcel(organisation=org, mouza=m) for m in (places.mouza_a, places.mouza_a2)]
    group = make_group(organisation=org, village=places.village_a)
    claim = claim_create(
        organisation=org, groups=[group], parcels=parcels, by=None, opened_on=date(2020, 1, 10)
    )
    assert list(Claim.objects.in_area(places.union_a)) == [claim]
    assert list(Claim.objects.in_area(places.mouza_a2)) == [claim]
    assert list(Claim.objects.in_area(places.district_b)) == []


def test_a_model_without_area_paths_cannot_be_filtered_by_area(places) -> None:
    with pytest.raises(TypeError):
        ClaimEvent.objects.in_area(places.district_a)
