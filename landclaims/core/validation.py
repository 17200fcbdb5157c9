"""Checks that several services share, each raising a ValidationError that names the field."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def check_event_date(on: date, *, previous: date | None, field: str) -> None:
    """An event may not be dated in the future nor before the event it follows."""
    today = timezone.localdate()
    if on > today:
        raise ValidationError(
            {field: _("%(on)s is in the future (today is %(today)s).") % {"on": on, "today": today}}
        )
    if previous is not None and on < previous:
        raise ValidationError(
            {
                field: _("%(on)s is before the previous event, dated %(previous)s.")
                % {"on": on, "previous": previous}
            }
        )
