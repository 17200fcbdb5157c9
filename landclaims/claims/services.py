"""Writes for claims: opening one, moving its stage along the process, changing possession,
and adding or removing its groups and parcels, each change a dated ClaimEvent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from landclaims.claims import stages
from landclaims.claims.models import Claim, ClaimEvent, LearnedFrom
from landclaims.claims.stages import Possession, Stage
from landclaims.core.concurrency import bump_version, check_version
from landclaims.core.models import Organisation
from landclaims.core.permissions import CLAIM_WRITERS, require_writer
from landclaims.core.scoping import scope_for
from landclaims.core.updates import apply_changes
from landclaims.core.validation import check_event_date
from landclaims.groups.models import LandlessGroup
from landclaims.parcels.models import Parcel


class StageChangeRefused(ValidationError):
    """A stage change the process does not allow; the message names the allowed ones."""

    def __init__(self, reason: str, allowed: Sequence[Stage]) -> None:
        names = ", ".join(str(s.label) for s in allowed) or _("none")
        super().__init__({"stage": f"{reason} " + _("Allowed next: %(names)s.") % {"names": names}})
        self.reason = reason
        self.allowed = list(allowed)


@dataclass(frozen=True)
class SkippedStage:
    """The date and number of a stage passed over when a claim moves ahead by several."""

    on: date
    number: str = ""


@transaction.atomic
def claim_create(
    *,
    organisation: Organisation,
    groups: Sequence[LandlessGroup],
    parcels: Sequence[Parcel],
    opened_on: date,
    by: Any,
    title: str = "",
    possession: str = Possession.NOT_ENTERED,
    notes: str = "",
    learned_from: str = "",
    stage: str = Stage.IDENTIFIED,
    stage_on: date | None = None,
    number: str = "",
    skipped: Mapping[str, SkippedStage] | None = None,
) -> Claim:
    """Open a claim for groups and parcels of one organisation and district.

    It opens at the first stage on `opened_on`. When the paper is older than the tool, it
    may open at a later stage of the main line (`stage`, reached on `stage_on`, with the
    `number` it produced): each stage passed over is then recorded with its date and number
    (`skipped`), as `claim_advance` does.
    """
    require_writer(by, CLAIM_WRITERS)
    _check_members_of(organisation, groups=groups, parcels=parcels)
    _check_in_scope(by, organisation, groups=groups, parcels=parcels)
    check_event_date(opened_on, previous=None, field="opened_on")
    if learned_from and learned_from not in LearnedFrom.values:
        raise ValidationError({"learned_from": _("Choose how the group learned of the land.")})
    claim = Claim(
        organisation=organisation,
        district=_district_of(parcels),
        title=title,
        opened_on=opened_on,
        learned_from=learned_from,
        stage=Stage.IDENTIFIED,
        stage_since=opened_on,
        possession=possession,
        possession_since=opened_on,
        notes=notes,
    )
    claim.full_clean()
    claim.save()
    claim.groups.set(groups)
    claim.parcels.set(parcels)
    _record(claim, ClaimEvent.Kind.STAGE, "", Stage.IDENTIFIED, opened_on, by)
    if stage != Stage.IDENTIFIED:
        _open_at_later_stage(claim, stage, stage_on, number, skipped or {}, by)
    if possession != Possession.NOT_ENTERED:
        _record(
            claim, ClaimEvent.Kind.POSSESSION, Possession.NOT_ENTERED, possession, opened_on, by
        )
    return claim


def _open_at_later_stage(
    claim: Claim,
    stage: str,
    on: date | None,
    number: str,
    skipped: Mapping[str, SkippedStage],
    by: Any,
) -> None:
    if not stages.is_main(stage):
        raise ValidationError(
            {"stage": _("A claim opens at a stage of the settlement process, not a side state.")}
        )
    if on is None:
        raise ValidationError({"stage_on": _("Give the date the claim reached this stage.")})
    check_event_date(on, previous=claim.opened_on, field="stage_on")
    previous_on = _record_skipped(claim, Stage.IDENTIFIED, stage, skipped, claim.opened_on, on, by)
    check_event_date(on, previous=previous_on, field="stage_on")
    from_stage = claim.stage
    _enter_stage(claim, stage, on, number)
    claim.full_clean()
    claim.save()
    _record(claim, ClaimEvent.Kind.STAGE, from_stage, stage, on, by, number=number)


def _check_in_scope(
    by: Any,
    organisation: Organisation,
    *,
    groups: Sequence[LandlessGroup] = (),
    parcels: Sequence[Parcel] = (),
    group_field: str = "groups",
    parcel_field: str = "parcels",
) -> None:
    """A person opens and changes claims only for their own organisation, with groups and
    parcels in their own districts."""
    scope = scope_for(by)
    if by is None or scope is None:
        return
    if scope.organisation_id not in (None, organisation.pk):
        raise ValidationError(
            {"organisation": _("You may open claims only for your organisation.")}
        )
    if scope.district_ids is None:
        return
    if any(_group_district_id(g) not in scope.district_ids for g in groups):
        raise ValidationError({group_field: _("This group is in a district you do not work in.")})
    if any(p.mouza.district_id not in scope.district_ids for p in parcels):
        raise ValidationError(
            {parcel_field: _("This parcel lies in a district you do not work in.")}
        )


def _group_district_id(group: LandlessGroup) -> int | None:
    return group.village.union.district_id


def _check_members_of(
    organisation: Organisation, *, groups: Sequence[LandlessGroup], parcels: Sequence[Parcel]
) -> None:
    if not groups:
        raise ValidationError({"groups": _("A claim needs at least one landless group.")})
    if not parcels:
        raise ValidationError({"parcels": _("A claim needs at least one parcel.")})
    if any(g.organisation_id != organisation.pk for g in groups):
        raise ValidationError({"groups": _("Every group must belong to the claim's organisation.")})
    if any(p.organisation_id != organisation.pk for p in parcels):
        raise ValidationError(
            {"parcels": _("Every parcel must belong to the claim's organisation.")}
        )


def _district_of(parcels: Sequence[Parcel]) -> Any:
    districts = {p.mouza.district_id for p in parcels}
    if len(districts) != 1 or None in districts:
        raise ValidationError({"parcels": _("All parcels of a claim must lie in one district.")})
    return parcels[0].mouza.district


@transaction.atomic
def claim_advance(
    *,
    claim: Claim,
    to: str,
    on: date,
    by: Any,
    number: str = "",
    note: str = "",
    skipped: Mapping[str, SkippedStage] | None = None,
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> Claim:
    """Move a claim to stage `to` on date `on`, or refuse and say which stages may follow.

    `expected_version` and `seen` (field values shown to the user) come from the form, so a
    save from a stale page is refused with what changed.
    """
    require_writer(by, CLAIM_WRITERS)
    claim = _locked(claim, expected_version, seen)
    current = claim.stage
    reason = stages.refusal(current, to, resume_stage=claim.resume_stage or None)
    if reason is not None:
        raise StageChangeRefused(
            reason, stages.allowed_next(current, resume_stage=claim.resume_stage or None)
        )
    previous_on = _last_event_on(claim, ClaimEvent.Kind.STAGE)
    check_event_date(on, previous=previous_on, field="on")
    if stages.is_main(current) and stages.is_main(to):
        previous_on = _record_skipped(claim, current, to, skipped or {}, previous_on, on, by)
    _enter_stage(claim, to, on, number)
    _save(claim)
    _record(claim, ClaimEvent.Kind.STAGE, current, to, on, by, number=number, note=note)
    return claim


def _locked(
    claim: Claim,
    expected_version: int | None,
    seen: Mapping[str, str] | None,
    *,
    appending: bool = False,
) -> Claim:
    """The claim's row, locked, after checking nobody saved it since the form was loaded
    (see core/concurrency.py for `appending`)."""
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    check_version(locked, expected=expected_version, seen=seen, appending=appending)
    return locked


def _save(claim: Claim) -> None:
    bump_version(claim)
    claim.full_clean()
    claim.save()


def _record_skipped(
    claim: Claim,
    current: str,
    to: str,
    skipped: Mapping[str, SkippedStage],
    previous_on: date | None,
    on: date,
    by: Any,
) -> date | None:
    """Record each stage passed over, refusing the move unless its date and number are given."""
    from_stage = current
    for stage in stages.skipped_between(current, to):
        details = skipped.get(stage)
        needs_number = stage in stages.STAGE_NUMBER_FIELD
        if details is None or (needs_number and not details.number.strip()):
            what = _("date and number") if needs_number else _("date")
            raise ValidationError(
                {
                    "skipped": _("Moving past “%(stage)s” needs its %(what)s.")
                    % {"stage": stage.label, "what": what}
                }
            )
        check_event_date(details.on, previous=previous_on, field="skipped")
        if details.on > on:
            raise ValidationError(
                {
                    "skipped": _("“%(stage)s” cannot be dated after the new stage.")
                    % {"stage": stage.label}
                }
            )
        _enter_stage(claim, stage, details.on, details.number)
        _record(
            claim, ClaimEvent.Kind.STAGE, from_stage, stage, details.on, by, number=details.number
        )
        from_stage, previous_on = stage, details.on
    return previous_on


def _enter_stage(claim: Claim, stage: str, on: date, number: str) -> None:
    if stage in stages.PAUSES:
        claim.resume_stage = claim.resume_stage or claim.stage
    elif claim.stage in stages.PAUSES:
        claim.resume_stage = ""
    claim.stage = stage
    claim.stage_since = on
    field = stages.STAGE_NUMBER_FIELD.get(Stage(stage))
    if field and number.strip():
        setattr(claim, field, number.strip())
    if stage == Stage.KABULIYAT_EXECUTED:
        claim.kabuliyat_on = on


@transaction.atomic
def claim_change_possession(
    *,
    claim: Claim,
    to: str,
    on: date,
    by: Any,
    note: str = "",
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> Claim:
    """Record that the group's hold on the land changed, independently of the paper stage."""
    require_writer(by, CLAIM_WRITERS)
    claim = _locked(claim, expected_version, seen)
    if to not in Possession.values:
        raise ValidationError({"possession": _("Unknown possession status “%(to)s”.") % {"to": to}})
    if to == claim.possession:
        raise ValidationError({"possession": _("The possession status is already that.")})
    check_event_date(on, previous=_last_event_on(claim, ClaimEvent.Kind.POSSESSION), field="on")
    previous = claim.possession
    claim.possession, claim.possession_since = to, on
    _save(claim)
    _record(claim, ClaimEvent.Kind.POSSESSION, previous, to, on, by, note=note)
    return claim


