"""Documents added in the admin go through document_add."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from landclaims.documents.models import Document
from tests.core.admin_helpers import admin_client, form_errors, staff
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client, org):
    return admin_client(client, staff(organisation=org, superuser=True))


def document_form(**links):
    return {
        "kind": "dcr",
        "title": "DCR ৪৫",
        "sensitivity": "internal",
        "language": "bn",
        "file": SimpleUploadedFile("dcr.pdf", b"%PDF-1.4", content_type="application/pdf"),
        **links,
    }


def test_a_document_added_in_the_admin_takes_its_claims_district(root, org, places) -> None:
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    response = root.post(reverse("admin:documents_document_add"), document_form(claim=claim.pk))
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.organisation, document.district) == (org, places.district_a)
    assert document.uploaded_by is not None


def test_a_document_attached_to_nothing_is_refused_in_the_admin(root) -> None:
    response = root.post(reverse("admin:documents_document_add"), document_form())
    assert "Attach the document" in str(form_errors(response)["__all__"])
    assert not Document.objects.exists()


def test_the_admin_links_a_stored_file_to_the_download_view_not_media(root, org, places) -> None:
    claim = make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)
    root.post(reverse("admin:documents_document_add"), document_form(claim=claim.pk))
    document = Document.objects.get()
    page = root.get(reverse("admin:documents_document_change", args=[document.pk]))
    html = page.content.decode()
    assert reverse("documents:download", args=[document.pk]) in html
    assert "/media/" not in html
