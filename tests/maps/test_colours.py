"""The colours stored for the tiles (maps.colours, `ParcelColour`) agree with the rules they
restate, after every kind of write, for every kind of user.

The rules: the leading claim (claims.leading: the lateral-join SQL over the claims the user
may see, as the tiles read it before the colours were stored) and the freezing orders in
force (cases.selectors.under_freezing_order, made from cases.models.order_in_force). The
read side compared is the tiles' own (maps.selectors.parcels_with_claims_sql, frozen_sql),
so the per-user fallback for records in other districts is checked with it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection

from landclaims.cases.models import InterimOrder, LegalCase
from landclaims.cases.selectors import order_not_ended, under_freezing_order
from landclaims.cases.services import interim_order_record, interim_order_vacate
from landclaims.claims.leading import leading_claim_join
from landclaims.claims.models import Claim
from landclaims.claims.services import claim_advance, claim_change_possession
from landclaims.maps.selectors import (
    MapFilters,
    _claims_sql,
    _sql,
    frozen_sql,
    map_parcels,
    parcels_with_claims_sql,
)
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea
from tests.factories import UserFactory, make_case, make_parcel, make_user

# Days around every order the writes below make (2024) and the fixture's stay (2024-01-15).
DAYS = [date(2023, 12, 31), date(2024, 1, 15), date(2024, 3, 1), date(2024, 3, 31)]
DAYS += [date(2024, 4, 1), date(2024, 4, 2), date(2024, 6, 30), date(2024, 7, 1), date(2030, 1, 1)]


def _by_rule(user: Any, day: date) -> dict[int, tuple[Any, ...]]:
    """Per visible parcel: leading claim, stage, possession, frozen: the per-user rules."""
    source = _sql(map_parcels(user=user, filters=MapFilters()).values("id", "organisation_id"))
    claims = _claims_sql(user)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.id, lc.id, lc.stage, lc.possession FROM ({source.sql}) p "  # noqa: S608
            f"{leading_claim_join(claims.sql)}",
            [*source.params, *claims.params],
        )
        rows = {row[0]: row[1:] for row in cursor.fetchall()}
    frozen = set(
        Parcel.objects.filter(under_freezing_order(user=user, today=day)).values_list(
            "pk", flat=True
        )
    )
    return {pk: (*values, pk in frozen) for pk, values in rows.items()}


def _as_tiles_read(user: Any, day: date) -> dict[int, tuple[Any, ...]]:
    frozen = frozen_sql(user=user, today=day)
    part = parcels_with_claims_sql(
        user=user,
        filters=MapFilters(),
        columns=f"p.id, lc.id, lc.stage, lc.possession, {frozen.sql}",
        parcels=map_parcels(user=user, filters=MapFilters()),
    )
    with connection.cursor() as cursor:
        cursor.execute(part.sql, [*frozen.params, *part.params])
        return {row[0]: row[1:] for row in cursor.fetchall()}


def _stored_groups() -> dict[int, int | None]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT parcel_id, group_id FROM maps_parcelcolour")
        return dict(cursor.fetchall())


def _first_groups() -> dict[int, int | None]:
    """The leading claim's first group, by the ORM rule, for every parcel."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.id, (SELECT min(landlessgroup_id) FROM claims_claim_groups g "  # noqa: S608
            f"WHERE g.claim_id = lc.id) FROM parcels_parcel p "
            f"{leading_claim_join('SELECT * FROM claims_claim')}"
        )
        return dict(cursor.fetchall())


def _stored_rows() -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM maps_parcelcolour ORDER BY parcel_id")
        return cursor.fetchall()


def assert_colours_agree(users: list[Any]) -> None:
    # One stored row per parcel, and the group the rule gives.
    assert _stored_groups() == _first_groups()
    for user in users:
        for day in DAYS:
            assert _as_tiles_read(user, day) == _by_rule(user, day), (user.username, day)
    # The set-based recolouring (bulk loads) gives the same rows as the per-write one.
    incremental = _stored_rows()
    with connection.cursor() as cursor:
        cursor.execute("SELECT maps_colour_all()")
    assert _stored_rows() == incremental


@pytest.fixture
def users(world, org, other_org) -> list[Any]:
    places = world.places
    return [
        UserFactory(is_superuser=True),
        make_user(organisation=org, role="organiser"),
        make_user(organisation=org, role="legal", districts=[places.district_a]),
        make_user(organisation=org, role="viewer", districts=[places.district_b]),
        make_user(organisation=other_org, role="organiser"),
    ]


def _advance(w: Any) -> None:
    claim_advance(claim=w.claim_identified, to="application_prepared", on=date(2024, 2, 1), by=None)


def _close(w: Any) -> None:
    # The paused claim ends: the older open claim on p_a2 leads again.
    claim_advance(claim=w.claim_a2_paused, to="withdrawn", on=date(2024, 2, 1), by=None)


def _possession(w: Any) -> None:
    claim_change_possession(claim=w.claim_b, to="group_in_possession", on=date(2024, 2, 1), by=None)


def _add_parcel_to_claim(w: Any) -> None:
    w.claim_identified.parcels.add(w.bare_a)


def _remove_parcel_from_claim(w: Any) -> None:
    w.claim_a2_paused.parcels.remove(w.p_a2)


def _add_group(w: Any) -> None:
    w.claim_filed.groups.add(w.group_1)


def _remove_group(w: Any) -> None:
    w.claim_filed.groups.remove(w.group_2)


def _delete_claim(w: Any) -> None:
    Claim.objects.get(pk=w.claim_a2_paused.pk).delete()


