"""SQL shared by the tiles and the stage counts: a stage's phase.

Which claim colours a parcel (its leading claim) is the claims app's rule:
landclaims/claims/leading.py, in SQL and in the ORM from one definition.
"""

from __future__ import annotations

from landclaims.claims.stages import PHASE_OF_STAGE, Phase
from landclaims.core.db import code_literal


def phase_sql(stage_column: str) -> str:
    """A CASE expression mapping a stage column to its phase code."""
    branches = " ".join(
        f"WHEN {code_literal(stage)} THEN {code_literal(phase)}"
        for stage, phase in PHASE_OF_STAGE.items()
    )
    return f"(CASE {stage_column} {branches} ELSE {code_literal(Phase.NO_CLAIM)} END)"
