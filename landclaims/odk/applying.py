"""Turning a stored submission into records, through the same services as the pages.

CONTRACT (filled in by the applying work)."""

from __future__ import annotations

from typing import Any

from landclaims.odk.models import Submission


def submission_apply(*, submission: Submission, by: Any) -> Submission:
    """Read the answers (with any corrections on top), check them and apply them in one
    transaction through the services, setting status "applied", `records`, `applied_at`
    and the district; or, when a check or a service refuses, roll the records back and set
    status "held" with `problems` naming each field and reason. Never raises for bad
    answers; saves and returns the submission."""
    raise NotImplementedError
