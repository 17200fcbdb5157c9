"""Saving a user's display preferences."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import translation

from landclaims.core.models import Preference


@transaction.atomic
def preference_save(*, user: Any, **values: Any) -> Preference:
    """Create or update the user's preferences with `values` (language, area_unit,
    bangla_calendar)."""
    preference, _created = Preference.objects.select_for_update().get_or_create(user=user)
    for name, value in values.items():
        setattr(preference, name, value)
    preference.full_clean()
    preference.save()
    user.preference = preference  # the middleware's cached copy, for the rest of the request
    return preference


def language_known(code: str | None) -> bool:
    return code in {language for language, _name in settings.LANGUAGES}


def language_of(user: Any, *, default: str | None = None) -> str:
    """The language the person chose, else `default`, else the active one, else the site's:
    for what is made for them outside a page of theirs (a phone's lists, a document's
    title, a reminder)."""
    try:
        chosen = user.preference.language
    except (ObjectDoesNotExist, AttributeError):  # no preferences saved; no user
        chosen = ""
    return chosen or default or translation.get_language() or settings.LANGUAGE_CODE
