"""The optional virus-scanner hook: settings.DOCUMENT_SCANNER names a callable(file) that
raises ValidationError when the file must be refused; empty, nothing is scanned.

`clamd_scan` is the one shipped: ClamAV's daemon through its client `clamdscan` (README,
"Documents"). A scanner that cannot give an answer refuses the file: an unscanned upload is
not let through because the scanner was down.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _


def scan(file: IO[bytes]) -> None:
    """Run the configured scanner on `file` (position left at the start)."""
    if not settings.DOCUMENT_SCANNER:
        return
    scanner = import_string(settings.DOCUMENT_SCANNER)
    file.seek(0)
    try:
        scanner(file)
    finally:
        file.seek(0)


def clamd_scan(file: IO[bytes]) -> None:
    """Scan with `clamdscan --no-summary --fdpass -` (settings.DOCUMENT_CLAMDSCAN names the
    program): exit 0 clean, 1 infected, anything else an error."""
    program = shutil.which(settings.DOCUMENT_CLAMDSCAN)
    if program is None:
        raise ValidationError(
            {"file": _("The virus scanner is not available; the file was not accepted.")}
        )
    try:
        done = subprocess.run(  # noqa: S603 (a configured program, no shell)
            [program, "--no-summary", "--fdpass", "-"],
            input=file.read(),
            capture_output=True,
            timeout=settings.DOCUMENT_SCAN_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        done = None
    if done is not None and done.returncode == 0:
        return
    if done is not None and done.returncode == 1:
        raise ValidationError(
            {"file": _("The virus scanner found a virus in this file; it was not accepted.")}
        )
    raise ValidationError(
        {"file": _("The virus scanner could not check this file; it was not accepted.")}
    )
