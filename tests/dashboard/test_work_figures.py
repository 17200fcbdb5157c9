"""Every "Groups and their work" figure equals a sum written here in plain SQL.

The SQL does not go through the selectors or the ORM: it restates the definitions (see
landclaims/dashboard/work.py) and the counting rule by hand (the organisations a user may
count: their own, and for a network's staff its partners; then their districts), for
several users and filters over the small world of tests/dashboard/work_world.py.
"""

# The SQL here is put together from the test's own fragments; every value is a parameter.
# ruff: noqa: S608

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from openpyxl import load_workbook

from landclaims.dashboard.selectors import DashboardFilters, dashboard
from landclaims.dashboard.tables import dashboard_tables, tables_csv, tables_xlsx
from landclaims.dashboard.work import WorkFigures, work_figures
from tests.conftest import make_places
from tests.dashboard.test_figures import _dated, rows
from tests.dashboard.work_world import TODAY, WorkWorld, build_work_world
from tests.factories import make_user
from tests.flush import empty_written_tables

pytestmark = pytest.mark.django_db


@dataclass
class Scenario:
    """Parameters of the hand-written SQL: who may be counted and the chosen filters."""

    orgs: list[int] | None  # the organisations the user may count; None: all
    districts: list[int] | None
    org: int | None = None
    path: str | None = None
    start: date | None = None
    end: date | None = None

    def params(self, **extra: Any) -> dict[str, Any]:
        return {**self.__dict__, "day": self.end or TODAY, **extra}


def _scoped(org: str, district: str) -> str:
    return f"""(%(orgs)s::int[] IS NULL OR {org} = ANY(%(orgs)s::int[]))
        AND (%(org)s::int IS NULL OR {org} = %(org)s)
        AND (%(districts)s::int[] IS NULL OR {district} = ANY(%(districts)s::int[]))"""


def _under(path: str) -> str:
    return f"{path} LIKE %(path)s || '%%'"


# A group is in the area when its village's union is, or one of the village's mouzas.
GROUP_IN_AREA = f"""(%(path)s::text IS NULL OR {_under("u.path")} OR EXISTS (
    SELECT 1 FROM places_village_mouzas vm JOIN places_adminarea vmz ON vmz.id = vm.adminarea_id
    WHERE vm.village_id = v.id AND {_under("vmz.path")}))"""
# Joined after `groups_landlessgroup g`: the group's village and union.
VILLAGE_UNION = """JOIN places_village v ON v.id = g.village_id
    JOIN places_adminarea u ON u.id = v.union_id"""
GROUP_COUNTED = f"{_scoped('g.organisation_id', 'u.district_id')} AND {GROUP_IN_AREA}"


def _district_record(alias: str, *place_columns: str) -> str:
    """A record filed under an organisation and a district, in the area when its district
    or one of its places is."""
    inside = " OR ".join(
        f"EXISTS (SELECT 1 FROM places_adminarea aa WHERE aa.id = {c} AND {_under('aa.path')})"
        for c in (f"{alias}.district_id", *place_columns)
    )
    return f"""{_scoped(f"{alias}.organisation_id", f"{alias}.district_id")}
        AND (%(path)s::text IS NULL OR {inside})"""


# Scenarios -------------------------------------------------------------------------------------


def build(name: str, world: WorkWorld) -> tuple[Any, DashboardFilters, Scenario]:
    p = world.places
    network_orgs = [world.network.pk, world.partner_a.pk, world.partner_b.pk]
    if name == "superuser":
        user = make_user(organisation=None)
        user.is_superuser = True
        user.save()
        return user, DashboardFilters(), Scenario(None, None)
    if name == "network_everything":
        user = make_user(organisation=world.network, role="monitor")
        return user, DashboardFilters(), Scenario(network_orgs, None)
    if name == "network_one_partner_one_district_dates":
        user = make_user(organisation=world.network, role="monitor")
        start, end = date(2023, 1, 1), date(2024, 3, 31)
        filters = DashboardFilters(
            organisation=world.partner_a, area=p.district_a, start=start, end=end
        )
        scenario = Scenario(network_orgs, None, world.partner_a.pk, p.district_a.path, start, end)
        return user, filters, scenario
    if name == "network_staff_limited_to_district_b":
        user = make_user(organisation=world.network, role="monitor", districts=[p.district_b])
        start = date(2023, 6, 1)
        return (
            user,
            DashboardFilters(start=start),
            Scenario(network_orgs, [p.district_b.pk], start=start),
        )
    if name == "partner_organiser":
        user = make_user(organisation=world.partner_a, role="organiser")
        return user, DashboardFilters(), Scenario([world.partner_a.pk], None)
    if name == "partner_union_and_end":
        user = make_user(organisation=world.partner_b, role="legal")
        end = date(2023, 12, 31)
        filters = DashboardFilters(area=p.union_b, end=end)
        return user, filters, Scenario([world.partner_b.pk], None, None, p.union_b.path, end=end)
    if name == "outside_asks_for_a_partner":
        user = make_user(organisation=world.outside, role="admin")
        filters = DashboardFilters(organisation=world.partner_a)
        return user, filters, Scenario([world.outside.pk], None, world.partner_a.pk)
    raise AssertionError(name)