def _claim_in_other_district(w: Any) -> None:
    # Not through claim_create (which files a claim under its parcels' district): an import
    # or the admin could, and a user limited to district B must not see it lead.
    Claim.objects.filter(pk=w.claim_a2_paused.pk).update(district=w.places.district_b)


def _import_parcel(w: Any) -> None:
    make_parcel(organisation=w.claim_b.organisation, mouza=w.places.mouza_b)


def _parcel_moves_mouza(w: Any) -> None:
    Parcel.objects.filter(pk=w.p_b.pk).update(mouza=w.places.mouza_a)


def _delete_parcel(w: Any) -> None:
    Parcel.objects.get(pk=w.other_bare.pk).delete()


def _order_with_end(w: Any) -> None:
    interim_order_record(
        case=w.case,
        kind="injunction",
        made_on=date(2024, 3, 1),
        in_force_until=date(2024, 3, 31),
        by=None,
    )


def _order_vacated(w: Any) -> None:
    on = date(2024, 4, 1)
    for order in InterimOrder.objects.filter(case=w.case).filter(order_not_ended(on)):
        interim_order_vacate(order=order, on=on, by=None)


def _order_not_freezing(w: Any) -> None:
    InterimOrder.objects.filter(case=w.case).update(kind="direction")


def _order_deleted(w: Any) -> None:
    InterimOrder.objects.filter(case=w.case).delete()


def _case_links_parcel(w: Any) -> None:
    w.case.parcels.add(w.p_identified)


def _case_links_claim(w: Any) -> None:
    w.case.claims.add(w.claim_b)


def _case_unlinks(w: Any) -> None:
    w.case.parcels.clear()


def _case_in_other_district(w: Any) -> None:
    # The case about district A's land filed under district B: a user limited to district A
    # may not see it, so it must not freeze their map.
    LegalCase.objects.filter(pk=w.case.pk).update(district=w.places.district_b)


def _other_org_case(w: Any) -> None:
    case = make_case(organisation=w.other_claim.organisation, district=w.places.district_a)
    case.parcels.add(w.p_identified)  # as the admin or an import could
    interim_order_record(case=case, kind="stay", made_on=date(2024, 6, 30), by=None)


def _case_deleted(w: Any) -> None:
    case = LegalCase.objects.get(pk=w.case.pk)
    case.interim_orders.all().delete()
    case.events.all().delete()
    case.delete()


def _mouza_changes_district(w: Any) -> None:
    AdminArea.objects.filter(pk=w.places.mouza_a2.pk).update(district=w.places.district_b)


def _organisation_changes(w: Any) -> None:
    Parcel.objects.filter(pk=w.p_identified.pk).update(organisation=w.other_claim.organisation)


WRITES: dict[str, Callable[[Any], None]] = {
    "stage changed": _advance,
    "claim closed": _close,
    "possession changed": _possession,
    "parcel added to a claim": _add_parcel_to_claim,
    "parcel removed from a claim": _remove_parcel_from_claim,
    "group added": _add_group,
    "group removed": _remove_group,
    "claim deleted": _delete_claim,
    "claim filed under another district": _claim_in_other_district,
    "parcel imported": _import_parcel,
    "parcel moved to another mouza": _parcel_moves_mouza,
    "parcel deleted": _delete_parcel,
    "order made, with an end": _order_with_end,
    "order vacated": _order_vacated,
    "order changed to a kind that does not freeze": _order_not_freezing,
    "order deleted": _order_deleted,
    "case linked to a parcel": _case_links_parcel,
    "case linked to a claim": _case_links_claim,
    "case unlinked from its parcels": _case_unlinks,
    "case filed under another district": _case_in_other_district,
    "another organisation's case": _other_org_case,
    "case deleted": _case_deleted,
    "mouza moved to another district": _mouza_changes_district,
    "parcel given to another organisation": _organisation_changes,
}


@pytest.mark.django_db
def test_colours_agree_with_the_rules_as_built(world, users) -> None:
    assert_colours_agree(users)


@pytest.mark.django_db
@pytest.mark.parametrize("write", list(WRITES), ids=list(WRITES))
def test_colours_agree_with_the_rules_after_each_write(world, users, write) -> None:
    WRITES[write](world)
    assert_colours_agree(users)


@pytest.mark.django_db
def test_colours_agree_after_every_write_in_turn(world, users) -> None:
    for write in WRITES.values():
        write(world)
        assert_colours_agree(users)


@pytest.mark.django_db
def test_an_order_lapses_without_any_write(world, users) -> None:
    """Nothing stored says "in force": the stored days are compared with the day asked."""
    interim_order_record(
        case=world.case, kind="stay", made_on=date(2024, 3, 1), in_force_until=date(2024, 3, 31),
        by=None,
    )  # fmt: skip
    organiser = users[1]
    frozen = {
        day: {pk for pk, row in _as_tiles_read(organiser, day).items() if row[-1]}
        for day in (date(2024, 3, 31), date(2024, 4, 1) + timedelta(days=0))
    }
    assert world.bare_a.pk in frozen[date(2024, 3, 31)]
    assert world.bare_a.pk in frozen[date(2024, 4, 1)]  # the first stay has no end
    InterimOrder.objects.filter(case=world.case, made_on=date(2024, 1, 15)).delete()
    assert world.bare_a.pk in {
        pk for pk, r in _as_tiles_read(organiser, date(2024, 3, 31)).items() if r[-1]
    }
    assert world.bare_a.pk not in {
        pk for pk, r in _as_tiles_read(organiser, date(2024, 4, 1)).items() if r[-1]
    }
