"""The "Documents" section of the case, claim, parcel and group pages, and uploads from it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from landclaims.documents.models import Document
from landclaims.documents.services import document_add
from tests.documents import files
from tests.factories import log_in, make_case, make_claim, make_group, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(org, places):
    return make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)


def upload_data(**extra):
    return {
        "document-file": files.upload("order.pdf", files.pdf_bytes()),
        "document-kind": "order",
        "document-title": "Stay order",
        "document-dated_on": "১২/০৫/২০২৪",
        "document-language": "en",
        "document-sensitivity": "internal",
        **extra,
    }


def test_legal_staff_attach_a_pdf_to_a_case_from_its_page(client, org, places) -> None:
    case = make_case(organisation=org, district=places.district_a)
    log_in(client, make_user(organisation=org, role="legal"))
    response = client.post(reverse("documents:upload_case", args=[case.pk]), upload_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk]) + "#documents"
    document = Document.objects.get()
    assert (document.legal_case, document.dated_on.isoformat()) == (case, "2024-05-12")
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("documents:download", args=[document.pk]) in page


def test_an_organiser_may_not_upload_to_a_case(client, org, places) -> None:
    case = make_case(organisation=org, district=places.district_a)
    log_in(client, make_user(organisation=org, role="organiser"))
    response = client.post(reverse("documents:upload_case", args=[case.pk]), upload_data())
    assert response.status_code == 403
    assert not Document.objects.exists()


@pytest.mark.parametrize("on", ["claim", "parcel", "group"])
def test_an_organiser_attaches_to_a_claim_parcel_or_group(client, org, claim, on) -> None:
    record = {"claim": claim, "parcel": claim.parcels.get(), "group": claim.groups.get()}[on]
    log_in(client, make_user(organisation=org, role="organiser"))
    response = client.post(reverse(f"documents:upload_{on}", args=[record.pk]), upload_data())
    assert response.status_code == 302
    assert Document.objects.filter(**{on: record}).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Stay order" in page


def test_a_refused_file_is_shown_beside_the_file_field_and_keeps_the_title(
    client, org, claim
) -> None:
    log_in(client, make_user(organisation=org, role="organiser"))
    data = upload_data(**{"document-file": files.upload("order.pdf", files.png_bytes())})
    response = client.post(reverse("documents:upload_claim", args=[claim.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_document-file_errors"' in page
    assert 'value="Stay order"' in page
    assert not Document.objects.exists()


def test_a_viewer_sees_a_restricted_document_without_its_title_or_link(client, org, claim) -> None:
    document = document_add(
        kind="khatian", title="Members' names", sensitivity="restricted", by=None, claim=claim,
        file=files.upload("list.pdf", files.pdf_bytes()),
    )  # fmt: skip
    log_in(client, make_user(organisation=org, role="viewer"))
    page = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert f'data-document="{document.pk}"' in page
    assert "Members&#x27; names" not in page and "Members' names" not in page
    assert reverse("documents:download", args=[document.pk]) not in page
    assert 'id="form-document"' not in page  # viewers upload nothing


def test_the_group_page_lists_its_documents(client, org, places) -> None:
    group = make_group(organisation=org, village=places.village_a)
    document_add(
        kind="photo", title="Meeting photo", by=None, group=group,
        file=files.upload("meeting.jpg", files.jpeg_bytes()),
    )  # fmt: skip
    log_in(client, make_user(organisation=org, role="organiser"))
    page = client.get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert "Meeting photo" in page
