"""Request set-up: a query string in one encoding; the logged-in user's saved language and
display settings."""

from __future__ import annotations

import re
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


class QueryStringMiddleware:
    """Percent-encodes the non-ASCII bytes of a query string, first of all middleware.

    A client that sends ?dag_no=১২৩ unencoded (curl, a script) gives a WSGI server raw UTF-8
    bytes, which PEP 3333 hands over decoded as Latin-1. Django parses request.GET from the
    bytes correctly, but request.get_full_path() encodes the Latin-1 text again, so every
    link built from it (login's `next`, "log in" links) came back garbled. Encoded here, the
    query string says the same thing in the form every link expects.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if not query.isascii():
            try:
                raw = query.encode("latin-1")  # WSGI: the bytes as sent
            except UnicodeEncodeError:
                raw = query.encode()  # ASGI already decoded them as UTF-8
            request.META["QUERY_STRING"] = _NON_ASCII.sub(_percent, raw).decode("ascii")
        return self.get_response(request)


_NON_ASCII = re.compile(rb"[^\x00-\x7f]")


def _percent(match: re.Match[bytes]) -> bytes:
    return b"%%%02X" % match[0][0]