SCENARIOS = (
    "superuser",
    "network_everything",
    "network_one_partner_one_district_dates",
    "network_staff_limited_to_district_b",
    "partner_organiser",
    "partner_union_and_end",
    "outside_asks_for_a_partner",
)


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """One world for the module (committed, emptied at its end): every test only reads it,
    each in a transaction of its own, and building it for each of the 80 tests cost half a
    minute of the suite."""
    with django_db_blocker.unblock():
        try:
            yield build_work_world(make_places())
        finally:
            empty_written_tables(connection)


@pytest.fixture(params=SCENARIOS)
def case(request: Any, world: WorkWorld) -> tuple[WorkFigures, Scenario]:
    user, filters, scenario = build(request.param, world)
    return work_figures(user=user, filters=filters, today=TODAY), scenario


# Savings ----------------------------------------------------------------------------------------

LEDGER = f"""savings_savingsentry e JOIN savings_savingsmeeting sm ON sm.id = e.meeting_id
    JOIN groups_landlessgroup g ON g.id = sm.group_id {VILLAGE_UNION}"""
IN_RANGE = "sm.met_on <= %(day)s AND (%(start)s::date IS NULL OR sm.met_on >= %(start)s)"


def test_savings_by_womens_and_mens_groups(case: tuple[WorkFigures, Scenario]) -> None:
    work, scenario = case
    found = rows(
        f"""SELECT coalesce(g.sex, 'all'),
               count(DISTINCT g.id) FILTER (WHERE e.kind = 'collection' AND {IN_RANGE}),
               sum(e.change_poisha) FILTER (WHERE sm.met_on <= %(day)s),
               sum(e.change_poisha) FILTER (WHERE e.kind = 'collection' AND e.form = 'cash'
                                            AND {IN_RANGE}),
               sum(e.rice_kg) FILTER (WHERE e.kind = 'collection' AND e.form = 'rice'
                                      AND {IN_RANGE}),
               sum(e.change_poisha) FILTER (WHERE e.kind = 'collection' AND e.form = 'rice'
                                            AND {IN_RANGE}),
               -sum(e.change_poisha) FILTER (WHERE e.kind = 'withdrawal' AND {IN_RANGE}),
               -sum(e.change_poisha) FILTER (WHERE e.kind = 'investment' AND {IN_RANGE})
            FROM {LEDGER} WHERE {GROUP_COUNTED}
            GROUP BY ROLLUP (g.sex)""",
        scenario,
    )
    expected = {key: tuple(v or 0 for v in values) for key, *values in found}
    expected.setdefault("all", (0,) * 7)
    shown = {
        r.key: (
            r.saving_groups,
            r.balance_poisha,
            r.cash_poisha,
            r.rice_kg,
            r.rice_poisha,
            r.withdrawn_poisha,
            r.invested_poisha,
        )
        for r in work.savings.rows
    }
    assert shown == expected