# What a person may correct on a claim directly; stage, possession, groups and parcels change
# only through the services above, which keep the history.
CLAIM_EDITABLE = (
    "title", "learned_from", "register13_no", "settlement_case_no", "kabuliyat_no", "kabuliyat_on",
    "deed_registration_no", "mutation_case_no", "new_khatian_no", "holding_no", "dcr_no",
    "notes",
)  # fmt: skip


@transaction.atomic
def claim_update(
    *,
    claim: Claim,
    by: Any,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> Claim:
    """Correct a claim's title, notes or paper numbers (CLAIM_EDITABLE)."""
    require_writer(by, CLAIM_WRITERS)
    claim = _locked(claim, expected_version, seen)
    bump_version(claim)
    return apply_changes(claim, changes, editable=CLAIM_EDITABLE)


def _last_event_on(claim: Claim, kind: str) -> date | None:
    last = claim.events.filter(kind=kind).order_by("-happened_on", "-id").first()
    return last.happened_on if last else None


def _record(
    claim: Claim,
    kind: str,
    from_value: str,
    to_value: str,
    on: date,
    by: Any,
    *,
    number: str = "",
    note: str = "",
    group: LandlessGroup | None = None,
    parcel: Parcel | None = None,
) -> ClaimEvent:
    event = ClaimEvent(
        claim=claim,
        kind=kind,
        group=group,
        parcel=parcel,
        from_value=from_value,
        to_value=to_value,
        happened_on=on,
        number=number.strip(),
        note=note,
        recorded_by=by,
    )
    event.full_clean()
    event.save()
    return event


# --- Groups and parcels joining or leaving a claim -----------------------------------------
#
# Each is added beside the others, so a page loaded before another change may still make it
# (an "appending" write, core/concurrency.py): it is refused only when the stage or
# possession the page showed has changed since. Each is a dated ClaimEvent naming the group
# or parcel, stored as "added" or "removed" (ClaimEvent.label says which, by name).
ADDED = "added"
REMOVED = "removed"


@transaction.atomic
def claim_add_group(
    *,
    claim: Claim,
    group: LandlessGroup,
    on: date,
    by: Any,
    note: str = "",
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> Claim:
    """Another landless group joins the claim on `on`."""
    require_writer(by, CLAIM_WRITERS)
    claim = _locked(claim, expected_version, seen, appending=True)
    if group.organisation_id != claim.organisation_id:
        raise ValidationError({"group": _("The group belongs to another organisation.")})
    _check_in_scope(by, claim.organisation, groups=[group], group_field="group")
    if claim.groups.filter(pk=group.pk).exists():
        raise ValidationError({"group": _("This group is already on the claim.")})
    check_event_date(on, previous=claim.opened_on, field="on")
    claim.groups.add(group)
    _record(claim, ClaimEvent.Kind.GROUP_ADDED, "", ADDED, on, by, note=note, group=group)
    _bump(claim)
    return claim


@transaction.atomic
def claim_remove_group(
    *,
    claim: Claim,
    group: LandlessGroup,
    on: date,
    by: Any,
    note: str = "",
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> Claim:
    """A group leaves the claim on `on`; a claim keeps at least one group."""
    require_writer(by, CLAIM_WRITERS)
    claim = _locked(claim, expected_version, seen, appending=True)
    _check_in_scope(by, claim.organisation, groups=[group], group_field="group")
    if not claim.groups.filter(pk=group.pk).exists():
        raise ValidationError({"group": _("This group is not on the claim.")})
    if claim.groups.count() == 1:
        raise ValidationError(
            {"group": _("A claim keeps at least one group: add another group first.")}
        )
    check_event_date(on, previous=claim.opened_on, field="on")
    claim.groups.remove(group)
    _record(claim, ClaimEvent.Kind.GROUP_REMOVED, "", REMOVED, on, by, note=note, group=group)
    _bump(claim)
    return claim


@transaction.atomic
def claim_add_parcel(
    *,
    claim: Claim,
    parcel: Parcel,
    on: date,
    by: Any,
    note: str = "",
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> Claim:
    """Another parcel joins the claim on `on`; it must lie in the claim's district. The map
    recolours it by the database's triggers on the claim's parcel links (maps.colours)."""
    require_writer(by, CLAIM_WRITERS)
    claim = _locked(claim, expected_version, seen, appending=True)
    if parcel.organisation_id != claim.organisation_id:
        raise ValidationError({"parcel": _("The parcel belongs to another organisation.")})
    _check_in_scope(by, claim.organisation, parcels=[parcel], parcel_field="parcel")
    if parcel.mouza.district_id != claim.district_id:
        raise ValidationError(
            {"parcel": _("The parcel lies in another district than the claim's.")}
        )
    if claim.parcels.filter(pk=parcel.pk).exists():
        raise ValidationError({"parcel": _("This parcel is already on the claim.")})
    check_event_date(on, previous=claim.opened_on, field="on")
    claim.parcels.add(parcel)
    _record(claim, ClaimEvent.Kind.PARCEL_ADDED, "", ADDED, on, by, note=note, parcel=parcel)
    _bump(claim)
    return claim


@transaction.atomic
def claim_remove_parcel(
    *,
    claim: Claim,
    parcel: Parcel,
    on: date,
    by: Any,
    note: str = "",
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> Claim:
    """A parcel leaves the claim on `on`; a claim keeps at least one parcel."""
    require_writer(by, CLAIM_WRITERS)
    claim = _locked(claim, expected_version, seen, appending=True)
    _check_in_scope(by, claim.organisation, parcels=[parcel], parcel_field="parcel")
    if not claim.parcels.filter(pk=parcel.pk).exists():
        raise ValidationError({"parcel": _("This parcel is not on the claim.")})
    if claim.parcels.count() == 1:
        raise ValidationError(
            {"parcel": _("A claim keeps at least one parcel: add another parcel first.")}
        )
    check_event_date(on, previous=claim.opened_on, field="on")
    claim.parcels.remove(parcel)
    _record(claim, ClaimEvent.Kind.PARCEL_REMOVED, "", REMOVED, on, by, note=note, parcel=parcel)
    _bump(claim)
    return claim


def _bump(claim: Claim) -> None:
    bump_version(claim)
    claim.save(update_fields=["version", "updated_at"])
