"""Partner networks: a network's staff count their partners' records on the dashboard, and
see none of them anywhere else (pages, API, exports, map tiles); a partner's staff see only
their own, as before.

On the map tests' small world, `org` (Nijera Kori there) is made a partner of `other_org`,
so `outsider` (an admin of other_org) is now the network's staff.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from landclaims.core.models import Organisation
from landclaims.core.scoping import counted_organisation_ids
from landclaims.dashboard.forms import DashboardFilterForm
from landclaims.dashboard.selectors import DashboardFilters, dashboard, home_counts
from landclaims.exports.services import export_layer
from landclaims.groups.models import LandlessGroup
from landclaims.parcels.models import Parcel
from tests.api.conftest import client_for
from tests.exports.conftest import export_dir  # noqa: F401 - files go to a temporary dir
from tests.exports.helpers import read_back
from tests.factories import OrganisationFactory, log_in, make_user
from tests.maps.conftest import World, parcel_ids, world  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(world: World, org: Organisation, other_org: Organisation) -> Organisation:  # noqa: F811
    """other_org becomes a network with org as its partner."""
    org.network = other_org
    org.save(update_fields=["network"])
    return other_org


def _partner_groups(org: Organisation) -> set[int]:
    return set(LandlessGroup.objects.filter(organisation=org).values_list("pk", flat=True))


def test_the_network_counts_its_partners_groups_on_the_dashboard(
    network: Organisation, org: Organisation, outsider: Any, organiser: Any
) -> None:
    theirs = dashboard(user=outsider, filters=DashboardFilters())
    ours = dashboard(user=organiser, filters=DashboardFilters())
    own_groups = LandlessGroup.objects.filter(organisation=network).count()
    total = theirs.groups.women_groups + theirs.groups.men_groups
    assert total == own_groups + len(_partner_groups(org))
    assert ours.groups.women_groups + ours.groups.men_groups == len(_partner_groups(org))
    assert theirs.claims == ours.claims + 1  # the network's own claim and the partner's
    # The home page's counts open lists, so they stay the network's own.
    assert home_counts(user=outsider).groups == own_groups


def test_the_filter_offers_the_network_and_its_partners(
    network: Organisation, org: Organisation, outsider: Any, organiser: Any
) -> None:
    stranger = OrganisationFactory(name_en="Not a partner", slug="stranger")
    offered = DashboardFilterForm(user=outsider).fields["organisation"].queryset
    assert set(offered) == {network, org}
    assert stranger not in offered
    assert set(DashboardFilterForm(user=organiser).fields["organisation"].queryset) == {org}
    assert counted_organisation_ids(organiser) == frozenset({org.pk})


def test_the_dashboard_page_shows_the_partners_totals_but_no_names(
    client: Any, network: Organisation, org: Organisation, outsider: Any
) -> None:
    log_in(client, outsider)
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 200
    page = response.content.decode()
    for group in LandlessGroup.objects.filter(organisation=org):
        assert group.name_bn not in page
        assert (group.name_en or group.name_bn) not in page
    response = client.get(reverse("dashboard:index"), {"organisation": org.pk})
    assert response.status_code == 200


def test_no_partner_record_opens_for_the_network(
    client: Any,
    network: Organisation,
    org: Organisation,
    outsider: Any,
    world: World,  # noqa: F811
) -> None:
    log_in(client, outsider)
    for url in (
        reverse("groups:detail", args=[world.group_1.pk]),
        reverse("parcels:detail", args=[world.p_identified.pk]),
        reverse("claims:detail", args=[world.claim_identified.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_api_lists_no_partner_record_to_the_network(
    network: Organisation,
    org: Organisation,
    outsider: Any,
    world: World,  # noqa: F811
) -> None:
    api = client_for(outsider)
    groups = {g["id"] for g in api.get("/api/v1/groups/").json()["results"]}
    assert groups == {world.other_group.pk}
    parcels = api.get("/api/v1/parcels/").json()
    ids = {f["id"] for f in parcels.get("features", parcels.get("results", []))}
    assert ids == {world.other_claimed.pk, world.other_bare.pk}
    assert api.get(f"/api/v1/groups/{world.group_1.pk}/").status_code == 404


def test_an_export_holds_no_partner_record_for_the_network(
    network: Organisation,
    org: Organisation,
    outsider: Any,
    world: World,  # noqa: F811
) -> None:
    result = export_layer(user=outsider, layer="groups", file_format="csv", profile="staff")
    ids = {int(i) for i in read_back(result.path, "csv", layer="groups")["id"]}
    assert ids == {world.other_group.pk}
    assert not ids & _partner_groups(org)


def test_map_tiles_hold_no_partner_parcel_for_the_network(
    client: Any, network: Organisation, org: Organisation, outsider: Any, organiser: Any
) -> None:
    log_in(client, outsider)
    assert parcel_ids(client) == set(
        Parcel.objects.filter(organisation=network).exclude(geom=None).values_list("pk", flat=True)
    )
    # And the partner's staff see nothing of the network's.
    log_in(client, organiser)
    seen = parcel_ids(client)
    assert seen and not seen & set(
        Parcel.objects.filter(organisation=network).values_list("pk", flat=True)
    )


def test_a_partner_counts_nothing_of_another_partner(
    network: Organisation, org: Organisation, organiser: Any, places: Any
) -> None:
    second = OrganisationFactory(name_en="Second partner", slug="second", network=network)
    staff = make_user(organisation=second, role="organiser")
    board = dashboard(user=staff, filters=DashboardFilters())
    assert board.claims == 0
    assert board.groups.women_groups + board.groups.men_groups == 0
    assert counted_organisation_ids(staff) == frozenset({second.pk})
    asked = dashboard(user=staff, filters=DashboardFilters(organisation=org))
    assert asked.claims == 0 and asked.groups.women_groups == 0