def test_savings_collected_month_by_month(case: tuple[WorkFigures, Scenario]) -> None:
    work, scenario = case
    found = rows(
        f"""SELECT month::date,
               coalesce(sum(e.change_poisha) FILTER (WHERE e.form = 'cash'), 0),
               coalesce(sum(e.change_poisha) FILTER (WHERE e.form = 'rice'), 0)
            FROM generate_series(date_trunc('month', %(day)s::date) - interval '11 months',
                                 date_trunc('month', %(day)s::date), interval '1 month') month
            LEFT JOIN ({LEDGER}) ON e.kind = 'collection'
                AND date_trunc('month', sm.met_on) = month AND {IN_RANGE} AND {GROUP_COUNTED}
            WHERE %(start)s::date IS NULL OR month >= date_trunc('month', %(start)s::date)
            GROUP BY month ORDER BY month""",
        scenario,
    )
    assert [(m.month, m.cash_poisha, m.rice_poisha) for m in work.savings.months] == found
    assert len(found) <= 12


def test_the_ledger_balances(world: WorkWorld) -> None:
    """Balance = collections - withdrawals - investments + corrections, for everything."""
    user = make_user(organisation=world.partner_a)
    work = work_figures(user=user, filters=DashboardFilters(end=date(2030, 1, 1)), today=TODAY)
    [everything] = [r for r in work.savings.rows if r.key == "all"]
    [(corrections,)] = rows(
        f"""SELECT coalesce(sum(e.change_poisha), 0) FROM {LEDGER}
            WHERE e.kind = 'correction' AND g.organisation_id = %(o)s""",
        Scenario(None, None),
        o=world.partner_a.pk,
    )
    assert everything.balance_poisha == (
        everything.cash_poisha
        + everything.rice_poisha
        - everything.withdrawn_poisha
        - everything.invested_poisha
        + corrections
    )
    assert corrections < 0


# Cooperatives -----------------------------------------------------------------------------------

COOPERATIVES = f"""SELECT c.id FROM cooperatives_cooperative c
    WHERE {_district_record("c")}"""


def test_cooperatives_their_groups_and_what_they_paid(case: tuple[WorkFigures, Scenario]) -> None:
    work, scenario = case
    [(n, registered)] = rows(
        f"""SELECT count(*), count(*) FILTER (WHERE c.registration_no <> '')
            FROM cooperatives_cooperative c WHERE c.id IN ({COOPERATIVES})""",
        scenario,
    )
    [(groups, paid)] = rows(
        f"""SELECT count(DISTINCT s.group_id), coalesce(sum(s.contribution_poisha), 0)
            FROM cooperatives_cooperativeshare s WHERE s.cooperative_id IN ({COOPERATIVES})""",
        scenario,
    )
    c = work.cooperatives
    assert (c.cooperatives, c.registered, c.member_groups, c.contributions_poisha) == (
        n,
        registered,
        groups,
        paid,
    )


def test_cooperative_land_farmed_by_tenure(case: tuple[WorkFigures, Scenario]) -> None:
    work, scenario = case
    found = rows(
        f"""SELECT l.tenure, count(*), sum(l.area_m2) FROM cooperatives_cooperativeland l
            WHERE l.cooperative_id IN ({COOPERATIVES})
              AND (l.from_on IS NULL OR l.from_on <= %(day)s)
              AND (l.to_on IS NULL OR l.to_on >= %(day)s)
            GROUP BY l.tenure""",
        scenario,
    )
    expected = {tenure: (n, m2) for tenure, n, m2 in found}
    shown = {t.tenure: (t.plots, t.m2) for t in work.cooperatives.land if t.plots}
    assert shown == expected
    assert len(work.cooperatives.land) == 4


def test_cooperative_production_sales(case: tuple[WorkFigures, Scenario]) -> None:
    work, scenario = case
    found = rows(
        f"""SELECT p.activity, count(*), sum(p.sales_poisha), sum(p.costs_poisha)
            FROM cooperatives_production p WHERE p.cooperative_id IN ({COOPERATIVES})
              AND (%(start)s::date IS NULL OR p.year >= extract(year FROM %(start)s::date))
              AND (%(end)s::date IS NULL OR p.year <= extract(year FROM %(end)s::date))
            GROUP BY p.activity""",
        scenario,
    )
    shown = {
        p.activity: (p.harvests, p.sales_poisha, p.costs_poisha)
        for p in work.cooperatives.production
    }
    assert shown == {activity: tuple(values) for activity, *values in found}
    assert work.cooperatives.sales_poisha == sum(s for _a, _n, s, _c in found)


# Training -------------------------------------------------------------------------------------

