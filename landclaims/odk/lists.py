"""The choice lists phones download beside the forms, as CSV files made for each person
from what they may see (their groups, mouzas, claims, cases, trainings).

CONTRACT (filled in by the forms work)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MediaFile:
    name: str  # "groups.csv"
    content: bytes  # UTF-8 CSV
    md5: str  # hex MD5 of content: unchanged lists, unchanged hash, no re-download


def media_file(user: Any, name: str) -> MediaFile | None:
    """One list as this person gets it, or None for a name no form uses."""
    raise NotImplementedError
