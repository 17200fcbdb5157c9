"""Hostile values for query parameters and headers, and a small driver that tries them.

The values include the shapes that once made the server answer 500 (--5, ², nan, 1e300,
EPSG:², a NUL), digits of other scripts, minus signs that are not "-", and very long
strings, mixed with whatever Hypothesis's Unicode text strategy makes.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

SPECIALS = [
    "--5",
    "--1",
    "-1",
    "²",
    "1²",
    "EPSG:²",
    "EPSG:9678",
    "nan",
    "NaN,NaN,NaN,NaN",
    "inf",
    "-Infinity",
    "1e300",
    "1e300,1e300,1e300,1e300",
    "-1e300,-1e300,1e300,1e300",
    "88,20,92,26",
    "৮৮,২০,৯২,২৬",
    "১২৩",
    "١٢٣",  # Arabic-Indic digits
    "\uff11\uff12",  # fullwidth digits
    "\u22125",  # MINUS SIGN
    "\u00a0 1 ",
    "9" * 40,
    "9" * 5000,
    "x" * 10_000,
    "\x00",
    "1\x00",
    "2024-02-30",
    "../..",
    "[EPSG:4326]",
    "'; select 1; --",
]

# Letters, digits of every script, signs, punctuation and spaces: where parsers go wrong.
_CHARACTERS = st.characters(
    categories=["Nd", "No", "Nl", "Pd", "Sm", "Po", "Zs", "Ll", "Lo", "Cc"],
    exclude_characters="\r\n",
)
QUERY_VALUES = st.one_of(
    st.sampled_from(SPECIALS),
    st.text(_CHARACTERS, max_size=30),
    st.text(max_size=30),
    st.lists(st.sampled_from(SPECIALS), min_size=1, max_size=4).map(",".join),
)


def _as_sent(text: str) -> str:
    """A header value as a WSGI server hands it over: its UTF-8 bytes read as Latin-1,
    without the line breaks no client can send inside a header."""
    cleaned = text.replace("\r", "").replace("\n", "")
    return cleaned.encode("utf-8", "surrogatepass").decode("latin-1")


HEADER_VALUES = st.one_of(
    st.sampled_from(SPECIALS).map(_as_sent),
    st.sampled_from(SPECIALS).map(lambda v: f'"{v}"').map(_as_sent),
    st.text(max_size=40).map(_as_sent),
    st.binary(max_size=20).map(lambda b: b.decode("latin-1")).map(_as_sent),
)

# Tried on every parameter and header before the generated values: the shapes that once
# answered 500, which a handful of random draws would often miss.
QUERY_KILLERS = ("--5", "²", "1e300,1e300,nan,nan", "\x00")
HEADER_KILLERS = ('"²"', "\xff", "\x00")
GENERATED_PER_PARAMETER = 2


def try_values(
    label: str,
    values: st.SearchStrategy[str],
    check: Callable[[str], None],
    killers: tuple[str, ...] = QUERY_KILLERS,
    examples: int = GENERATED_PER_PARAMETER,
) -> int:
    """Runs `check` on the `killers`, then on `examples` generated values, the same ones on
    every run (seeded by `label`, so each parameter gets its own); returns how many ran."""
    ran = 0
    for value in killers:
        ran += 1
        check(value)

    @seed(zlib.crc32(label.encode()))
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=False,  # the seed above makes it repeatable, and differ per parameter
        suppress_health_check=list(HealthCheck),
        phases=["explicit", "generate"],  # no shrinking: a failure shows its value as is
    )
    @given(values)
    def run(value: str) -> None:
        nonlocal ran
        ran += 1
        check(value)

    run()
    return ran


def schema_fuzz_settings(examples: int) -> settings:
    """Hypothesis settings of the schemathesis runs: `examples` per operation, the same ones
    on every run, no example database, no deadline (a request may be slow under load)."""
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
