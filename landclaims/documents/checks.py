"""System check: the documents' directory must not lie where files are served from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def check_document_root(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    root = Path(settings.DOCUMENT_ROOT).resolve()
    served = [Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT), *settings.STATICFILES_DIRS]
    clashes = [str(path) for path in served if _overlap(root, Path(path).resolve())]
    if not clashes:
        return []
    return [
        checks.Error(
            f"DOCUMENT_ROOT ({root}) overlaps a directory that may be served: "
            + ", ".join(clashes),
            hint="Point DOCUMENT_ROOT at a private directory (README, 'Documents').",
            id="documents.E001",
        )
    ]


def _overlap(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)
