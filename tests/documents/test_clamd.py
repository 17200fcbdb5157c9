"""clamd_scan, the shipped scanner, against a stand-in `clamdscan` program that answers as
ClamAV's client does (exit 0 clean, 1 found, 2 error): a real executable, run for real."""

from __future__ import annotations

import stat

import pytest
from django.core.exceptions import ValidationError

from landclaims.documents.models import Document
from landclaims.documents.services import document_add
from tests.documents import files
from tests.factories import make_claim

pytestmark = pytest.mark.django_db

# Reads the stream from stdin as `clamdscan -` does, and "finds" a marker in it (not the
# real EICAR string, which would alarm the scanners of the machines this repository is on).
PROGRAM = """#!/bin/sh
[ "$1 $2 $3" = "--no-summary --fdpass -" ] || exit 2
if grep -q "LANDCLAIMS-TEST-VIRUS"; then
  echo "stream: Landclaims-Test FOUND"; exit 1
fi
echo "stream: OK"
"""


@pytest.fixture
def clamdscan(settings, tmp_path):
    program = tmp_path / "clamdscan"
    program.write_text(PROGRAM)
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    settings.DOCUMENT_SCANNER = "landclaims.documents.scanning.clamd_scan"
    settings.DOCUMENT_CLAMDSCAN = str(program)
    return program


@pytest.fixture
def claim(org, places):
    return make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)


def add(claim, data: bytes, name: str = "note.txt"):
    return document_add(
        kind="other", title="note", file=files.upload(name, data), by=None, claim=claim
    )


def test_a_clean_file_passes_clamdscan(clamdscan, claim) -> None:
    assert add(claim, "খতিয়ান\n".encode()).size_bytes > 0


def test_a_file_clamdscan_finds_a_virus_in_is_refused(clamdscan, claim) -> None:
    with pytest.raises(ValidationError) as error:
        add(claim, b"a note with LANDCLAIMS-TEST-VIRUS in it\n")
    assert "found a virus" in " ".join(error.value.message_dict["file"])
    assert not Document.objects.exists()


def test_a_scanner_that_cannot_answer_refuses_the_file(clamdscan, claim) -> None:
    clamdscan.write_text("#!/bin/sh\nexit 2\n")
    with pytest.raises(ValidationError) as error:
        add(claim, b"hello\n")
    assert "could not check" in " ".join(error.value.message_dict["file"])


def test_a_missing_scanner_program_refuses_the_file(clamdscan, claim, settings, tmp_path) -> None:
    settings.DOCUMENT_CLAMDSCAN = str(tmp_path / "no-such-clamdscan")
    with pytest.raises(ValidationError) as error:
        add(claim, b"hello\n")
    assert "not available" in " ".join(error.value.message_dict["file"])
