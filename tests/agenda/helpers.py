"""Small helpers for the agenda tests."""

from __future__ import annotations

import re
import zlib
from datetime import date

from landclaims.cases.models import Hearing, LegalCase
from landclaims.cases.services import hearing_schedule

TODAY = date(2024, 6, 1)  # a Saturday


def schedule(case: LegalCase, on: date, purpose: str = "For hearing") -> Hearing:
    return hearing_schedule(case=case, on=on, purpose=purpose, by=None, fixed_on=TODAY)


def pdf_streams(pdf: bytes) -> list[bytes]:
    """The PDF's streams, inflated where they are compressed."""
    streams = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            streams.append(zlib.decompressobj().decompress(match.group(1)))
        except zlib.error:
            streams.append(match.group(1))
    return streams


def pdf_fonts(pdf: bytes) -> set[str]:
    found = re.findall(rb"/BaseFont\s*/([^\s/<>\[\]]+)", b"\n".join([pdf, *pdf_streams(pdf)]))
    return {name.decode().split("+")[-1] for name in found}


def pdf_characters(pdf: bytes) -> set[str]:
    """Every character the PDF's text draws, read from its fonts' ToUnicode maps."""
    characters: set[str] = set()
    for stream in pdf_streams(pdf):
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for target in re.findall(rb"<[0-9a-fA-F]+>\s*<([0-9a-fA-F]+)>", block):
                characters.update(bytes.fromhex(target.decode()).decode("utf-16-be"))
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
            ranges = re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block)
            for first, last, target in ranges:
                start = int(target, 16)
                count = int(last, 16) - int(first, 16) + 1
                characters.update(chr(start + n) for n in range(count))
    return characters
