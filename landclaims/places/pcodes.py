"""HDX p-codes across the code versions of Bangladesh's COD-AB releases: the one rule.

We hold p-codes as fixtures/places writes them: "BD" and two digits per level, the BBS
geocodes joined (Dhaka division BD30, Tangail district BD3093, Kalihati upazila BD309347).
The COD-AB release of 2025 (version 03, columns adm1_pcode...) keeps divisions and districts
so and pads the upazila to four digits: Kalihati is BD30930047. The 2025 widths come from
a public third-party comparison of the two releases, not from HDX's own documentation; so
where the file gives the parent's p-code (COD-AB rows always carry adm{n-1}_pcode), the
level's own part is read as "what follows the parent's code", which holds for any padding.
"""

from __future__ import annotations

import re

from landclaims.core.params import whole
from landclaims.core.text import ascii_digits

# Digits after "BD" at division, district, upazila and union depth, per known release.
SCHEMES: tuple[tuple[int, ...], ...] = (
    (2, 2, 2, 2),  # BBS geocodes, the releases up to 2024 and fixtures/places
    (2, 2, 4),  # COD-AB 2025 (version 03)
)
DEPTH = {"division": 1, "district": 2, "upazila": 3, "union": 4}
_PCODE = re.compile(r"BD([0-9]+)")


def canonical_pcode(code: str, level: str, *, parent: str = "", parent_level: str = "") -> str:
    """`code` as we hold it (two digits per level), whichever release wrote it; a code of
    no known shape comes back as written (stripped, upper-cased)."""
    code = ascii_digits(code).upper()  # numbers are held in ASCII digits
    depth = DEPTH.get(level)
    match = _PCODE.fullmatch(code)
    if depth is None or match is None or len(match.group(1)) == 2 * depth:
        return code
    parent = ascii_digits(parent).upper()
    if parent and parent_level and code.startswith(parent) and code != parent:
        own = code[len(parent) :]
        number = whole(own, bengali=False)
        if number is not None and number < 100:
            return canonical_pcode(parent, parent_level) + f"{number:02d}"
    digits = match.group(1)
    for widths in SCHEMES:
        if len(widths) >= depth and sum(widths[:depth]) == len(digits):
            parts, start = [], 0
            for width in widths[:depth]:
                parts.append(int(digits[start : start + width]))
                start += width
            if all(p < 100 for p in parts):
                return "BD" + "".join(f"{p:02d}" for p in parts)
    return code


def pcode_candidates(
    code: str, level: str, *, parent: str = "", parent_level: str = ""
) -> set[str]:
    """The p-codes an area of `level` written as `code` may be held under."""
    written = code.strip().upper()
    if not written:
        return set()
    return {written, canonical_pcode(written, level, parent=parent, parent_level=parent_level)}
