"""Writes for the groups' public action and their watchdog checks of safety nets.

An action is the groups' own: at least one group, all of the organisation's and visible to
the person recording. It is filed under the district of its place, else of its first group,
else of its first claim. Links to claims, cases and incidents are the organisation's and
visible to the person; a link they cannot see is never shown nor removed by their edits.
Every change locks the row and raises its `version` (see core/concurrency.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from landclaims.actions.models import Action, SafetyNetCheck
from landclaims.cases.models import LegalCase
from landclaims.claims.models import Claim
from landclaims.core.concurrency import bump_version, check_version
from landclaims.core.models import Organisation
from landclaims.core.permissions import GROUP_WORK_WRITERS, require_writer
from landclaims.core.services import district_record_check
from landclaims.core.updates import apply_changes
from landclaims.core.validation import check_event_date
from landclaims.groups.models import LandlessGroup
from landclaims.incidents.models import Incident
from landclaims.places.models import AdminArea

# Gatherings are counted: a sit-in of nobody did not happen.
GATHERINGS = frozenset({Action.Kind.SIT_IN, Action.Kind.RALLY, Action.Kind.HUMAN_CHAIN})
# What an action may be linked to, by the name of its many-to-many field.
LINKED_MODELS: dict[str, type[models.Model]] = {
    "claims": Claim,
    "cases": LegalCase,
    "incidents": Incident,
}
UNION_LEVELS = (AdminArea.Level.UNION, AdminArea.Level.PAURASHAVA)


@transaction.atomic
def action_create(
    *,
    organisation: Organisation,
    kind: str,
    took_place_on: date,
    groups: Sequence[LandlessGroup],
    place: AdminArea | None = None,
    venue: str = "",
    women: int = 0,
    men: int = 0,
    others: int = 0,
    authority: str = "",
    demands: str = "",
    outcome: str = Action.Outcome.PENDING,
    outcome_note: str = "",
    claims: Iterable[Claim] = (),
    cases: Iterable[LegalCase] = (),
    incidents: Iterable[Incident] = (),
    district: AdminArea | None = None,
    by: Any = None,
) -> Action:
    """Record an action of one or more groups, with the claims, cases and incidents it was
    about."""
    require_writer(by, GROUP_WORK_WRITERS)
    check_event_date(took_place_on, previous=None, field="took_place_on")
    groups = list(groups)
    links = {"claims": list(claims), "cases": list(cases), "incidents": list(incidents)}
    _check_groups(by, organisation, groups)
    for name, records in links.items():
        _check_records(by, organisation, name, records)
    _check_people(kind, women + men + others)
    district = district or _district_of(place=place, groups=groups, claims=links["claims"])
    _check_district(by, organisation, district)
    action = Action(
        organisation=organisation,
        district=district,
        kind=kind,
        took_place_on=took_place_on,
        place=place,
        venue=venue.strip(),
        women=women,
        men=men,
        others=others,
        authority=authority.strip(),
        demands=demands,
        outcome=outcome,
        outcome_note=outcome_note,
    )
    action.full_clean()
    action.save()
    action.groups.set(groups)
    for name, records in links.items():
        getattr(action, name).set(records)
    return action


def _district_of(
    *, place: AdminArea | None, groups: Sequence[LandlessGroup], claims: Sequence[Claim]
) -> AdminArea | None:
    if place is not None:
        return place if place.level == AdminArea.Level.DISTRICT else place.district
    if groups:
        return groups[0].village.union.district
    if claims:
        return claims[0].district
    return None


def _check_district(by: Any, organisation: Organisation, district: AdminArea | None) -> None:
    district_record_check(
        by=by,
        organisation=organisation,
        district=district,
        wrong_organisation=_("You may record actions only for your organisation."),
        missing=_("Choose the place, or a group it was of."),
    )


def _check_groups(by: Any, organisation: Organisation, groups: Sequence[LandlessGroup]) -> None:
    if not groups:
        raise ValidationError({"groups": _("Choose the group or groups that took part.")})
    _check_records(by, organisation, "groups", groups)


def _check_records(
    by: Any, organisation: Organisation, name: str, records: Sequence[models.Model]
) -> None:
    """The organisation's records, in the districts of the person recording (a record they
    cannot see reads as one of another district, never as what it is)."""
    for record in records:
        if record.organisation_id != organisation.pk:  # type: ignore[attr-defined]
            raise ValidationError({name: _("One of them belongs to another organisation.")})
        visible = type(record)._default_manager.visible_to(by)  # type: ignore[attr-defined]
        if by is not None and not visible.filter(pk=record.pk).exists():
            raise ValidationError({name: _("One of them lies in districts you do not work in.")})


def _check_people(kind: str, people: int) -> None:
    if kind in GATHERINGS and people == 0:
        raise ValidationError(
            {"women": _("Say how many women, men and others took part in a gathering.")}
        )


# The organisation and district an action is filed under are fixed.
ACTION_EDITABLE = (
    "kind", "took_place_on", "place", "venue", "groups", "women", "men", "others",
    "authority", "demands", "outcome", "outcome_note", "claims", "cases", "incidents",
)  # fmt: skip


@transaction.atomic
def action_update(
    *,
    action: Action,
    by: Any,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> Action:
    """Correct an action (ACTION_EDITABLE) or record its outcome; refused when someone else
    saved it since the form or the API read it at `expected_version`."""
    require_writer(by, GROUP_WORK_WRITERS)
    action = Action.objects.select_for_update().get(pk=action.pk)
    check_version(action, expected=expected_version, seen=seen)
    organisation = Organisation.objects.get(pk=action.organisation_id)
    changes = dict(changes)
    if "took_place_on" in changes:
        check_event_date(changes["took_place_on"], previous=None, field="took_place_on")
    if "groups" in changes:
        changes["groups"] = list(changes["groups"])
        _check_groups(by, organisation, changes["groups"])
        changes["groups"] = _keeping_unseen(action, "groups", changes["groups"], by)
    for name in LINKED_MODELS:
        if name in changes:
            records = list(changes[name])
            _check_records(by, organisation, name, records)
            changes[name] = _keeping_unseen(action, name, records, by)
    for name in ("venue", "authority"):
        if name in changes:
            changes[name] = changes[name].strip()
    people = sum(changes.get(n, getattr(action, n)) for n in ("women", "men", "others"))
    _check_people(changes.get("kind", action.kind), people)
    bump_version(action)
    return apply_changes(action, changes, editable=ACTION_EDITABLE)


def _keeping_unseen(record: Any, name: str, chosen: list[Any], by: Any) -> list[Any]:
    """`chosen` plus the linked records `by` cannot see: a person's edit changes only the
    links they were shown."""
    linked = getattr(record, name).all()
    if by is None:
        return chosen
    unseen = linked.exclude(pk__in=linked.model._default_manager.visible_to(by).values("pk"))
    return [*chosen, *unseen]


@transaction.atomic
def action_link(
    *,
    action: Action,
    by: Any,
    claim: Claim | None = None,
    case: LegalCase | None = None,
    incident: Incident | None = None,
    expected_version: int | None = None,
) -> Action:
    """Link an action to the claim, case or incident it was about."""
    return _relink(action, by, _one_link(claim, case, incident), expected_version, add=True)


@transaction.atomic
def action_unlink(
    *,
    action: Action,
    by: Any,
    claim: Claim | None = None,
    case: LegalCase | None = None,
    incident: Incident | None = None,
    expected_version: int | None = None,
) -> Action:
    """Undo a link made by mistake; the claim, case or incident itself stays as it is."""
    return _relink(action, by, _one_link(claim, case, incident), expected_version, add=False)


def _one_link(
    claim: Claim | None, case: LegalCase | None, incident: Incident | None
) -> tuple[str, models.Model]:
    given = [(n, r) for n, r in (("claims", claim), ("cases", case), ("incidents", incident)) if r]
    if len(given) != 1:
        raise ValidationError(_("Give one claim, case or incident."))
    return given[0]


def _relink(
    action: Action,
    by: Any,
    link: tuple[str, models.Model],
    expected_version: int | None,
    *,
    add: bool,
) -> Action:
    require_writer(by, GROUP_WORK_WRITERS)
    action = Action.objects.select_for_update().get(pk=action.pk)
    check_version(action, expected=expected_version)
    name, record = link
    organisation = Organisation.objects.get(pk=action.organisation_id)
    _check_records(by, organisation, name, [record])
    related = getattr(action, name)
    if add:
        related.add(record)
    else:
        if not related.filter(pk=record.pk).exists():
            raise ValidationError({name: _("This action is not linked to it.")})
        related.remove(record)
    bump_version(action)
    action.save(update_fields=["version", "updated_at"])
    return action


@transaction.atomic
def safety_net_check_create(
    *,
    organisation: Organisation,
    union: AdminArea,
    programme: str,
    checked_on: date,
    checked: str,
    irregularities_found: bool = False,
    irregularities: str = "",
    people_wrongly_left_out: int = 0,
    action_taken: str = "",
    outcome: str = "",
    groups: Iterable[LandlessGroup] = (),
    action: Action | None = None,
    by: Any = None,
) -> SafetyNetCheck:
    """Record a watchdog check of one programme in one union, filed under its district."""
    require_writer(by, GROUP_WORK_WRITERS)
    check_event_date(checked_on, previous=None, field="checked_on")
    if union.level not in UNION_LEVELS:
        raise ValidationError({"union": _("Choose a union or paurashava.")})
    groups = list(groups)
    _check_records(by, organisation, "groups", groups)
    _check_visit(by, organisation, action)
    _check_findings(irregularities_found, irregularities, people_wrongly_left_out)
    _check_district(by, organisation, union.district)
    check = SafetyNetCheck(
        organisation=organisation,
        district=union.district,
        union=union,
        programme=programme,
        checked_on=checked_on,
        checked=checked,
        irregularities_found=irregularities_found,
        irregularities=irregularities.strip(),
        people_wrongly_left_out=people_wrongly_left_out,
        action_taken=action_taken,
        outcome=outcome,
        action=action,
    )
    check.full_clean()
    check.save()
    check.groups.set(groups)
    return check


def _check_visit(by: Any, organisation: Organisation, action: Action | None) -> None:
    if action is None:
        return
    _check_records(by, organisation, "action", [action])
    if action.kind != Action.Kind.WATCHDOG_VISIT:
        raise ValidationError({"action": _("Link a watchdog visit, not another kind of action.")})


def _check_findings(found: bool, irregularities: str, left_out: int) -> None:
    if found and not irregularities.strip():
        raise ValidationError({"irregularities": _("Describe the irregularities found.")})
    if not found and irregularities.strip():
        raise ValidationError(
            {"irregularities_found": _("Tick “irregularities found” when you describe some.")}
        )
    if left_out and not found:
        raise ValidationError(
            {
                "people_wrongly_left_out": _(
                    "Eligible people left out are an irregularity: tick “irregularities "
                    "found” and describe it."
                )
            }
        )


# The organisation, union and district a check is filed under are fixed.
SAFETY_NET_CHECK_EDITABLE = (
    "programme", "checked_on", "checked", "irregularities_found", "irregularities",
    "people_wrongly_left_out", "action_taken", "outcome", "groups", "action",
)  # fmt: skip


@transaction.atomic
def safety_net_check_update(
    *,
    check: SafetyNetCheck,
    by: Any,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> SafetyNetCheck:
    """Correct a check or record what came of it (SAFETY_NET_CHECK_EDITABLE)."""
    require_writer(by, GROUP_WORK_WRITERS)
    check = SafetyNetCheck.objects.select_for_update().get(pk=check.pk)
    check_version(check, expected=expected_version, seen=seen)
    organisation = Organisation.objects.get(pk=check.organisation_id)
    changes = dict(changes)
    if "checked_on" in changes:
        check_event_date(changes["checked_on"], previous=None, field="checked_on")
    if "groups" in changes:
        groups = list(changes["groups"])
        _check_records(by, organisation, "groups", groups)
        changes["groups"] = _keeping_unseen(check, "groups", groups, by)
    if "action" in changes:
        _check_visit(by, organisation, changes["action"])
    if "irregularities" in changes:
        changes["irregularities"] = changes["irregularities"].strip()
    _check_findings(
        changes.get("irregularities_found", check.irregularities_found),
        changes.get("irregularities", check.irregularities),
        changes.get("people_wrongly_left_out", check.people_wrongly_left_out),
    )
    bump_version(check)
    return apply_changes(check, changes, editable=SAFETY_NET_CHECK_EDITABLE)
