"""Partner networks are one level deep: who may be a partner of whom, and what a network's
staff may count (their own organisation and its partners) against what they may see (their
own organisation's records only)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from landclaims.core.scoping import counted_organisation_ids, scope_for
from landclaims.core.services import organisation_update
from landclaims.groups.models import LandlessGroup
from tests.factories import OrganisationFactory, make_group, make_user

pytestmark = pytest.mark.django_db


def test_an_organisation_joins_a_network_through_the_service(org: Any) -> None:
    network = OrganisationFactory(slug="alrd")
    organisation_update(organisation=org, changes={"network": network})
    org.refresh_from_db()
    assert org.network == network
    assert list(network.partners.all()) == [org]


def test_an_organisation_is_not_its_own_network(org: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        organisation_update(organisation=org, changes={"network": org})
    assert "network" in refused.value.message_dict


def test_a_partner_cannot_be_a_network(org: Any) -> None:
    network = OrganisationFactory(slug="alrd")
    organisation_update(organisation=org, changes={"network": network})
    third = OrganisationFactory(slug="third")
    with pytest.raises(ValidationError) as refused:
        organisation_update(organisation=third, changes={"network": org})
    assert "network" in refused.value.message_dict
    assert third.network_id is None


def test_a_network_cannot_become_a_partner(org: Any) -> None:
    network = OrganisationFactory(slug="alrd")
    organisation_update(organisation=org, changes={"network": network})
    other = OrganisationFactory(slug="other-network")
    with pytest.raises(ValidationError) as refused:
        organisation_update(organisation=network, changes={"network": other})
    assert "network" in refused.value.message_dict


def test_a_network_counts_its_partners_but_sees_only_its_own(org: Any, places: Any) -> None:
    network = OrganisationFactory(slug="alrd")
    organisation_update(organisation=org, changes={"network": network})
    partner_group = make_group(organisation=org, village=places.village_a)
    own_group = make_group(organisation=network, village=places.village_a)
    staff = make_user(organisation=network, role="monitor")
    assert counted_organisation_ids(staff) == frozenset({network.pk, org.pk})
    assert scope_for(staff).organisation_id == network.pk
    assert set(LandlessGroup.objects.visible_to(staff)) == {own_group}
    assert set(LandlessGroup.objects.countable_by(staff)) == {own_group, partner_group}
    partner_staff = make_user(organisation=org, role="organiser")
    assert set(LandlessGroup.objects.countable_by(partner_staff)) == {partner_group}


def test_district_limits_apply_to_the_partners_records_too(org: Any, places: Any) -> None:
    network = OrganisationFactory(slug="alrd")
    organisation_update(organisation=org, changes={"network": network})
    in_a = make_group(organisation=org, village=places.village_a)
    make_group(organisation=org, village=places.village_b)
    staff = make_user(organisation=network, role="monitor", districts=[places.district_a])
    assert set(LandlessGroup.objects.countable_by(staff)) == {in_a}


def test_nobody_without_a_membership_counts_anything(no_membership: Any, places: Any) -> None:
    make_group(organisation=OrganisationFactory(), village=places.village_a)
    assert counted_organisation_ids(no_membership) == frozenset()
    assert not LandlessGroup.objects.countable_by(no_membership).exists()
