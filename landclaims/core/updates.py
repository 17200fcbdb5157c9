"""The one way the update services change a record's plain fields.

An update service names the fields it lets a person change (`editable`), checks its own
rules, then hands the changes here: anything else is refused, the record is validated with
`full_clean()` before it is saved, and many-to-many fields are set after the save.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def apply_changes[M: models.Model](
    record: M, changes: Mapping[str, Any], *, editable: Iterable[str]
) -> M:
    refused = sorted(set(changes) - set(editable))
    if refused:
        raise ValidationError(
            _("These fields cannot be changed here: %(names)s.") % {"names": ", ".join(refused)}
        )
    many: dict[str, Any] = {}
    for name, value in changes.items():
        if record._meta.get_field(name).many_to_many:
            many[name] = value
        else:
            setattr(record, name, value)
    record.full_clean()
    record.save()
    for name, value in many.items():
        getattr(record, name).set(value)
    return record
