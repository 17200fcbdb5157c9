"""Two-factor enrolment and sign-in, and changing one's password."""

from __future__ import annotations

from base64 import b32encode
from typing import Any
from urllib.parse import urlencode

from axes.helpers import get_cool_off
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from landclaims.accounts import selectors, services
from landclaims.accounts.forms import ConfirmForm, TokenForm
from landclaims.core.qr import qr_svg

BACKUP_CODES_SESSION_KEY = "accounts_new_backup_codes"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else reverse("home")


@never_cache
@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator: scan the QR code (or type the secret), then a first code."""
    if selectors.two_factor_enrolled(request.user) and not request.user.is_verified():
        return redirect("accounts:verify")  # replacing a device needs the current one first
    device = services.totp_device_start(user=request.user)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        codes = services.totp_device_confirm(user=request.user, token=form.cleaned_data["token"])
        if codes is not None:
            device = selectors.totp_device_confirmed(request.user)
            services.session_verify(request=request, device=device)
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            query = urlencode({"next": _next_url(request)})
            return redirect(f"{reverse('accounts:backup_codes')}?{query}")
        form.add_error("token", _("That code is not right. Check the phone's clock and try again."))
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr": qr_svg(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "next": _next_url(request),
        "required": selectors.two_factor_required(request.user),
    }
    return render(request, "accounts/enrol.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The new backup codes, shown once: the session forgets them as the page is drawn."""
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    if codes is None and request.method == "POST" and request.user.is_verified():
        codes = services.backup_codes_issue(user=request.user)
    context = {"codes": codes, "left": selectors.backup_codes_left(request.user)}
    context["next"] = _next_url(request)
    return render(request, "accounts/backup_codes.html", context)


@never_cache
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator or a backup code."""
    if not selectors.two_factor_enrolled(request.user):
        return redirect("accounts:enrol")
    form = TokenForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        refusal = services.two_factor_check(request=request, token=form.cleaned_data["token"])
        if refusal is None:
            return redirect(_next_url(request))
        form.add_error("token", _refusal_text(refusal))
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/verify.html", context, status=400 if form.errors else 200)


def _refusal_text(refusal: services.Refusal) -> str:
    if refusal.throttled:
        return _("Too many wrong codes. Wait %(seconds)s seconds and try again.") % {
            "seconds": refusal.retry_after_seconds
        }
    return _("That code is not right.")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the page for a username and address that failed too often."""
    minutes = int(get_cool_off(request).total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
