"""SQL shared by the tiles and the stage counts: which claim colours a parcel, and its phase.

A parcel can be claimed more than once (a group's claim rejected, a new one filed). The
map shows its *leading* claim: an open claim before a closed one, then the one whose stage
moved last. Tiles, counts and popups all take the rule from here.
"""

from __future__ import annotations

from landclaims.claims.stages import PHASE_OF_STAGE, TERMINAL, Phase


def _literal(value: str) -> str:
    # Only ever called with the project's own stage and phase codes.
    assert value.replace("_", "").isalnum(), value
    return f"'{value}'"


_CLOSED = ", ".join(_literal(stage) for stage in sorted(TERMINAL))


def leading_claim_join(claims_sql: str) -> str:
    """A LEFT JOIN LATERAL giving `lc.id`, `lc.stage`, `lc.possession` for parcel `p`.

    `claims_sql` selects the claims that may lead (id, organisation_id, stage, possession,
    stage_since); only claims of the parcel's own organisation count.
    """
    return f"""
    LEFT JOIN LATERAL (
        SELECT c.id, c.stage, c.possession
        FROM ({claims_sql}) c
        JOIN claims_claim_parcels link ON link.claim_id = c.id
        WHERE link.parcel_id = p.id AND c.organisation_id = p.organisation_id
        ORDER BY c.stage IN ({_CLOSED}), c.stage_since DESC, c.id DESC
        LIMIT 1
    ) lc ON true"""


def phase_sql(stage_column: str) -> str:
    """A CASE expression mapping a stage column to its phase code."""
    branches = " ".join(
        f"WHEN {_literal(stage)} THEN {_literal(phase)}" for stage, phase in PHASE_OF_STAGE.items()
    )
    return f"(CASE {stage_column} {branches} ELSE {_literal(Phase.NO_CLAIM)} END)"


ALL_CLAIMS_SQL = "SELECT id, organisation_id, stage, possession, stage_since FROM claims_claim"
