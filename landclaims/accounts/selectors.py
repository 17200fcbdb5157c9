"""Reads about a person's own sign-in: their second factors and whether they need one.

These are about the user themselves, not about records, so they do not start from
visible_to(); every query is filtered to the one user.
"""

from __future__ import annotations

from typing import Any

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from landclaims.core.permissions import GROUP_NAME_READERS, has_role


def two_factor_required(user: Any) -> bool:
    """Whoever can see people (names of members and groups) or the admin site needs 2FA."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or has_role(user, GROUP_NAME_READERS)


def totp_device_confirmed(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def totp_device_pending(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def backup_device(user: Any) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def backup_codes_left(user: Any) -> int:
    device = backup_device(user)
    return device.token_set.count() if device is not None else 0


def two_factor_enrolled(user: Any) -> bool:
    return totp_device_confirmed(user) is not None
