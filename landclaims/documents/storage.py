"""Where documents' files live: a private directory that no URL serves.

The files are read only through the download view (records/views/documents.py), which checks
who may read each one; the storage itself has no public URL to offer.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateDocumentStorage(FileSystemStorage):
    """Files under settings.DOCUMENT_ROOT, read at each use (so a test may point it
    elsewhere), and no URL: `url()` refuses rather than hand out a public address."""

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(Path(settings.DOCUMENT_ROOT))

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Documents have no public URL: link to documents:download instead.")


_storage = PrivateDocumentStorage()


def private_storage() -> PrivateDocumentStorage:
    """The storage of Document.file (a callable, so migrations name it, not its path)."""
    return _storage
