"""Reads for phone keys: a person's keys (an admin's: the organisation's), and the active
key a phone presents."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from landclaims.core.keys import key_find
from landclaims.core.models import Role
from landclaims.core.permissions import has_role
from landclaims.odk.models import FieldDevice
from landclaims.odk.services import DEVICE_KEY_PREFIX

ORGANISATION_KEY_READERS = frozenset({Role.ADMIN})


def field_device_list(*, user: Any) -> QuerySet[FieldDevice]:
    """The person's own keys, active and revoked; an admin also sees (to revoke a lost
    phone's key) those of everyone in their organisation."""
    if not getattr(user, "is_authenticated", False):
        return FieldDevice.objects.none()
    if has_role(user, ORGANISATION_KEY_READERS):
        devices = FieldDevice.objects.visible_to(user)
    else:
        devices = FieldDevice.objects.filter(user=user)
    return devices.select_related("user")


def field_device_get(*, user: Any, pk: int) -> FieldDevice:
    return field_device_list(user=user).get(pk=pk)


def field_device_find(*, secret: str) -> FieldDevice | None:
    """The active key with this secret, of an active person, with its user; or None."""
    return key_find(FieldDevice, secret=secret, secret_prefix=DEVICE_KEY_PREFIX)
