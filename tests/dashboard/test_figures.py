"""Every dashboard figure equals a count written here in plain SQL over the same demo data.

The SQL does not go through the selectors or the ORM: it restates the definitions (see
landclaims/dashboard/selectors.py) and the scoping rule (the user's organisation, then
their districts) by hand, for several users and filters.
"""

# The SQL here is put together from the test's own fragments; every value is a parameter.
# ruff: noqa: S608

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from landclaims.core.models import Organisation
from landclaims.dashboard.selectors import Dashboard, DashboardFilters, dashboard
from landclaims.places.models import AdminArea
from tests.dashboard.helpers import busiest_area
from tests.factories import make_user

pytestmark = pytest.mark.django_db

MAIN_LINE = [
    "identified",
    "application_prepared",
    "application_filed",
    "field_inquiry",
    "landless_verification",
    "upazila_recommended",
    "case_record_sent",
    "dc_approved",
    "kabuliyat_executed",
    "kabuliyat_registered",
    "mutated",
    "dcr_issued",
    "possession_handed_over",
    "settled",
]
LAND_CONDITIONS = {
    "identified": "true",
    "in_possession": "c.possession = 'group_in_possession'",
    "applied_for": "c.stage IN ('application_filed', 'field_inquiry', 'landless_verification', "
    "'upazila_recommended', 'case_record_sent', 'dc_approved')",
    "settled": "c.stage IN ('kabuliyat_executed', 'kabuliyat_registered', 'mutated', "
    "'dcr_issued', 'possession_handed_over', 'settled')",
    "lost": "c.stage IN ('rejected', 'settled_to_others', 'settlement_cancelled', 'withdrawn', "
    "'land_eroded')",
    "possession_lost": "c.possession IN ('grabbed', 'evicted')",
}


@dataclass
class Scenario:
    """Parameters of the hand-written SQL: the user's scope and the chosen filters."""

    scope_org: int | None
    districts: list[int] | None
    org: int | None = None
    path: str | None = None
    start: date | None = None
    end: date | None = None

    def params(self, **extra: Any) -> dict[str, Any]:
        return {**self.__dict__, "today": timezone.localdate(), **extra}


def rows(sql: str, scenario: Scenario, **extra: Any) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, scenario.params(**extra))
        return cursor.fetchall()


# Each record's scope: organisation (the user's, then the filter's) and district.
def _scoped(org: str, district: str) -> str:
    return f"""(%(scope_org)s::int IS NULL OR {org} = %(scope_org)s)
        AND (%(org)s::int IS NULL OR {org} = %(org)s)
        AND (%(districts)s::int[] IS NULL OR {district} = ANY(%(districts)s::int[]))"""


def _in_area(path: str) -> str:
    return f"(%(path)s::text IS NULL OR {path} LIKE %(path)s || '%%')"


def _dated(column: str) -> str:
    return f"""(%(start)s::date IS NULL OR {column} >= %(start)s)
        AND (%(end)s::date IS NULL OR {column} <= %(end)s)"""


COUNTED_CLAIMS = f"""
    SELECT c.* FROM claims_claim c
    WHERE {_scoped("c.organisation_id", "c.district_id")} AND {_dated("c.opened_on")}
      AND (%(path)s::text IS NULL OR EXISTS (
          SELECT 1 FROM claims_claim_parcels l JOIN parcels_parcel p ON p.id = l.parcel_id
          JOIN places_adminarea m ON m.id = p.mouza_id
          WHERE l.claim_id = c.id AND m.path LIKE %(path)s || '%%'))"""

SEX_OF_CLAIM = """EXISTS (SELECT 1 FROM claims_claim_groups cg
    JOIN groups_landlessgroup g ON g.id = cg.landlessgroup_id
    WHERE cg.claim_id = c.id AND g.sex = %(sex)s)"""


def land_sql(condition: str, sex: bool) -> str:
    return f"""
    WITH counted AS ({COUNTED_CLAIMS})
    SELECT coalesce(sum(p.area_m2), 0), count(*)
    FROM parcels_parcel p JOIN places_adminarea m ON m.id = p.mouza_id
    WHERE {_scoped("p.organisation_id", "m.district_id")} AND {_in_area("m.path")}
      AND EXISTS (SELECT 1 FROM claims_claim_parcels l JOIN counted c ON c.id = l.claim_id
                  WHERE l.parcel_id = p.id AND {condition}
                  {"AND " + SEX_OF_CLAIM if sex else ""})"""


