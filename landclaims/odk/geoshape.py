"""ODK's geoshape text ("lat lon alt acc;lat lon alt acc;…") read once, for applying a
submission and for showing one on the review page."""

from __future__ import annotations

from dataclasses import dataclass

from landclaims.core.text import ascii_digits


@dataclass(frozen=True)
class Geoshape:
    ring: list[tuple[float, float]]  # (lon, lat), closed when the phone did not close it
    accuracies: list[float]  # each point's, in metres, where the phone gave one


def geoshape_read(text: str) -> Geoshape | None:
    """The points as sent (Bengali digits accepted; a trailing ";" or an empty point
    dropped), or None when a point cannot be read. Nothing else is changed: a ring that
    crosses itself stays as it is, for the parcel check to refuse."""
    points = []
    for part in text.split(";"):
        if not part.strip():
            continue
        numbers = ascii_digits(part).split()
        if len(numbers) < 2:
            return None
        try:
            points.append(tuple(float(n) for n in numbers))
        except ValueError:
            return None
    ring = [(p[1], p[0]) for p in points]
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    return Geoshape(ring=ring, accuracies=[p[3] for p in points if len(p) > 3])
