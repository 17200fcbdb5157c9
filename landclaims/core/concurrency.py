"""Optimistic concurrency: a save from a stale page is refused, saying what changed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from landclaims.core.templatetags.lc_format import moment


class EditConflict(ValidationError):
    """Someone else saved the record after this form was loaded.

    The message says when and what in words people use (never the version counter), and
    that the page now shows the record as it is."""

    def __init__(self, changes: list[str], saved_at: datetime | None = None) -> None:
        detail = "; ".join(changes) or _("they added to its history")
        if saved_at is not None:
            message = _(
                "Someone else changed this record at %(time)s, while you were editing it: "
                "%(detail)s. Your changes were not saved; here is the record as it is now, "
                "look at their change and try again."
            ) % {"time": moment(saved_at, "H:i"), "detail": detail}
        else:
            message = _(
                "Someone else changed this record while you were editing it: %(detail)s. "
                "Your changes were not saved; here is the record as it is now, look at "
                "their change and try again."
            ) % {"detail": detail}
        super().__init__(message, code="edit_conflict")
        self.changes = changes


def check_version(
    instance: models.Model,
    *,
    expected: int | None,
    seen: Mapping[str, Any] | None = None,
    appending: bool = False,
) -> None:
    """Refuse a write based on version `expected` when the row has moved on.

    `instance` must be freshly locked (select_for_update). `seen` holds the field values the
    user was shown, so the message can say which of them changed and to what.

    An `appending` write (another order, party or note beside those already there) changes
    nothing anyone else saved, so it is refused only when a value it was made on, one of
    `seen`, has changed meanwhile (the case was disposed, say), not for the version alone.
    """
    if expected is None or expected == instance.version:  # type: ignore[attr-defined]
        return
    changes = [
        _("%(field)s is now “%(now)s” (you saw “%(then)s”)")
        % {
            "field": instance._meta.get_field(name).verbose_name,
            "now": _label(instance, name, getattr(instance, name)),
            "then": _label(instance, name, then),
        }
        for name, then in (seen or {}).items()
        if str(getattr(instance, name)) != str(then)
    ]
    if appending and seen is not None and not changes:
        return
    raise EditConflict(changes, getattr(instance, "updated_at", None))


def _label(instance: models.Model, name: str, value: Any) -> str:
    """A choice's label rather than its code, for the message."""
    choices = dict(instance._meta.get_field(name).flatchoices)
    return str(choices.get(value, value))


def bump_version(instance: models.Model) -> None:
    instance.version += 1  # type: ignore[attr-defined]
