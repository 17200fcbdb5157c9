"""Documents are stored in a temporary private directory per test."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def document_root(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "private-documents"
    return settings.DOCUMENT_ROOT