EVENTS = f"""SELECT t.id FROM training_trainingevent t
    WHERE {_district_record("t", "t.place_id")} AND {_dated("t.started_on")}"""


def test_trainings_and_people_trained_by_tier_and_sex(case: tuple[WorkFigures, Scenario]) -> None:
    work, scenario = case
    held = dict(
        rows(
            f"""SELECT tier, count(*) FROM training_trainingevent
                WHERE id IN ({EVENTS}) GROUP BY tier""",
            scenario,
        )
    )
    people = {
        tier: values
        for tier, *values in rows(
            f"""SELECT t.tier, sum(a.women), sum(a.men), sum(a.others)
                FROM training_groupattendance a JOIN training_trainingevent t ON t.id = a.event_id
                WHERE t.id IN ({EVENTS}) GROUP BY t.tier""",
            scenario,
        )
    }
    for t in work.training:
        assert t.trainings == held.get(t.tier, 0), t.tier
        assert [t.women, t.men, t.others] == people.get(t.tier, [0, 0, 0]), t.tier


def test_groups_by_the_highest_tier_reached(case: tuple[WorkFigures, Scenario]) -> None:
    work, scenario = case
    found = dict(
        rows(
            f"""SELECT top, count(*) FROM (
                  SELECT a.group_id, max(array_position(
                      ARRAY['basic', 'follow_up', 'advanced', 'mixed']::text[], t.tier::text)) top
                  FROM training_groupattendance a
                  JOIN training_trainingevent t ON t.id = a.event_id
                  WHERE t.id IN ({EVENTS}) GROUP BY a.group_id) reached
                GROUP BY top""",
            scenario,
        )
    )
    assert [t.groups_reached for t in work.training] == [found.get(i, 0) for i in (1, 2, 3, 4)]


# Actions and safety-net checks ----------------------------------------------------------------


def test_actions_by_kind_and_people_by_sex(case: tuple[WorkFigures, Scenario]) -> None:
    work, scenario = case
    found = rows(
        f"""SELECT a.kind, count(*), sum(a.women), sum(a.men), sum(a.others)
            FROM actions_action a
            WHERE {_district_record("a", "a.place_id")} AND {_dated("a.took_place_on")}
            GROUP BY a.kind""",
        scenario,
    )
    shown = {k.kind: (k.actions, k.women, k.men, k.others) for k in work.actions.by_kind}
    assert shown == {kind: tuple(values) for kind, *values in found}


def test_actions_by_outcome(case: tuple[WorkFigures, Scenario]) -> None:
    work, scenario = case
    found = dict(
        rows(
            f"""SELECT a.outcome, count(*) FROM actions_action a
                WHERE {_district_record("a", "a.place_id")} AND {_dated("a.took_place_on")}
                GROUP BY a.outcome""",
            scenario,
        )
    )
    assert {o.outcome: o.actions for o in work.actions.outcomes if o.actions} == found


def test_safety_net_checks_by_programme(case: tuple[WorkFigures, Scenario]) -> None:
    work, scenario = case
    found = rows(
        f"""SELECT s.programme, count(*), count(*) FILTER (WHERE s.irregularities_found),
                   sum(s.people_wrongly_left_out)
            FROM actions_safetynetcheck s JOIN places_adminarea su ON su.id = s.union_id
            WHERE {_scoped("s.organisation_id", "s.district_id")}
              AND (%(path)s::text IS NULL OR {_under("su.path")})
              AND {_dated("s.checked_on")}
            GROUP BY s.programme""",
        scenario,
    )
    shown = {
        p.programme: (p.checks, p.with_irregularities, p.people_left_out)
        for p in work.actions.checks
    }
    assert shown == {programme: tuple(values) for programme, *values in found}


# Seats --------------------------------------------------------------------------------------------


