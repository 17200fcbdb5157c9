from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from landclaims.documents.models import Document
from landclaims.documents.services import document_add
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def test_a_document_takes_its_district_from_what_it_is_attached_to(
    org, places, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    document = document_add(
        kind="dcr",
        title="DCR ৪৫",
        file=ContentFile(b"%PDF-1.4", name="dcr.pdf"),
        by=None,
        claim=claim,
    )
    assert (document.organisation, document.district) == (org, places.district_a)
    assert (tmp_path / document.file.name).read_bytes() == b"%PDF-1.4"


def test_a_document_attached_to_nothing_is_refused(org) -> None:
    with pytest.raises(ValidationError) as error:
        document_add(kind="photo", title="x", file=ContentFile(b"x", name="x.jpg"), by=None)
    assert "links" in error.value.message_dict
    assert not Document.objects.exists()
