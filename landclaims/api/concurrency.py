"""Optimistic concurrency over HTTP: the record's version is its ETag, and a change must send
it back in If-Match (RFC 9110, RFC 6585): 428 without it, 412 when it is no longer current."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.request import Request

from landclaims.api.errors import PreconditionFailed, PreconditionRequired
from landclaims.core.params import whole


def etag_of(instance: Any) -> str:
    return f'"{instance.version}"'


def if_match_version(request: Request, instance: Any) -> int:
    """The version named in If-Match, if it is the record's current one; else 428 or 412.

    The service checks the version again under a row lock, so a change saved between this
    check and the write is refused too (as a 412).
    """
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired()
    if header == "*":
        # "Any version" would skip the very check If-Match is asked for.
        raise PreconditionRequired(_("If-Match must name the ETag you read, not *."))
    versions = {_version(tag) for tag in header.split(",")}
    if instance.version not in versions:
        raise PreconditionFailed()
    return int(instance.version)


def _version(tag: str) -> int | None:
    """The version in one entity tag; weak tags never match (RFC 9110 §13.1.1)."""
    tag = tag.strip()
    if tag.startswith('"') and tag.endswith('"') and len(tag) >= 2:
        tag = tag[1:-1]
    return whole(tag, bengali=False)
