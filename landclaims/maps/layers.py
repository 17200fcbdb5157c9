"""SQL shared by the tiles and the stage counts: a stage's phase.

Which claim colours a parcel (its leading claim) is the claims app's rule:
landclaims/claims/leading.py, in SQL and in the ORM from one definition.
"""

from __future__ import annotations

from landclaims.claims.leading import ALL_CLAIMS_SQL, leading_claim_join
from landclaims.claims.stages import PHASE_OF_STAGE, Phase

__all__ = ["ALL_CLAIMS_SQL", "leading_claim_join", "phase_sql"]


def _literal(value: str) -> str:
    # Only ever called with the project's own stage and phase codes.
    assert value.replace("_", "").isalnum(), value
    return f"'{value}'"


def phase_sql(stage_column: str) -> str:
    """A CASE expression mapping a stage column to its phase code."""
    branches = " ".join(
        f"WHEN {_literal(stage)} THEN {_literal(phase)}" for stage, phase in PHASE_OF_STAGE.items()
    )
    return f"(CASE {stage_column} {branches} ELSE {_literal(Phase.NO_CLAIM)} END)"
