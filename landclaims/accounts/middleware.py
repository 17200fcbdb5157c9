"""Session timeouts and the two-factor gate, run on every request after authentication."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from landclaims.accounts import selectors
from landclaims.core.templatetags.lc_format import num

LOGIN_AT = "accounts_login_at"
SEEN_AT = "accounts_seen_at"
# The last-activity stamp is written at most this often: a map loads dozens of tiles a
# second and each write would be a session save.
SEEN_RESOLUTION_SECONDS = 60

# What a signed-in person who still owes a second factor may reach.
OPEN_URL_NAMES = frozenset(
    {
        "accounts:enrol",
        "accounts:verify",
        "accounts:backup_codes",
        "logout",
        "set_language",
        "choose_language",
    }
)
# Answered with JSON 403 instead of a redirect: scripts and map layers cannot follow one.
MACHINE_PREFIXES = ("/api/v1/", "/ogc", "/tiles/")


def stamp_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGIN_AT] = now
        request.session[SEEN_AT] = now


class SessionTimeoutMiddleware:
    """Logs out a session idle for SESSION_IDLE_TIMEOUT_MINUTES or older than
    SESSION_ABSOLUTE_TIMEOUT_HOURS; the login page then says why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        now = int(time.time())
        started = request.session.get(LOGIN_AT)
        seen = request.session.get(SEEN_AT)
        if started is None or seen is None:  # a session from before the stamps existed
            request.session[LOGIN_AT] = request.session[SEEN_AT] = now
            return
        message = _expiry_message(now, started, seen)
        if message is not None:
            logout(request)
            messages.info(request, message)
        elif now - seen >= SEEN_RESOLUTION_SECONDS:
            request.session[SEEN_AT] = now


def _expiry_message(now: int, started: int, seen: int) -> str | None:
    if now - started > settings.SESSION_ABSOLUTE_TIMEOUT_HOURS * 3600:
        return _("Your session ended after %(hours)s hours. Please log in again.") % {
            "hours": num(settings.SESSION_ABSOLUTE_TIMEOUT_HOURS)
        }
    if now - seen > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60:
        return _(
            "You were logged out after %(minutes)s minutes without activity. Please log in again."
        ) % {"minutes": num(settings.SESSION_IDLE_TIMEOUT_MINUTES)}
    return None


class TwoFactorMiddleware:
    """Sends a signed-in person whose session has no verified second factor to the token
    page (if they have an authenticator) or to enrolment (if their role needs one).

    Runs in process_view, where the URL's name is known, so the open pages are named
    rather than matched by path. Requests with an API key carry no session user and pass.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[union-attr]
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_URL_NAMES:
            return None
        if selectors.two_factor_enrolled(user):
            target = "accounts:verify"
        elif selectors.two_factor_required(user):
            target = "accounts:enrol"
        else:
            return None
        if request.path_info.startswith(MACHINE_PREFIXES):
            detail = _("Confirm your sign-in with your second factor on the website first.")
            return JsonResponse({"detail": detail}, status=403)
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
