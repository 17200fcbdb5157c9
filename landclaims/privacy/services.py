"""Writes of the read log, and the purpose a reader stated for a member's record.

A purpose is remembered in the session for PURPOSE_MINUTES, per member, so a reader who
reloads the page is not asked again, but one who comes back later is.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from landclaims.privacy.models import PersonalDataRead

PURPOSE_MINUTES = 30
_SESSION_KEY = "privacy_purposes"


def purpose_remember(*, session: Any, member_pk: int, purpose: str, purpose_note: str) -> None:
    until = timezone.now() + timedelta(minutes=PURPOSE_MINUTES)
    stated = dict(session.get(_SESSION_KEY, {}))
    stated[str(member_pk)] = {
        "purpose": purpose,
        "purpose_note": purpose_note,
        "until": until.isoformat(),
    }
    session[_SESSION_KEY] = stated


def purpose_recalled(*, session: Any, member_pk: int) -> dict[str, str] | None:
    """The purpose stated for this member in this session, if not yet expired."""
    stated = session.get(_SESSION_KEY, {}).get(str(member_pk))
    if stated is None or stated["until"] < timezone.now().isoformat():
        return None
    return {"purpose": stated["purpose"], "purpose_note": stated["purpose_note"]}


@transaction.atomic
def read_log(
    *,
    user: Any,
    members: Iterable[Any],
    via: str,
    purpose: str,
    purpose_note: str = "",
    url: str = "",
) -> PersonalDataRead:
    """Record that `user` is being shown `members`' personal data, in the same request.

    All members must belong to one organisation (the log row is scoped by it)."""
    members = list(members)
    organisations = {member.group.organisation_id for member in members}
    if len(organisations) != 1:
        raise ValueError("A read log row covers members of exactly one organisation.")
    read = PersonalDataRead(
        user=user,
        organisation_id=organisations.pop(),
        via=via,
        member_ids=sorted(member.pk for member in members),
        purpose=purpose,
        purpose_note=purpose_note.strip(),
        url=url[:500],
    )
    read.full_clean()
    read.save()
    return read


@transaction.atomic
def document_read_log(*, user: Any, documents: Iterable[Any], url: str = "") -> PersonalDataRead:
    """Record that `user` is being given restricted or confidential `documents` (one
    organisation's), in the same request; no purpose is asked for a download."""
    documents = list(documents)
    organisations = {document.organisation_id for document in documents}
    if len(organisations) != 1:
        raise ValueError("A read log row covers documents of exactly one organisation.")
    read = PersonalDataRead(
        user=user,
        organisation_id=organisations.pop(),
        via=PersonalDataRead.Via.DOCUMENT,
        document_ids=sorted(document.pk for document in documents),
        purpose="",
        url=url[:500],
    )
    read.full_clean()
    read.save()
    return read
