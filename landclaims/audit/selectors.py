"""Reads of the audit trail, turned into "who changed what, when, from what to what".

Every read starts from `visible_to(user)` of the tracked record: the events of a case are
found through the cases the user may see, never by the event's own id. Children (hearings,
orders, parties) are found by the case id copied into their events, so the history of a
hearing that was later deleted still shows on its case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from landclaims.allocations.models import Allocation
from landclaims.cases.models import CaseEvent, CaseParty, Hearing, InterimOrder, LegalCase
from landclaims.claims.models import Claim
from landclaims.core.display import place_name
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.groups.models import LandlessGroup, Member
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea, Village

# Snapshot fields that only count saves or link rows: not news to a reader.
NOT_SHOWN = frozenset({"id", "version", "sequence", "series"})
# Fields that identify a person. Shown only to roles that read names (GROUP_NAME_READERS);
# a case party who is a member is named by the member's code, for every role, as on the page.
PERSONAL = {
    Member: frozenset({"name_bn", "name_en", "nid", "phone", "spouse"}),
    LandlessGroup: frozenset({"name_bn", "name_en"}),
    Allocation: frozenset({"names_on_kabuliyat", "others_note", "holding_note"}),
}
LONG_TEXT = 120
HIDDEN = gettext_lazy("(hidden)")


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    who: str  # a username; "" when the change came from outside any request (psql, scripts)
    url: str
    action: str  # "insert", "update" or "delete"
    record: str  # what was changed, e.g. "hearing #12"
    changes: list[Change] = field(default_factory=list)


def claim_history(*, user: Any, claim_pk: int) -> list[HistoryEntry]:
    claims = Claim.objects.visible_to(user).filter(pk=claim_pk).values("pk")
    return _newest_first(_entries(user, Claim, _events(Claim).filter(pgh_obj_id__in=claims)))


def parcel_history(*, user: Any, parcel_pk: int) -> list[HistoryEntry]:
    parcels = Parcel.objects.visible_to(user).filter(pk=parcel_pk).values("pk")
    return _newest_first(_entries(user, Parcel, _events(Parcel).filter(pgh_obj_id__in=parcels)))


def case_history(*, user: Any, case_pk: int) -> list[HistoryEntry]:
    """The case's own changes and those of its hearings, orders, events and parties."""
    cases = LegalCase.objects.visible_to(user).filter(pk=case_pk).values("pk")
    entries = _entries(user, LegalCase, _events(LegalCase).filter(pgh_obj_id__in=cases))
    for child in (Hearing, InterimOrder, CaseEvent, CaseParty):
        entries += _entries(user, child, _events(child).filter(case_id__in=cases))
    return _newest_first(entries)


def member_history(*, user: Any, member_pk: int) -> list[HistoryEntry]:
    """A member's changes; the personal fields are decrypted for roles that read names
    (the caller logs that read) and hidden for the others."""
    members = Member.objects.visible_to(user).filter(pk=member_pk).values("pk")
    return _newest_first(_entries(user, Member, _events(Member).filter(pgh_obj_id__in=members)))


def group_history(*, user: Any, group_pk: int) -> list[HistoryEntry]:
    """A group's changes; its names are hidden from roles that may not read them."""
    groups = LandlessGroup.objects.visible_to(user).filter(pk=group_pk).values("pk")
    events = _events(LandlessGroup).filter(pgh_obj_id__in=groups)
    return _newest_first(_entries(user, LandlessGroup, events))


def allocation_history(*, user: Any, allocation_pk: int) -> list[HistoryEntry]:
    allocations = Allocation.objects.visible_to(user).filter(pk=allocation_pk).values("pk")
    events = _events(Allocation).filter(pgh_obj_id__in=allocations)
    return _newest_first(_entries(user, Allocation, events))


def _events(model: type[models.Model]) -> QuerySet[Any]:
    event_model = model._meta.apps.get_model(model._meta.app_label, f"{model.__name__}Audit")
    return event_model.objects.select_related("pgh_context").order_by("pgh_obj_id", "pgh_id")


def _newest_first(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def _entries(user: Any, model: type[models.Model], events: QuerySet[Any]) -> list[HistoryEntry]:
    """Each event with the fields that changed since the previous event of the same row."""
    rows = list(events)
    names = _usernames(row.pgh_context.metadata.get("user") for row in rows if row.pgh_context)
    hidden = _hidden_fields(user, model)
    tracked = [f for f in _tracked_fields(rows[0]) if f.name not in NOT_SHOWN] if rows else []
    entries, previous = [], {}
    for row in rows:
        before = previous.get(row.pgh_obj_id)
        changes = _changes(row, before, tracked, hidden) if row.pgh_label == "update" else []
        previous[row.pgh_obj_id] = row
        if row.pgh_label == "update" and not changes:
            continue
        metadata = row.pgh_context.metadata if row.pgh_context else {}
        entries.append(
            HistoryEntry(
                at=row.pgh_created_at,
                who=names.get(metadata.get("user"), ""),
                url=metadata.get("url", ""),
                action=row.pgh_label,
                record=_record_label(model, row),
                changes=changes,
            )
        )
    return entries


def _changes(row: Any, before: Any, tracked: list[Any], hidden: frozenset[str]) -> list[Change]:
    changes = []
    for model_field in tracked:
        after_value = getattr(row, model_field.attname)
        before_value = getattr(before, model_field.attname) if before is not None else None
        if before is not None and before_value == after_value:
            continue
        if model_field.name in hidden or (model_field.name == "name" and _is_member(row)):
            changes.append(Change(str(model_field.verbose_name), str(HIDDEN), str(HIDDEN)))
            continue
        # No earlier event (the row predates the trail): the old value is unknown.
        shown_before = _show(model_field, before_value) if before is not None else "?"
        changes.append(
            Change(str(model_field.verbose_name), shown_before, _show(model_field, after_value))
        )
    return changes


def _is_member(row: Any) -> bool:
    return getattr(row, "member_id", None) is not None


def _tracked_fields(row: Any) -> list[Any]:
    return [f for f in row._meta.concrete_fields if not f.name.startswith("pgh_")]


def _hidden_fields(user: Any, model: type[models.Model]) -> frozenset[str]:
    if has_role(user, GROUP_NAME_READERS):
        return frozenset()
    return PERSONAL.get(model, frozenset())


def _record_label(model: type[models.Model], row: Any) -> str:
    label = str(model._meta.verbose_name)
    if model is CaseParty and _is_member(row):
        member = Member.objects.filter(pk=row.member_id).values_list("code", flat=True).first()
        return _("member %(code)s") % {"code": member or "?"}
    if model is LandlessGroup:
        return label  # its own page: the group is named above, never by its id
    return f"{label} #{row.pgh_obj_id}"


def _show(model_field: Any, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if model_field.get_internal_type() in {"MultiPolygonField", "PointField"}:
        return _("a new shape")
    if model_field.is_relation and model_field.related_model in (Village, AdminArea):
        place = model_field.related_model.objects.filter(pk=value).first()
        return place_name(place) if place is not None else "?"
    if model_field.is_relation:
        return f"#{value}"
    text = str(value)
    return text if len(text) <= LONG_TEXT else text[: LONG_TEXT - 1] + "…"


def _usernames(ids: Iterable[Any]) -> dict[Any, str]:
    wanted = {pk for pk in ids if pk is not None}
    users = get_user_model().objects.filter(pk__in=wanted)
    return {user.pk: user.get_username() for user in users}
