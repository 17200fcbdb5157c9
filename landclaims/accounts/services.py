"""Writes for two-factor sign-in: enrolling an authenticator, backup codes, checks, resets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from landclaims.accounts import selectors
from landclaims.core.params import whole
from landclaims.core.text import ascii_digits

BACKUP_CODE_COUNT = 10


@dataclass(frozen=True)
class Refusal:
    """Why a token was not accepted: wrong, or tried too soon after wrong ones."""

    throttled: bool
    retry_after_seconds: int = 0


@transaction.atomic
def totp_device_start(*, user: Any) -> TOTPDevice:
    """The unconfirmed authenticator a person is setting up (the same one on a reload, so
    the QR code they already scanned stays valid)."""
    pending = selectors.totp_device_pending(user)
    if pending is not None:
        return pending
    device = TOTPDevice(user=user, name="authenticator", confirmed=False)
    device.full_clean()
    device.save()
    return device


@transaction.atomic
def totp_device_confirm(*, user: Any, token: str) -> list[str] | None:
    """Confirm the pending authenticator with its first token; returns fresh backup codes,
    or None when the token is wrong (the device stays pending)."""
    device = selectors.totp_device_pending(user)
    if device is None or not device.verify_token(normalise_token(token)):
        return None
    device.confirmed = True
    device.full_clean()
    device.save()
    # An earlier authenticator (a lost phone being replaced) stops working now.
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return backup_codes_issue(user=user)


@transaction.atomic
def backup_codes_issue(*, user: Any) -> list[str]:
    """Ten new one-time codes; the old ones stop working. Shown once, stored as issued."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def normalise_token(token: str) -> str:
    """What people type: Bengali or ASCII digits, spaces and dashes from how codes are shown."""
    return "".join(ascii_digits(token).split()).replace("-", "").lower()


def two_factor_check(*, request: HttpRequest, token: str) -> Refusal | None:
    """Check a token (authenticator) or a backup code and mark the session verified.

    Each device throttles its own failures (django-otp doubles the wait after each one), so
    guessing the 10^6 authenticator codes is not practical within one code's lifetime.
    """
    user = request.user
    token = normalise_token(token)
    device = (
        selectors.totp_device_confirmed(user)
        if _looks_like_totp(token)
        else selectors.backup_device(user)
    )
    if device is None:
        return Refusal(throttled=False)
    allowed, details = device.verify_is_allowed()
    if not allowed:
        return Refusal(throttled=True, retry_after_seconds=_seconds_until(details))
    verified = verify_token(user, device.persistent_id, token)
    if verified is None:
        return Refusal(throttled=False)
    session_verify(request=request, device=verified)
    return None


def session_verify(*, request: HttpRequest, device: Device) -> None:
    # A new session key at the step that grants access, so a key planted before login
    # (session fixation) is worth nothing.
    request.session.cycle_key()
    otp_login(request, device)


def _seconds_until(details: dict[str, Any] | None) -> int:
    until = (details or {}).get("locked_until")
    if until is None:
        return 1
    return max(1, int((until - timezone.now()).total_seconds()) + 1)


@transaction.atomic
def two_factor_reset(*, user: Any) -> int:
    """Remove a person's authenticator and backup codes (a lost phone): at their next
    sign-in they enrol again. Returns how many devices were removed."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        devices = model.objects.filter(user=user)
        removed += devices.count()
        devices.delete()  # backup codes go with their device (on_delete=CASCADE)
    return removed


def _looks_like_totp(token: str) -> bool:
    # Authenticator codes are six digits; backup codes are eight letters and digits.
    return len(token) == 6 and whole(token, bengali=False) is not None
