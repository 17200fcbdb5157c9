"""/documents/<id>/download/: the one door a document's file comes out of, and /media/ shut."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.db import InternalError, ProgrammingError, transaction
from django.urls import reverse

from landclaims.documents.services import document_add
from landclaims.privacy.models import PersonalDataRead
from tests.documents import files
from tests.factories import log_in, make_claim, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(org, places):
    return make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)


def attach(claim, *, sensitivity="internal", title="Order of 12 May", data=None, by=None):
    return document_add(
        kind="order",
        title=title,
        file=files.upload("order.pdf", data or files.pdf_bytes()),
        sensitivity=sensitivity,
        by=by,
        claim=claim,
    )


def download(client, document):
    return client.get(reverse("documents:download", args=[document.pk]))


def as_role(client, org, role, **extra):
    user = make_user(organisation=org, role=role, **extra)
    log_in(client, user)
    return user


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_anonymous_is_sent_to_log_in(client, claim) -> None:
    response = download(client, attach(claim))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_organisation_gets_404(client, claim, outsider) -> None:
    log_in(client, outsider)
    assert download(client, attach(claim)).status_code == 404


def test_legal_staff_of_another_district_get_404(client, org, places, claim) -> None:
    as_role(client, org, "legal", districts=[places.district_b])
    assert download(client, attach(claim)).status_code == 404


@pytest.mark.parametrize("role", ["viewer", "monitor"])
def test_a_role_that_may_not_read_names_gets_403_on_a_restricted_document(
    client, org, claim, role
) -> None:
    document = attach(claim, sensitivity="restricted")
    as_role(client, org, role)
    assert download(client, document).status_code == 403
    assert not PersonalDataRead.objects.exists()


@pytest.mark.parametrize("role", ["viewer", "monitor"])
def test_a_role_that_may_not_read_names_gets_an_internal_document(client, org, claim, role) -> None:
    document = attach(claim)
    as_role(client, org, role)
    assert download(client, document).status_code == 200
    assert not PersonalDataRead.objects.exists()  # only sensitive reads are logged


def test_an_organiser_gets_a_restricted_document_with_its_exact_bytes_and_headers(
    client, org, claim
) -> None:
    data = files.pdf_bytes()
    document = attach(claim, sensitivity="restricted", data=data, title="খতিয়ান: ৪৫/২")
    as_role(client, org, "organiser")
    response = download(client, document)
    assert response.status_code == 200
    assert body(response) == data
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote('খতিয়ান_ ৪৫_২.pdf')}" in disposition


def test_a_restricted_download_is_logged_in_the_read_log(client, org, claim) -> None:
    document = attach(claim, sensitivity="restricted")
    reader = as_role(client, org, "legal")
    download(client, document)
    read = PersonalDataRead.objects.get()
    assert (read.user, read.organisation, read.via) == (reader, org, "document")
    assert read.document_ids == [document.pk]
    assert read.url == reverse("documents:download", args=[document.pk])


def test_a_confidential_document_is_refused_to_an_organiser(client, org, claim) -> None:
    document = attach(claim, sensitivity="confidential")
    as_role(client, org, "organiser")
    assert download(client, document).status_code == 403


def test_a_confidential_document_is_given_to_the_organiser_who_uploaded_it(
    client, org, claim
) -> None:
    organiser = make_user(organisation=org, role="organiser")
    document = attach(claim, sensitivity="confidential", by=organiser)
    log_in(client, organiser)
    assert download(client, document).status_code == 200
    assert PersonalDataRead.objects.get().document_ids == [document.pk]


def test_an_ascii_title_is_the_plain_filename(client, org, claim) -> None:
    document = attach(claim, title="Order of 12 May")
    as_role(client, org, "viewer")
    assert 'filename="Order of 12 May.pdf"' in download(client, document)["Content-Disposition"]


def test_media_answers_nobody_anonymous(client, claim) -> None:
    document = attach(claim)
    assert client.get(f"/media/{document.file.name}").status_code in (302, 404)
    assert client.get("/media/anything").status_code in (302, 404)


@pytest.mark.parametrize("debug", [True, False])
def test_media_gives_no_document_to_a_logged_in_user(client, org, claim, settings, debug) -> None:
    settings.DEBUG = debug
    document = attach(claim)
    as_role(client, org, "admin")
    response = client.get(f"/media/{document.file.name}")
    assert response.status_code == 404
    assert files.pdf_bytes()[:5] not in response.content


def test_the_file_is_stored_under_the_private_root_not_media(
    claim, document_root, settings
) -> None:
    document = attach(claim)
    assert (document_root / document.file.name).is_file()
    assert not (settings.MEDIA_ROOT / document.file.name).exists()


def test_the_read_log_page_shows_a_document_download(client, org, claim) -> None:
    document = attach(claim, sensitivity="restricted")
    as_role(client, org, "legal")
    download(client, document)
    as_role(client, org, "admin")
    page = client.get(reverse("privacy:reads")).content.decode()
    assert "document download" in page
    assert reverse("documents:download", args=[document.pk]) in page


def test_the_read_log_stays_append_only_for_document_reads(client, org, claim) -> None:
    document = attach(claim, sensitivity="confidential")
    as_role(client, org, "admin")
    download(client, document)
    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
        PersonalDataRead.objects.update(document_ids=[])