COUNTED_CASES = f"""
    SELECT k.* FROM cases_legalcase k JOIN places_adminarea d ON d.id = k.district_id
    WHERE {_scoped("k.organisation_id", "k.district_id")}
      AND (%(path)s::text IS NULL OR d.path LIKE %(path)s || '%%'
           OR EXISTS (SELECT 1 FROM cases_legalcase_parcels kp
                      JOIN parcels_parcel p ON p.id = kp.parcel_id
                      JOIN places_adminarea m ON m.id = p.mouza_id
                      WHERE kp.legalcase_id = k.id AND m.path LIKE %(path)s || '%%')
           OR EXISTS (SELECT 1 FROM cases_legalcase_claims kc
                      JOIN claims_claim_parcels l ON l.claim_id = kc.claim_id
                      JOIN parcels_parcel p ON p.id = l.parcel_id
                      JOIN places_adminarea m ON m.id = p.mouza_id
                      WHERE kc.legalcase_id = k.id AND m.path LIKE %(path)s || '%%'))"""


# Scenarios ------------------------------------------------------------------------------------


def _user(name: str) -> Any:
    return get_user_model().objects.get(username=name)


def _org(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def _district_ids(user: Any) -> list[int] | None:
    ids = list(user.membership.districts.values_list("pk", flat=True))
    return ids or None


def build(name: str) -> tuple[Any, DashboardFilters, Scenario]:
    """A user, the filters they chose, and the same as SQL parameters."""
    if name == "superuser_everything":
        return _user("admin"), DashboardFilters(), Scenario(None, None)
    if name == "superuser_second_organisation":
        org = _org("alrd-partners")
        return _user("admin"), DashboardFilters(organisation=org), Scenario(None, None, org.pk)
    organiser = _user("organiser")
    own = organiser.membership.organisation
    if name == "organiser_everything":
        return organiser, DashboardFilters(), Scenario(own.pk, None)
    if name == "organiser_upazila_and_dates":
        area = busiest_area("upazila")
        start, end = date(2019, 1, 1), date(2024, 12, 31)
        filters = DashboardFilters(area=area, start=start, end=end)
        return organiser, filters, Scenario(own.pk, None, None, area.path, start, end)
    if name == "organiser_union":
        area = busiest_area("union")
        return organiser, DashboardFilters(area=area), Scenario(own.pk, None, None, area.path)
    if name == "organiser_other_organisation":
        other = _org("alrd-partners")
        return organiser, DashboardFilters(organisation=other), Scenario(own.pk, None, other.pk)
    if name == "legal_limited_to_districts":
        legal = _user("legal")
        return legal, DashboardFilters(), Scenario(own.pk, _district_ids(legal))
    if name == "legal_one_district_dates":
        district = busiest_area("district")
        legal = make_user(organisation=own, role="legal", districts=[district])
        start = date(2022, 1, 1)
        return legal, DashboardFilters(start=start), Scenario(own.pk, [district.pk], start=start)
    raise AssertionError(name)


SCENARIOS = (
    "superuser_everything",
    "superuser_second_organisation",
    "organiser_everything",
    "organiser_upazila_and_dates",
    "organiser_union",
    "organiser_other_organisation",
    "legal_limited_to_districts",
    "legal_one_district_dates",
)


@pytest.fixture(params=SCENARIOS)
def case(request: Any, demo_data: None) -> tuple[Dashboard, Scenario]:
    user, filters, scenario = build(request.param)
    return dashboard(user=user, filters=filters), scenario


# Figures ---------------------------------------------------------------------------------------


def test_claims_counted(case: tuple[Dashboard, Scenario]) -> None:
    board, scenario = case
    [(n,)] = rows(f"SELECT count(*) FROM ({COUNTED_CLAIMS}) c", scenario)
    assert board.claims == n


def test_land_figures_by_sex(case: tuple[Dashboard, Scenario]) -> None:
    board, scenario = case
    for figure in board.land:
        condition = LAND_CONDITIONS[figure.key]
        [(m2, parcels)] = rows(land_sql(condition, sex=False), scenario)
        [(women, _n)] = rows(land_sql(condition, sex=True), scenario, sex="women")
        [(men, _n)] = rows(land_sql(condition, sex=True), scenario, sex="men")
        assert (figure.m2, figure.parcels) == (Decimal(m2), parcels), figure.key
        assert (figure.women_m2, figure.men_m2) == (Decimal(women), Decimal(men)), figure.key


def test_families_by_title(case: tuple[Dashboard, Scenario]) -> None:
    board, scenario = case
    found = rows(
        f"""SELECT a.title, count(*), sum(a.area_m2) FROM allocations_allocation a
            JOIN parcels_parcel p ON p.id = a.parcel_id
            JOIN places_adminarea m ON m.id = p.mouza_id
            WHERE NOT a.settled_to_others AND {_scoped("a.organisation_id", "m.district_id")}
              AND {_in_area("m.path")} AND {_dated("a.approved_on")}
            GROUP BY a.title""",
        scenario,
    )
    expected = {title: (n, m2) for title, n, m2 in found}
    for figure in board.families:
        assert (figure.allocations, figure.m2) == expected.get(figure.title, (0, 0))


def test_groups_and_members_by_sex(case: tuple[Dashboard, Scenario]) -> None:
    board, scenario = case
    [expected] = rows(
        f"""SELECT count(*) FILTER (WHERE g.sex = 'women'), count(*) FILTER (WHERE g.sex = 'men'),
                   coalesce(sum(CASE WHEN m.total > 0 THEN m.women ELSE g.members_women END), 0),
                   coalesce(sum(CASE WHEN m.total > 0 THEN m.men ELSE g.members_men END), 0)
            FROM groups_landlessgroup g JOIN places_village v ON v.id = g.village_id
            -- The members recorded and not left count where a group has any; else its own.
            CROSS JOIN LATERAL (
              SELECT count(*) AS total, count(*) FILTER (WHERE sex = 'female') AS women,
                     count(*) FILTER (WHERE sex = 'male') AS men
              FROM groups_member WHERE group_id = g.id AND left_on IS NULL) m
            JOIN places_adminarea u ON u.id = v.union_id
            WHERE {_scoped("g.organisation_id", "u.district_id")} AND {_in_area("u.path")}""",
        scenario,
    )
    groups = board.groups
    assert (groups.women_groups, groups.men_groups, groups.members_women, groups.members_men) == (
        expected
    )


def test_funnel_reached_and_median_days(case: tuple[Dashboard, Scenario]) -> None:
    board, scenario = case
    # Days in a stage: from an event into it to the claim's next stage event, worked out
    # here with a self-join instead of a window function.
    found = rows(
        f"""WITH counted AS ({COUNTED_CLAIMS}),
            stays AS (
              SELECT e.claim_id, e.to_value,
                     (SELECT n.happened_on FROM claims_claimevent n
                      WHERE n.claim_id = e.claim_id AND n.kind = 'stage'
                        AND (n.happened_on, n.id) > (e.happened_on, e.id)
                      ORDER BY n.happened_on, n.id LIMIT 1) - e.happened_on AS days
              FROM claims_claimevent e JOIN counted c ON c.id = e.claim_id
              WHERE e.kind = 'stage')
            SELECT to_value, count(DISTINCT claim_id),
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY days)
                       FILTER (WHERE days IS NOT NULL),
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY -days)
                       FILTER (WHERE days IS NOT NULL)
            FROM stays GROUP BY to_value""",
        scenario,
    )
    expected = {stage: (n, low, high) for stage, n, low, high in found}
    now = dict(rows(f"SELECT stage, count(*) FROM ({COUNTED_CLAIMS}) c GROUP BY stage", scenario))
    for step in board.funnel:
        n, low, high = expected.get(step.stage, (0, None, None))
        assert step.reached == n, step.stage
        assert step.now == now.get(step.stage, 0), step.stage
        if low is None:
            assert step.median_days is None
        else:  # the median lies between the lower and upper middle values
            assert low <= step.median_days <= -high, step.stage


def test_funnel_split_by_sex(case: tuple[Dashboard, Scenario]) -> None:
    board, scenario = case
    for sex in ("women", "men"):
        found = dict(
            rows(
                f"""WITH counted AS ({COUNTED_CLAIMS})
                SELECT e.to_value, count(DISTINCT e.claim_id) FROM claims_claimevent e
                JOIN counted c ON c.id = e.claim_id
                WHERE e.kind = 'stage' AND {SEX_OF_CLAIM} GROUP BY e.to_value""",
                scenario,
                sex=sex,
            )
        )
        counts = [getattr(step, f"reached_{sex}") for step in board.funnel]
        assert counts == [found.get(stage, 0) for stage in MAIN_LINE]


def test_open_cases_by_type(case: tuple[Dashboard, Scenario]) -> None:
    board, scenario = case
    found = dict(
        rows(
            f"""SELECT k.case_type, count(*) FROM ({COUNTED_CASES}) k
                WHERE k.status IN ('pending', 'on_appeal') AND {_dated("k.filed_on")}
                GROUP BY k.case_type""",
            scenario,
        )
    )
    assert {row.case_type: row.cases for row in board.open_cases} == found


def test_hearings_in_the_next_30_days(case: tuple[Dashboard, Scenario]) -> None:
    board, scenario = case
    [(n,)] = rows(
        f"""SELECT count(*) FROM cases_hearing h JOIN ({COUNTED_CASES}) k ON k.id = h.case_id
            WHERE h.status = 'scheduled'
              AND h.scheduled_on BETWEEN %(today)s AND %(today)s + 30""",
        scenario,
    )
    assert board.hearings.hearings == n
    assert board.hearings.end == board.today + timedelta(days=30)


def test_interim_orders_in_force(case: tuple[Dashboard, Scenario]) -> None:
    board, scenario = case
    found = dict(
        rows(
            f"""SELECT o.kind, count(*) FROM cases_interimorder o
                JOIN ({COUNTED_CASES}) k ON k.id = o.case_id
                WHERE o.in_force_from <= %(today)s AND o.vacated_on IS NULL
                  AND (o.in_force_until IS NULL OR o.in_force_until >= %(today)s)
                GROUP BY o.kind""",
            scenario,
        )
    )
    assert {row.kind: row.orders for row in board.orders if row.orders} == found


def test_incidents_by_month_and_kind(case: tuple[Dashboard, Scenario]) -> None:
    board, scenario = case
    found = rows(
        f"""SELECT date_trunc('month', i.occurred_on)::date, i.kind, count(*),
                   sum(i.women_affected), sum(i.men_affected)
            FROM incidents_incident i JOIN places_adminarea d ON d.id = i.district_id
            WHERE {_scoped("i.organisation_id", "i.district_id")} AND {_dated("i.occurred_on")}
              AND (%(path)s::text IS NULL OR d.path LIKE %(path)s || '%%'
                   OR i.parcel_id IN (SELECT p.id FROM parcels_parcel p
                       JOIN places_adminarea m ON m.id = p.mouza_id
                       WHERE m.path LIKE %(path)s || '%%')
                   OR i.claim_id IN (SELECT l.claim_id FROM claims_claim_parcels l
                       JOIN parcels_parcel p ON p.id = l.parcel_id
                       JOIN places_adminarea m ON m.id = p.mouza_id
                       WHERE m.path LIKE %(path)s || '%%'))
            GROUP BY 1, 2""",
        scenario,
    )
    expected = {(month, kind): n for month, kind, n, _w, _m in found}
    shown = {(m.month, kind): n for m in board.incidents.months for kind, n in m.by_kind.items()}
    assert shown == expected
    assert board.incidents.women_affected == sum(w for *_r, w, _m in found)
    assert board.incidents.men_affected == sum(m for *_r, m in found)


def test_claims_by_upazila(case: tuple[Dashboard, Scenario]) -> None:
    board, scenario = case
    found = rows(
        f"""WITH counted AS ({COUNTED_CLAIMS})
            SELECT u.id, count(DISTINCT c.id) FROM counted c
            JOIN claims_claim_parcels l ON l.claim_id = c.id
            JOIN parcels_parcel p ON p.id = l.parcel_id
            JOIN places_adminarea m ON m.id = p.mouza_id
            JOIN places_adminarea u ON m.path LIKE u.path || '%%' AND u.level = 'upazila'
            WHERE {_in_area("m.path")} GROUP BY u.id""",
        scenario,
    )
    assert {u.area_id: u.claims for u in board.upazilas} == dict(found)


# Scoping, stated directly --------------------------------------------------------------------


def test_another_organisations_data_is_never_counted(demo_data: None) -> None:
    user, filters, _s = build("organiser_other_organisation")
    board = dashboard(user=user, filters=filters)
    assert board.claims == 0
    assert all(f.m2 == 0 for f in board.land)
    assert board.incidents.total == 0 and board.open_case_total == 0
    assert board.upazilas == []


def test_district_limited_user_sees_only_its_districts(demo_data: None) -> None:
    user, filters, scenario = build("legal_limited_to_districts")
    board = dashboard(user=user, filters=filters)
    everything = dashboard(user=_user("organiser"), filters=DashboardFilters())
    assert 0 < board.claims < everything.claims
    inside = AdminArea.objects.filter(pk__in=scenario.districts)
    paths = [d.path for d in inside]
    upazilas = AdminArea.objects.filter(pk__in=[u.area_id for u in board.upazilas])
    assert all(any(u.path.startswith(p) for p in paths) for u in upazilas)
