"""Which claim leads on a parcel: the one that colours it on the map, in tiles, stage counts,
exports and the API.

A parcel can be claimed more than once (a group's claim rejected, a new one filed). Its
*leading* claim is one of the parcel's own organisation: an open claim before a closed one,
then the one whose stage moved last, then the newest. The rule is written once, as
LEADING_ORDER; the ORM form (`leading_claims`) and the SQL form (`leading_claim_join`, for
tiles and exports that must stay in SQL) are both made from it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, QuerySet

from landclaims.claims.models import Claim
from landclaims.claims.stages import TERMINAL
from landclaims.core.db import code_literal

# The leading claim comes first in this order: not closed, latest stage date, newest id.
LEADING_ORDER = ("closed", "-stage_since", "-id")


def _sql_order(alias: str) -> str:
    closed = ", ".join(code_literal(stage) for stage in sorted(TERMINAL))
    columns = {"closed": f"{alias}.stage IN ({closed})"}
    terms = []
    for term in LEADING_ORDER:
        name = term.lstrip("-")
        column = columns.get(name, f"{alias}.{name}")
        terms.append(f"{column} DESC" if term.startswith("-") else column)
    return ", ".join(terms)


def leading_claims(*, user: Any) -> QuerySet[Claim]:
    """The claims of the parcel in OuterRef("pk") that the user may see, the leading one
    first (take `[:1]`)."""
    closed = ExpressionWrapper(Q(stage__in=list(TERMINAL)), output_field=BooleanField())
    return (
        Claim.objects.visible_to(user)
        .filter(parcels=OuterRef("pk"), organisation=OuterRef("organisation"))
        .annotate(closed=closed)
        .order_by(*LEADING_ORDER)
    )


def leading_claim_join(claims_sql: str, *, alias: str = "lc", only_if: str = "true") -> str:
    """The same rule in SQL: a LEFT JOIN LATERAL giving `lc.id`, `lc.stage`, `lc.possession`
    for parcel `p`.

    `claims_sql` selects the claims that may lead (id, organisation_id, stage, possession,
    stage_since); only claims of the parcel's own organisation count. `only_if`, a condition
    on the outer row, skips the lookup (no row) where it is false.
    """
    return f"""
    LEFT JOIN LATERAL (
        SELECT c.id, c.stage, c.possession
        FROM ({claims_sql}) c
        JOIN {Claim.parcels.through._meta.db_table} link ON link.claim_id = c.id
        WHERE {only_if} AND link.parcel_id = p.id AND c.organisation_id = p.organisation_id
        ORDER BY {_sql_order("c")}
        LIMIT 1
    ) {alias} ON true"""  # noqa: S608 (the project's own fragments; values are parameters)


def leading_claim_per_parcel_sql() -> str:
    """The same rule for every parcel at once, over all claims: `parcel_id`, `id`, `stage`,
    `possession` of each claimed parcel's leading claim (for set-based bulk work, where a
    lookup per parcel would take minutes)."""
    return f"""
    SELECT DISTINCT ON (link.parcel_id) link.parcel_id, c.id, c.stage, c.possession
    FROM {Claim.parcels.through._meta.db_table} link
    JOIN {Claim._meta.db_table} c ON c.id = link.claim_id
    JOIN {Claim.parcels.field.related_model._meta.db_table} lp
        ON lp.id = link.parcel_id AND lp.organisation_id = c.organisation_id
    ORDER BY link.parcel_id, {_sql_order("c")}"""  # noqa: S608 (the project's own fragments)


ALL_CLAIMS_SQL = (
    f"SELECT id, organisation_id, stage, possession, stage_since FROM {Claim._meta.db_table}"  # noqa: S608
)
