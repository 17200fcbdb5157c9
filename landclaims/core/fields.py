"""Model fields that keep one stored form of a value, with the database checking it too."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.migrations import RunPython
from django.db.models import BooleanField, Func

from landclaims.core.text import normalise_name


class NameField(models.CharField):
    """A name of a place, group, court or person, always in normalise_name's form.

    Django runs to_python when a form or full_clean cleans the value and (through
    get_prep_value) whenever the value is written or compared exactly, so no path that goes
    through the ORM stores another form; name_checks() makes the database refuse the rest.
    """

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return normalise_name(value) if isinstance(value, str) else value


class IsNfc(Func):
    """`column IS NFC NORMALIZED` (PostgreSQL 13+)."""

    template = "%(expressions)s IS NFC NORMALIZED"
    output_field = BooleanField()


def name_checks(prefix: str, *fields: str) -> list[models.CheckConstraint]:
    """Constraints that refuse a name not in Unicode NFC, whatever wrote it (COPY, raw SQL)."""
    return [
        models.CheckConstraint(condition=IsNfc(field), name=f"{prefix}_{field}_nfc")
        for field in fields
    ]


def normalise_stored_names(app_label: str, model_name: str, *fields: str) -> RunPython:
    """A migration step that brings names written before NameField into its form, so the
    constraints added after it hold. Only changed rows are written."""

    def forward(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        changed = []
        for row in model.objects.only("pk", *fields).iterator(chunk_size=2000):
            before = [getattr(row, field) for field in fields]
            after = [normalise_name(value) if value else value for value in before]
            if after != before:
                for field, value in zip(fields, after, strict=True):
                    setattr(row, field, value)
                changed.append(row)
        model.objects.bulk_update(changed, fields, batch_size=500)

    return RunPython(forward, RunPython.noop, elidable=True)
