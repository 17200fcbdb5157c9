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
from django.utils.module_loading import import_string

# Bookkeeping that changes on every save and says nothing a reader needs.
UNTRACKED = ("created_at", "updated_at")


def audited(*, exclude: Iterable[str] = ()) -> Callable[[type[Any]], type[Any]]:
    """Track a model's inserts, updates and deletes in an append-only `<Model>Audit` table.

    `exclude` leaves out fields too large or too derived to copy on every change.
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
            attrs=_unindexed_geometries(model, skipped),
        )
        return tracker(model)  # type: ignore[no-any-return]

    return wrap


def _unindexed_geometries(
    model: type[Any], skipped: list[str]
) -> dict[str, models.Field[Any, Any]]:
    """The model's geometry fields for its audit table, without their spatial index.

    History is read one record at a time (by pgh_obj_id), never by place, so a GiST index on
    it is only write cost: a share of every import and of the demo seed's parcel load
    (issue 17's measurements). These replace the copies pghistory would make."""
    copies = {}
    for field in model._meta.local_fields:
        if isinstance(field, GeometryField) and field.name not in skipped:
            _name, path, args, kwargs = field.deconstruct()
            kwargs.update(spatial_index=False, primary_key=False, unique=False, db_index=False)
            copies[field.name] = import_string(path)(*args, **kwargs)
    return copies
