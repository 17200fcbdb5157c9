"""Activates a logged-in user's saved language and display settings for the request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from landclaims.core import display


class UserPreferenceMiddleware:
    """Goes after AuthenticationMiddleware (and so after LocaleMiddleware).

    LocaleMiddleware has already picked a language from the cookie or the browser; a
    logged-in user's saved choice wins over both, so the language follows the user to a
    new device. Anonymous visitors keep Django's cookie.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            preference = getattr(user, "preference", None)
            if preference is not None and preference.language:
                translation.activate(preference.language)
                request.LANGUAGE_CODE = preference.language
            display.activate(display.display_for(user))
        try:
            return self.get_response(request)
        finally:
            display.deactivate()
