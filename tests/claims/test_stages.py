"""The settlement process graph, without a database."""

from __future__ import annotations

import itertools

import pytest

from landclaims.claims import stages
from landclaims.claims.stages import MAIN_LINE, Stage


@pytest.mark.parametrize(("current", "target"), list(itertools.pairwise(MAIN_LINE)))
def test_each_main_stage_may_move_to_the_next(current: Stage, target: Stage) -> None:
    assert stages.refusal(current, target) is None


@pytest.mark.parametrize(("current", "target"), list(zip(MAIN_LINE[1:], MAIN_LINE, strict=False)))
def test_a_main_stage_never_moves_back_directly(current: Stage, target: Stage) -> None:
    reason = stages.refusal(current, target)
    assert reason is not None
    assert "return it for correction" in reason


@pytest.mark.parametrize("final", sorted(stages.TERMINAL))
@pytest.mark.parametrize("target", [Stage.IDENTIFIED, Stage.SETTLED, Stage.WITHDRAWN])
def test_final_states_allow_no_further_stage(final: Stage, target: Stage) -> None:
    if final == target:
        return
    assert "is final" in str(stages.refusal(final, target))


def test_staying_in_the_same_stage_is_refused() -> None:
    assert "already" in str(stages.refusal(Stage.FIELD_INQUIRY, Stage.FIELD_INQUIRY))


def test_return_for_correction_only_between_filing_and_dc_approval() -> None:
    assert stages.refusal(Stage.FIELD_INQUIRY, Stage.RETURNED_FOR_CORRECTION) is None
    assert stages.refusal(Stage.IDENTIFIED, Stage.RETURNED_FOR_CORRECTION) is not None
    assert stages.refusal(Stage.MUTATED, Stage.RETURNED_FOR_CORRECTION) is not None


def test_settlement_cancelled_only_after_dc_approval() -> None:
    assert stages.refusal(Stage.FIELD_INQUIRY, Stage.SETTLEMENT_CANCELLED) is not None
    assert stages.refusal(Stage.KABULIYAT_REGISTERED, Stage.SETTLEMENT_CANCELLED) is None


def test_settled_to_others_only_before_dc_approval() -> None:
    assert stages.refusal(Stage.UPAZILA_RECOMMENDED, Stage.SETTLED_TO_OTHERS) is None
    assert stages.refusal(Stage.DCR_ISSUED, Stage.SETTLED_TO_OTHERS) is not None


def test_a_held_claim_resumes_only_where_it_stopped() -> None:
    held = Stage.ON_HOLD_LITIGATION
    assert stages.refusal(held, Stage.FIELD_INQUIRY, resume_stage=Stage.FIELD_INQUIRY) is None
    reason = stages.refusal(held, Stage.DC_APPROVED, resume_stage=Stage.FIELD_INQUIRY)
    assert reason is not None and "where it stopped" in reason


def test_a_returned_claim_goes_back_but_not_beyond_where_it_was() -> None:
    returned = Stage.RETURNED_FOR_CORRECTION
    resume = Stage.UPAZILA_RECOMMENDED
    assert stages.refusal(returned, Stage.APPLICATION_PREPARED, resume_stage=resume) is None
    assert stages.refusal(returned, Stage.UPAZILA_RECOMMENDED, resume_stage=resume) is None
    assert stages.refusal(returned, Stage.DC_APPROVED, resume_stage=resume) is not None


def test_a_paused_claim_cannot_pause_again() -> None:
    reason = stages.refusal(
        Stage.ON_HOLD_LITIGATION, Stage.RETURNED_FOR_CORRECTION, resume_stage=Stage.FIELD_INQUIRY
    )
    assert reason is not None


def test_a_paused_claim_can_end_where_its_resume_stage_could() -> None:
    held = Stage.ON_HOLD_LITIGATION
    assert stages.refusal(held, Stage.REJECTED, resume_stage=Stage.FIELD_INQUIRY) is None
    assert stages.refusal(held, Stage.REJECTED, resume_stage=Stage.MUTATED) is not None


def test_allowed_next_lists_forward_stages_and_side_states_in_order() -> None:
    allowed = stages.allowed_next(Stage.DC_APPROVED)
    assert allowed[0] == Stage.KABULIYAT_EXECUTED
    assert Stage.SETTLEMENT_CANCELLED in allowed
    assert Stage.REJECTED in allowed
    assert Stage.FIELD_INQUIRY not in allowed


def test_skipped_between_names_every_stage_jumped_over() -> None:
    assert stages.skipped_between(Stage.IDENTIFIED, Stage.FIELD_INQUIRY) == [
        Stage.APPLICATION_PREPARED,
        Stage.APPLICATION_FILED,
    ]
    assert stages.skipped_between(Stage.IDENTIFIED, Stage.APPLICATION_PREPARED) == []