def test_seats_held_by_body_sex_and_how(case: tuple[WorkFigures, Scenario]) -> None:
    work, scenario = case
    found = rows(
        f"""SELECT s.body, count(*) FILTER (WHERE m.sex = 'female'),
                   count(*) FILTER (WHERE m.sex = 'male'),
                   count(*) FILTER (WHERE m.sex NOT IN ('female', 'male')),
                   count(*) FILTER (WHERE s.how = 'elected'),
                   count(*) FILTER (WHERE s.how = 'nominated')
            FROM representation_seat s JOIN groups_member m ON m.id = s.member_id
            JOIN groups_landlessgroup g ON g.id = m.group_id {VILLAGE_UNION}
            LEFT JOIN places_adminarea sa ON sa.id = s.area_id
            WHERE {_scoped("g.organisation_id", "u.district_id")}
              AND (%(path)s::text IS NULL OR {_under("u.path")} OR {_under("sa.path")})
              AND s.from_on <= %(day)s
              AND (s.to_on IS NULL OR s.to_on >= coalesce(%(start)s, %(day)s))
            GROUP BY s.body""",
        scenario,
    )
    shown = {s.body: (s.women, s.men, s.others, s.elected, s.nominated) for s in work.seats}
    assert shown == {body: tuple(values) for body, *values in found}


# Scoping, stated directly ---------------------------------------------------------------------


def test_a_network_counts_its_partners_and_a_partner_only_itself(world: WorkWorld) -> None:
    def balance(user: Any, **filters: Any) -> int:
        work = work_figures(user=user, filters=DashboardFilters(**filters), today=TODAY)
        return next(r.balance_poisha for r in work.savings.rows if r.key == "all")

    network = make_user(organisation=world.network, role="monitor")
    partner_a = make_user(organisation=world.partner_a, role="organiser")
    partner_b = make_user(organisation=world.partner_b, role="organiser")
    outside = make_user(organisation=world.outside, role="admin")
    own = balance(network, organisation=world.network)
    a, b = balance(partner_a), balance(partner_b)
    assert own > 0 and a > 0 and b > 0
    assert balance(network) == own + a + b
    assert balance(network, organisation=world.partner_a) == a
    # A partner sees nothing of the other partner, nor of the network; nor does an outsider.
    assert balance(partner_a, organisation=world.partner_b) == 0
    assert balance(partner_a, organisation=world.network) == 0
    assert balance(outside, organisation=world.partner_a) == 0


def test_the_whole_dashboard_counts_the_partners_for_the_network(world: WorkWorld) -> None:
    network = make_user(organisation=world.network, role="monitor")
    partner = make_user(organisation=world.partner_a, role="organiser")
    board = dashboard(user=network, filters=DashboardFilters(), today=TODAY)
    own = dashboard(user=partner, filters=DashboardFilters(), today=TODAY)
    # Four groups for each of the network and its two partners; the outsider's not at all.
    assert board.groups.women_groups + board.groups.men_groups == 12
    assert own.groups.women_groups + own.groups.men_groups == 4
    assert board.work is not None and own.work is not None
    assert board.work.cooperatives.cooperatives == 12
    assert own.work.cooperatives.cooperatives == 4


# Files -------------------------------------------------------------------------------------


def _work_tables(board: Any) -> dict[str, Any]:
    keys = {"savings", "savings_months", "cooperatives", "training", "actions",
            "safety_net_checks", "seats"}  # fmt: skip
    return {t.key: t for t in dashboard_tables(board) if t.key in keys}


def test_the_files_carry_the_work_tables(world: WorkWorld) -> None:
    network = make_user(organisation=world.network, role="monitor")
    board = dashboard(user=network, filters=DashboardFilters(), today=TODAY)
    assert board.work is not None
    tables = _work_tables(board)
    assert len(tables) == 7
    workbook = load_workbook(io.BytesIO(tables_xlsx(list(tables.values()), ["about"])))
    assert set(workbook.sheetnames) == set(tables)
    savings = list(workbook["savings"].iter_rows(min_row=4, values_only=True))
    everything = next(r for r in board.work.savings.rows if r.key == "all")
    assert savings[-1][1] == everything.saving_groups
    assert Decimal(str(savings[-1][2])) == Decimal(everything.balance_poisha) / 100
    seats = list(workbook["seats"].iter_rows(min_row=4, values_only=True))
    assert [row[1] for row in seats] == [s.seats for s in board.work.seats]

    text = tables_csv(list(tables.values()), ["about"]).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    training_at = lines.index(["Training by tier"])
    header, *tiers = lines[training_at + 1 : training_at + 6]
    assert header[0] == "Tier"
    assert [int(row[1]) for row in tiers] == [t.trainings for t in board.work.training]
    assert [int(row[2]) for row in tiers] == [t.women for t in board.work.training]
