"""The khas settlement process as a graph of stages, and which moves along it are allowed.

Pure Python: the service asks `refusal()` before any change and the pages ask
`allowed_next()` to offer only moves that would succeed.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    APPLICATION_PREPARED = "application_prepared", _("Application prepared")
    APPLICATION_FILED = "application_filed", _("Application filed (Register-13)")
    FIELD_INQUIRY = "field_inquiry", _("Field inquiry")
    LANDLESS_VERIFICATION = "landless_verification", _("Landless verification (union hearing)")
    UPAZILA_RECOMMENDED = "upazila_recommended", _("Recommended by upazila committee")
    CASE_RECORD_SENT = "case_record_sent", _("Case record sent to UNO/DC")
    DC_APPROVED = "dc_approved", _("Approved by DC")
    KABULIYAT_EXECUTED = "kabuliyat_executed", _("Kabuliyat executed")
    KABULIYAT_REGISTERED = "kabuliyat_registered", _("Kabuliyat registered")
    MUTATED = "mutated", _("Mutated (namjari)")
    DCR_ISSUED = "dcr_issued", _("DCR issued")
    POSSESSION_HANDED_OVER = "possession_handed_over", _("Possession handed over")
    SETTLED = "settled", _("Settled")
    RETURNED_FOR_CORRECTION = "returned_for_correction", _("Returned for correction")
    ON_HOLD_LITIGATION = "on_hold_litigation", _("On hold: litigation")
    REJECTED = "rejected", _("Rejected")
    SETTLED_TO_OTHERS = "settled_to_others", _("Settled to others")
    SETTLEMENT_CANCELLED = "settlement_cancelled", _("Settlement cancelled")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LAND_ERODED = "land_eroded", _("Land eroded")


class Possession(models.TextChoices):
    NOT_ENTERED = "not_entered", _("Not entered")
    GROUP_IN_POSSESSION = "group_in_possession", _("Group in possession")
    CONTESTED = "contested", _("Contested")
    GRABBED = "grabbed", _("Grabbed")
    EVICTED = "evicted", _("Evicted")


MAIN_LINE: tuple[Stage, ...] = (
    Stage.IDENTIFIED,
    Stage.APPLICATION_PREPARED,
    Stage.APPLICATION_FILED,
    Stage.FIELD_INQUIRY,
    Stage.LANDLESS_VERIFICATION,
    Stage.UPAZILA_RECOMMENDED,
    Stage.CASE_RECORD_SENT,
    Stage.DC_APPROVED,
    Stage.KABULIYAT_EXECUTED,
    Stage.KABULIYAT_REGISTERED,
    Stage.MUTATED,
    Stage.DCR_ISSUED,
    Stage.POSSESSION_HANDED_OVER,
    Stage.SETTLED,
)
TERMINAL = frozenset(
    {
        Stage.REJECTED,
        Stage.SETTLED_TO_OTHERS,
        Stage.SETTLEMENT_CANCELLED,
        Stage.WITHDRAWN,
        Stage.LAND_ERODED,
    }
)
# Stages that wait for something and then go back to where the claim was (`resume_stage`).
PAUSES = frozenset({Stage.RETURNED_FOR_CORRECTION, Stage.ON_HOLD_LITIGATION})

# The number each stage produces, by the Claim field that holds it. Skipping a stage is
# allowed only when its date and, where it has one, its number are recorded.
STAGE_NUMBER_FIELD: dict[Stage, str] = {
    Stage.APPLICATION_FILED: "register13_no",
    Stage.CASE_RECORD_SENT: "settlement_case_no",
    Stage.KABULIYAT_EXECUTED: "kabuliyat_no",
    Stage.KABULIYAT_REGISTERED: "deed_registration_no",
    Stage.MUTATED: "mutation_case_no",
    Stage.DCR_ISSUED: "dcr_no",
}

_FILED_TO_APPROVED = MAIN_LINE[
    MAIN_LINE.index(Stage.APPLICATION_FILED) : MAIN_LINE.index(Stage.DC_APPROVED) + 1
]
_BEFORE_APPROVAL = MAIN_LINE[: MAIN_LINE.index(Stage.DC_APPROVED)]
_FROM_APPROVAL = MAIN_LINE[MAIN_LINE.index(Stage.DC_APPROVED) :]

# Side states and the stages they can be reached from (besides the pauses themselves).
SIDE_FROM: dict[Stage, frozenset[Stage]] = {
    Stage.RETURNED_FOR_CORRECTION: frozenset(_FILED_TO_APPROVED),
    Stage.ON_HOLD_LITIGATION: frozenset(MAIN_LINE[:-1]),
    Stage.REJECTED: frozenset(_FILED_TO_APPROVED),
    Stage.SETTLED_TO_OTHERS: frozenset(_BEFORE_APPROVAL),
    Stage.SETTLEMENT_CANCELLED: frozenset(_FROM_APPROVAL),
    Stage.WITHDRAWN: frozenset(MAIN_LINE[:-1]),
    Stage.LAND_ERODED: frozenset(MAIN_LINE),
}


def is_main(stage: str) -> bool:
    return stage in MAIN_LINE


def position(stage: str) -> int:
    return MAIN_LINE.index(Stage(stage))


def skipped_between(current: str, target: str) -> list[Stage]:
    """Main-line stages jumped over when moving forward from `current` to `target`."""
    return list(MAIN_LINE[position(current) + 1 : position(target)])


def refusal(current: str, target: str, *, resume_stage: str | None = None) -> str | None:
    """Why moving from `current` to `target` is not allowed, or None when it is.

    Skipping forward along the main line is allowed here; the service then demands
    the date and number of each skipped stage.
    """
    label = Stage(target).label
    if current == target:
        return _("The claim is already at “%(stage)s”.") % {"stage": label}
    if current in TERMINAL:
        return _("“%(stage)s” is final; no further stage can follow it.") % {
            "stage": Stage(current).label
        }
    if current in PAUSES:
        return _refusal_from_pause(current, target, resume_stage)
    if target in SIDE_FROM:
        if current not in SIDE_FROM[Stage(target)]:
            return _("“%(target)s” cannot follow “%(current)s”.") % {
                "target": label,
                "current": Stage(current).label,
            }
        return None
    if position(target) < position(current):
        return _(
            "A claim does not move back to “%(target)s”; return it for correction instead."
        ) % {"target": label}
    return None


def _refusal_from_pause(current: str, target: str, resume_stage: str | None) -> str | None:
    if resume_stage is None:
        return _("The stage the claim paused at is unknown.")
    if target in TERMINAL:
        if resume_stage in SIDE_FROM[Stage(target)]:
            return None
        return _("“%(target)s” cannot follow “%(current)s”.") % {
            "target": Stage(target).label,
            "current": Stage(resume_stage).label,
        }
    if target in PAUSES:
        return _("A paused claim must resume before it can pause again.")
    if current == Stage.ON_HOLD_LITIGATION and target != resume_stage:
        return _("A claim on hold resumes at “%(stage)s”, where it stopped.") % {
            "stage": Stage(resume_stage).label
        }
    if current == Stage.RETURNED_FOR_CORRECTION and position(target) > position(resume_stage):
        return _(
            "A returned claim goes back to “%(stage)s” or an earlier stage, not beyond it."
        ) % {"stage": Stage(resume_stage).label}
    return None


def allowed_next(current: str, *, resume_stage: str | None = None) -> list[Stage]:
    """Every stage `current` may move to, in process order."""
    return [s for s in Stage if refusal(current, s, resume_stage=resume_stage) is None]


class Phase(models.TextChoices):
    """Stages grouped for maps and charts, where twenty colours could not be told apart."""

    NO_CLAIM = "no_claim", _("No claim yet")
    PREPARING = "preparing", _("Identified, application being prepared")
    FILED = "filed", _("Filed, inquiry and hearing")
    COMMITTEE = "committee", _("Upazila committee to DC approval")
    TITLE = "title", _("Kabuliyat, mutation and DCR")
    SETTLED = "settled", _("Settled, possession handed over")
    PAUSED = "paused", _("Paused (returned or on hold)")
    LOST = "lost", _("Rejected, cancelled or lost")


PHASE_OF_STAGE: dict[str, Phase] = {
    Stage.IDENTIFIED: Phase.PREPARING,
    Stage.APPLICATION_PREPARED: Phase.PREPARING,
    Stage.APPLICATION_FILED: Phase.FILED,
    Stage.FIELD_INQUIRY: Phase.FILED,
    Stage.LANDLESS_VERIFICATION: Phase.FILED,
    Stage.UPAZILA_RECOMMENDED: Phase.COMMITTEE,
    Stage.CASE_RECORD_SENT: Phase.COMMITTEE,
    Stage.DC_APPROVED: Phase.COMMITTEE,
    Stage.KABULIYAT_EXECUTED: Phase.TITLE,
    Stage.KABULIYAT_REGISTERED: Phase.TITLE,
    Stage.MUTATED: Phase.TITLE,
    Stage.DCR_ISSUED: Phase.TITLE,
    Stage.POSSESSION_HANDED_OVER: Phase.SETTLED,
    Stage.SETTLED: Phase.SETTLED,
    **dict.fromkeys(PAUSES, Phase.PAUSED),
    **dict.fromkeys(TERMINAL, Phase.LOST),
}


def phase_of(stage: str) -> Phase:
    """The phase of a stage; '' (a parcel no claim covers) is its own phase."""
    return PHASE_OF_STAGE.get(stage, Phase.NO_CLAIM)
