"""documents.E001: the documents' directory may not be one that is served."""

from __future__ import annotations

from landclaims.documents.checks import check_document_root


def test_a_private_document_root_passes(settings, tmp_path) -> None:
    settings.DOCUMENT_ROOT = tmp_path / "private"
    assert check_document_root() == []


def test_a_document_root_under_media_root_is_an_error(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DOCUMENT_ROOT = tmp_path / "media" / "documents"
    assert [message.id for message in check_document_root()] == ["documents.E001"]


def test_a_document_root_holding_the_static_files_is_an_error(settings, tmp_path) -> None:
    settings.DOCUMENT_ROOT = tmp_path
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    assert [message.id for message in check_document_root()] == ["documents.E001"]
