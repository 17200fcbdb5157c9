"""The cooperative services: every rule and refusal, each through one service call."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.gis.geos import MultiPolygon
from django.core.exceptions import PermissionDenied, ValidationError

from landclaims.cooperatives.models import CooperativeLand, CooperativeShare, Production
from landclaims.cooperatives.services import (
    MemberGroup,
    cooperative_create,
    cooperative_group_add,
    cooperative_group_remove,
    cooperative_land_add,
    cooperative_land_end,
    cooperative_land_update,
    cooperative_update,
    poisha,
    production_record,
)
from landclaims.core.concurrency import EditConflict
from tests import geoms
from tests.factories import OrganisationFactory, make_group, make_parcel, make_user

pytestmark = pytest.mark.django_db


def _field_of(error: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return set(error.value.message_dict)


# Money ----------------------------------------------------------------------------------------


def test_taka_become_whole_poisha_bengali_digits_too():
    assert poisha("১,৫০০.৫০".replace(",", ""), field="x") == 150050
    assert poisha(Decimal("12.3"), field="x") == 1230
    assert poisha(None, field="x") == 0


@pytest.mark.parametrize("bad", ["-5", "1.005", "abc"])
def test_a_bad_amount_is_refused_naming_the_field(bad):
    with pytest.raises(ValidationError) as error:
        poisha(bad, field="contribution_taka")
    assert _field_of(error) == {"contribution_taka"}


# The cooperative ------------------------------------------------------------------------------


def test_create_stores_shares_and_contributions_in_poisha(coop):
    shares = CooperativeShare.objects.filter(cooperative=coop.cooperative)
    assert sorted(shares.values_list("shares", "contribution_poisha")) == [(2, 50000), (2, 50000)]


def test_a_registration_date_needs_the_number(org, places):
    with pytest.raises(ValidationError) as error:
        cooperative_create(
            organisation=org,
            district=places.district_a,
            name_bn="সমবায়",
            registered_on=date(2022, 1, 5),
        )
    assert _field_of(error) == {"registration_no"}


def test_registration_number_is_kept_in_ascii_digits(org, places):
    cooperative = cooperative_create(
        organisation=org,
        district=places.district_a,
        name_bn="সমবায়",
        registration_no="দিনাজ/১২৩",
        registered_on=date(2022, 1, 5),
    )
    assert cooperative.registration_no == "দিনাজ/123"


def test_a_group_of_another_organisation_is_refused(org, other_org, places):
    foreign = make_group(organisation=other_org, village=places.village_a)
    with pytest.raises(ValidationError) as error:
        cooperative_create(
            organisation=org,
            district=places.district_a,
            name_bn="সমবায়",
            members=[MemberGroup(group=foreign)],
        )
    assert _field_of(error) == {"groups"}


def test_a_group_the_person_cannot_see_is_refused(org, places, legal_a):
    far = make_group(organisation=org, village=places.village_b)
    with pytest.raises(ValidationError) as error:
        cooperative_create(
            organisation=org,
            district=places.district_a,
            name_bn="সমবায়",
            members=[MemberGroup(group=far)],
            by=legal_a,
        )
    assert _field_of(error) == {"groups"}


def test_a_group_listed_twice_is_refused(org, places):
    group = make_group(organisation=org, village=places.village_a)
    with pytest.raises(ValidationError) as error:
        cooperative_create(
            organisation=org,
            district=places.district_a,
            name_bn="সমবায়",
            members=[MemberGroup(group=group), MemberGroup(group=group)],
        )
    assert _field_of(error) == {"groups"}


def test_a_district_outside_the_persons_districts_is_refused(org, places, legal_a):
    with pytest.raises(ValidationError) as error:
        cooperative_create(organisation=org, district=places.district_b, name_bn="সমবায়", by=legal_a)
    assert _field_of(error) == {"district"}


def test_another_organisations_cooperative_is_refused(org, other_org, places, outsider):
    with pytest.raises(ValidationError) as error:
        cooperative_create(
            organisation=org, district=places.district_a, name_bn="সমবায়", by=outsider
        )
    assert _field_of(error) == {"organisation"}


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_may_not_write(coop, org, places, role):
    user = coop.users[role]
    with pytest.raises(PermissionDenied):
        cooperative_create(organisation=org, district=places.district_a, name_bn="স", by=user)
    with pytest.raises(PermissionDenied):
        cooperative_update(cooperative=coop.cooperative, by=user, changes={"animator": "x"})
    with pytest.raises(PermissionDenied):
        production_record(
            cooperative=coop.cooperative, activity="paddy", season="aman", year=2023, by=user
        )


def test_update_raises_the_version_and_refuses_a_stale_one(coop):
    organiser = coop.users["organiser"]
    updated = cooperative_update(
        cooperative=coop.cooperative,
        by=organiser,
        changes={"animator": "Rokeya Begum"},
        expected_version=1,
    )
    assert (updated.animator, updated.version) == ("Rokeya Begum", 2)
    with pytest.raises(EditConflict):
        cooperative_update(
            cooperative=coop.cooperative,
            by=organiser,
            changes={"animator": "Someone"},
            expected_version=1,
        )


def test_the_district_cannot_be_changed(coop, places):
    with pytest.raises(ValidationError):
        cooperative_update(
            cooperative=coop.cooperative, by=None, changes={"district": places.district_b}
        )


def test_the_monitoring_partner_is_another_organisation(coop, org):
    with pytest.raises(ValidationError) as error:
        cooperative_update(
            cooperative=coop.cooperative, by=None, changes={"monitoring_partner": org}
        )
    assert _field_of(error) == {"monitoring_partner"}
    partner = OrganisationFactory(name_en="SUSTAIN", network=org)
    saved = cooperative_update(
        cooperative=coop.cooperative, by=None, changes={"monitoring_partner": partner}
    )
    assert saved.monitoring_partner == partner


def test_group_add_changes_an_existing_share_and_bumps_the_version(coop):
    group = coop.groups[0]
    cooperative_group_add(
        cooperative=coop.cooperative,
        member=MemberGroup(group=group, shares=5, contribution_taka="1250.50"),
        by=coop.users["organiser"],
        expected_version=1,
    )
    share = CooperativeShare.objects.get(cooperative=coop.cooperative, group=group)
    assert (share.shares, share.contribution_poisha) == (5, 125050)
    coop.cooperative.refresh_from_db()
    assert coop.cooperative.version == 2


def test_group_remove_refuses_a_group_not_in_it(coop, org, places):
    stranger = make_group(organisation=org, village=places.village_a)
    with pytest.raises(ValidationError) as error:
        cooperative_group_remove(cooperative=coop.cooperative, group=stranger, by=None)
    assert _field_of(error) == {"groups"}
    cooperative_group_remove(cooperative=coop.cooperative, group=coop.groups[0], by=None)
    assert list(coop.cooperative.groups.all()) == [coop.groups[1]]


# Land -------------------------------------------------------------------------------------------


def test_a_drawn_boundary_gives_the_geodesic_area(coop, places):
    land = cooperative_land_add(
        cooperative=coop.cooperative,
        tenure="leased",
        geom=geoms.square(places.mouza_a.centre.coords, 100),
        mouza=places.mouza_a,
        lease_rent_taka="12000",
        from_on=date(2023, 1, 1),
    )
    assert land.area_m2 == pytest.approx(Decimal(10000), rel=Decimal("0.01"))
    assert land.lease_rent_poisha == 1_200_000


def test_an_invalid_boundary_is_refused_never_repaired(coop):
    with pytest.raises(ValidationError) as error:
        cooperative_land_add(
            cooperative=coop.cooperative,
            tenure="owned",
            geom=MultiPolygon(geoms.bow_tie(), srid=4326),
        )
    assert _field_of(error) == {"geom"}
    assert not CooperativeLand.objects.exists()


def test_a_boundary_outside_bangladesh_is_refused(coop):
    far = geoms.square((10.0, 50.0), 100)
    with pytest.raises(ValidationError) as error:
        cooperative_land_add(cooperative=coop.cooperative, tenure="owned", geom=far)
    assert _field_of(error) == {"geom"}


def test_settled_khas_land_takes_the_parcels_boundary_area_and_mouza(coop):
    land = cooperative_land_add(
        cooperative=coop.cooperative, tenure="khas_settled", parcel=coop.parcel
    )
    assert land.geom.equals_exact(coop.parcel.geom, 1e-9)
    assert land.area_m2 == coop.parcel.area_m2
    assert land.mouza == coop.parcel.mouza


def test_a_parcel_only_for_settled_khas_land(coop):
    with pytest.raises(ValidationError) as error:
        cooperative_land_add(cooperative=coop.cooperative, tenure="owned", parcel=coop.parcel)
    assert _field_of(error) == {"parcel"}


def test_a_parcel_of_another_organisation_is_refused(coop, other_org, places):
    foreign = make_parcel(organisation=other_org, mouza=places.mouza_a)
    with pytest.raises(ValidationError) as error:
        cooperative_land_add(cooperative=coop.cooperative, tenure="khas_settled", parcel=foreign)
    assert _field_of(error) == {"parcel"}


def test_a_parcel_the_person_cannot_see_is_refused(coop, org, places):
    far = make_parcel(organisation=org, mouza=places.mouza_b)
    limited = make_user(organisation=org, role="organiser", districts=[places.district_a])
    with pytest.raises(ValidationError) as error:
        cooperative_land_add(
            cooperative=coop.cooperative, tenure="khas_settled", parcel=far, by=limited
        )
    assert _field_of(error) == {"parcel"}


def test_a_mouza_outside_the_cooperatives_district_is_refused(coop, places):
    with pytest.raises(ValidationError) as error:
        cooperative_land_add(cooperative=coop.cooperative, tenure="owned", mouza=places.mouza_b)
    assert _field_of(error) == {"mouza"}


def test_rent_only_for_leased_land(coop):
    with pytest.raises(ValidationError) as error:
        cooperative_land_add(cooperative=coop.cooperative, tenure="owned", lease_rent_taka="100")
    assert _field_of(error) == {"lease_rent_taka"}


def test_an_area_as_written_is_converted(coop):
    land = cooperative_land_add(
        cooperative=coop.cooperative, tenure="homestead", area_value="10", area_unit="decimal"
    )
    assert land.area_m2 == Decimal("404.69")


def test_end_dates_the_land_and_refuses_a_second_end(coop, frozen_today):
    land = cooperative_land_add(
        cooperative=coop.cooperative, tenure="leased", from_on=date(2022, 1, 1)
    )
    cooperative_land_end(land=land, to_on=date(2024, 1, 1), by=coop.users["organiser"])
    land.refresh_from_db()
    assert land.to_on == date(2024, 1, 1)
    with pytest.raises(ValidationError) as error:
        cooperative_land_end(land=land, to_on=date(2024, 2, 1), by=None)
    assert _field_of(error) == {"to_on"}


def test_end_before_the_start_is_refused(coop, frozen_today):
    land = cooperative_land_add(
        cooperative=coop.cooperative, tenure="leased", from_on=date(2023, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        cooperative_land_end(land=land, to_on=date(2022, 1, 1), by=None)
    assert _field_of(error) == {"to_on"}


def test_update_checks_a_new_boundary_too(coop, places):
    land = cooperative_land_add(cooperative=coop.cooperative, tenure="owned")
    with pytest.raises(ValidationError) as error:
        cooperative_land_update(
            land=land, by=None, changes={"geom": MultiPolygon(geoms.bow_tie(), srid=4326)}
        )
    assert _field_of(error) == {"geom"}
    saved = cooperative_land_update(
        land=land, by=None, changes={"geom": geoms.square(places.mouza_a.centre.coords, 50)}
    )
    assert saved.area_m2 == pytest.approx(Decimal(2500), rel=Decimal("0.01"))


def test_land_from_a_khas_parcel_keeps_its_tenure(coop):
    land = cooperative_land_add(
        cooperative=coop.cooperative, tenure="khas_settled", parcel=coop.parcel
    )
    with pytest.raises(ValidationError) as error:
        cooperative_land_update(land=land, by=None, changes={"tenure": "owned"})
    assert _field_of(error) == {"tenure"}


# Production ---------------------------------------------------------------------------------------


def test_production_stores_sales_and_costs_in_poisha(coop):
    land = cooperative_land_add(cooperative=coop.cooperative, tenure="owned")
    row = production_record(
        cooperative=coop.cooperative,
        land=land,
        activity="paddy",
        season="aman",
        year=2023,
        output_quantity=Decimal("1200"),
        output_unit="kg",
        sales_taka="৩৬০০০",
        costs_taka="12500.25",
    )
    assert (row.sales_poisha, row.costs_poisha) == (3_600_000, 1_250_025)


def test_output_needs_its_unit(coop):
    with pytest.raises(ValidationError) as error:
        production_record(
            cooperative=coop.cooperative,
            activity="fish",
            season="year_round",
            year=2023,
            output_quantity=Decimal("50"),
        )
    assert _field_of(error) == {"output_unit"}


def test_land_of_another_cooperative_is_refused(coop, org, places):
    from tests.factories import make_cooperative

    other = make_cooperative(organisation=org, district=places.district_a)
    land = cooperative_land_add(cooperative=other, tenure="owned")
    with pytest.raises(ValidationError) as error:
        production_record(
            cooperative=coop.cooperative, land=land, activity="paddy", season="boro", year=2023
        )
    assert _field_of(error) == {"land"}


def test_a_future_year_is_refused(coop, frozen_today):
    with pytest.raises(ValidationError) as error:
        production_record(cooperative=coop.cooperative, activity="paddy", season="boro", year=2025)
    assert _field_of(error) == {"year"}
    assert not Production.objects.exists()
