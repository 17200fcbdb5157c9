"""Submissions as a phone would have sent them: real XML bytes and real attachment files in
the documents' private storage (a temporary directory per test)."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from landclaims.odk.models import Submission, SubmissionAttachment
from tests.odk.xml_builder import instance_xml, new_instance_id, sha256


@pytest.fixture(autouse=True)
def document_root(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "private-documents"
    return settings.DOCUMENT_ROOT


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (31, 111, 80)).save(buffer, "JPEG")
    return buffer.getvalue()


def make_submission(
    *,
    form_id: str,
    answers: Mapping[str, Any],
    by: Any,
    organisation: Any,
    attachments: Mapping[str, bytes] | None = None,
) -> Submission:
    """A held submission, not yet applied, kept as received."""
    instance_id = new_instance_id()
    xml = instance_xml(form_id, answers, instance_id=instance_id)
    submission = Submission.objects.create(
        organisation=organisation,
        submitted_by=by,
        form_id=form_id,
        form_version="1",
        instance_id=instance_id,
        xml=xml,
        xml_sha256=sha256(xml),
        status=Submission.Status.HELD,
        answers=dict(answers),
    )
    for name, data in (attachments or {}).items():
        SubmissionAttachment.objects.create(
            submission=submission,
            name=name,
            content_type="image/jpeg",
            size_bytes=len(data),
            sha256=sha256(data),
            file=ContentFile(data, name=name),
        )
    return submission


@pytest.fixture
def submit(org) -> Callable[..., Submission]:
    def build(form_id: str, answers: Mapping[str, Any], *, by: Any, **extra: Any) -> Submission:
        return make_submission(form_id=form_id, answers=answers, by=by, organisation=org, **extra)

    return build
