"""How a domain model is put under the audit trail: one decorator, the same everywhere.

Database triggers (django-pghistory) write an event row for every INSERT, UPDATE and
DELETE, whoever makes it: a page, `QuerySet.update`, a data migration or psql. Requests
attach the user and URL through pghistory's middleware; raw SQL is recorded without them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pghistory
import pgtrigger
from django.contrib.gis.db.models import GeometryField
from django.db import models

# pghistory's own copy of a field for an event table (related names cleared, constraints
# dropped), so the copies below differ from its own only in the index.
from pghistory.core import _generate_history_field

# Bookkeeping that changes on every save and says nothing a reader needs.
UNTRACKED = ("created_at", "updated_at")


def audited(
    *, exclude: Iterable[str] = (), indexed: Iterable[str] = ()
) -> Callable[[type[Any]], type[Any]]:
    """Track a model's inserts, updates and deletes in an append-only `<Model>Audit` table.

    `exclude` leaves out fields too large or too derived to copy on every change.
    `indexed` names the foreign keys history is looked up by besides the record itself
    (a hearing's `case`, for the case's history); no other copy is indexed.
    """

    def wrap(model: type[Any]) -> type[Any]:
        names = {field.name for field in model._meta.local_fields}
        skipped = [name for name in (*UNTRACKED, *exclude) if name in names]
        tracker = pghistory.track(
            pghistory.InsertEvent(),
            pghistory.UpdateEvent(),
            pghistory.DeleteEvent(),
            exclude=skipped,
            # The default name <Model>Event collides with ClaimEvent and CaseEvent.
            model_name=f"{model.__name__}Audit",
            # Not a database FK: the event must outlive the row it describes.
            obj_field=pghistory.ObjForeignKey(
                related_name="audit_events", related_query_name="+", db_constraint=False
            ),
            # pgtrigger.Protect refuses UPDATE and DELETE on the event table, also for the
            # database role that owns it (which is the role the app connects as).
            append_only=True,
            # One trigger call per statement over its transition table: a row-level trigger
            # attaches the context once per row (a subtransaction each), which made a
            # 20,000-parcel INSERT 26 times slower than without the trail.
            level=pgtrigger.Statement,
            attrs=_unindexed_copies(model, skipped, set(indexed)),
        )
        return tracker(model)  # type: ignore[no-any-return]

    return wrap


def _unindexed_copies(
    model: type[Any], skipped: list[str], indexed: set[str]
) -> dict[str, models.Field[Any, Any]]:
    """pghistory's copies of the model's geometry and foreign-key fields, without the index
    it would give each (a GiST index on every geometry, a b-tree on every key).

    History is read one record at a time (by pgh_obj_id, which keeps its index) and never
    by place or by organisation, so those indexes were only write cost: on every audited
    write, and most of all on imports and the demo seed, which write thousands of events
    at a time (issue 17's measurements)."""
    copies = {}
    for field in model._meta.local_fields:
        if field.name in skipped or field.name in indexed:
            continue
        if isinstance(field, GeometryField | models.ForeignKey):
            copy = _generate_history_field(model, field.name)
            copy.db_index = False
            if isinstance(copy, GeometryField):
                copy.spatial_index = False
            copies[field.name] = copy
    return copies
