"""Make a claim's dossier PDF and log that it was made."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from landclaims.core.scoping import scope_for
from landclaims.dossier.models import DossierLog
from landclaims.dossier.pdf import FONT_DIRS, html_to_pdf
from landclaims.dossier.selectors import dossier_get

LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)


@dataclass(frozen=True)
class DossierFile:
    pdf: bytes
    filename: str
    log: DossierLog


def dossier_render(*, user: Any, pk: int, language: str) -> DossierFile:
    """The PDF dossier of claim `pk` in `language`, logged; Claim.DoesNotExist when the user
    may not see the claim (nothing is logged then)."""
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}")
    with translation.override(language):
        dossier = dossier_get(user=user, pk=pk)
        html = render_to_string("dossier/claim.html", {"d": dossier, "fonts": _font_urls()})
    pdf = html_to_pdf(html)
    log = dossier_log_create(
        user=user,
        claim=dossier.claim,
        language=language,
        with_group_names=dossier.show_names,
        size_bytes=len(pdf),
    )
    return DossierFile(pdf=pdf, filename=f"claim-{pk}-dossier-{language}.pdf", log=log)


@transaction.atomic
def dossier_log_create(
    *, user: Any, claim: Any, language: str, with_group_names: bool, size_bytes: int
) -> DossierLog:
    scope = scope_for(user)
    log = DossierLog(
        user=user,
        organisation_id=scope.organisation_id if scope else None,
        role=scope.role if scope else "",
        claim=claim,
        claim_ref=claim.pk,
        language=language,
        with_group_names=with_group_names,
        size_bytes=size_bytes,
    )
    log.full_clean()
    log.save()
    return log


def _font_urls() -> dict[str, str]:
    """file: URLs of the system's Noto Sans Bengali; the template falls back to npm's copy."""
    noto = FONT_DIRS[0]
    return {
        "regular": Path(noto / "NotoSansBengali-Regular.ttf").as_uri(),
        "bold": Path(noto / "NotoSansBengali-Bold.ttf").as_uri(),
    }
