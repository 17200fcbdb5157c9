"""document_add: where a document belongs, and which files it accepts, judged by content."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from landclaims.documents.models import Document
from landclaims.documents.services import document_add, document_update
from tests.documents import files
from tests.factories import make_case, make_claim, make_group, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(org, places):
    return make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)


def add(file, *, by=None, **links):
    return document_add(kind="order", title="আদেশ", file=file, by=by, **links)


def refusal(file, **links) -> str:
    with pytest.raises(ValidationError) as error:
        add(file, **links)
    assert not Document.objects.exists()
    return " ".join(error.value.message_dict["file"])


def test_a_document_takes_its_district_from_what_it_is_attached_to(
    org, places, claim, document_root
) -> None:
    document = document_add(
        kind="dcr", title="DCR ৪৫", file=ContentFile(b"%PDF-1.4", name="dcr.pdf"), by=None,
        claim=claim,
    )  # fmt: skip
    assert (document.organisation, document.district) == (org, places.district_a)
    assert (document_root / document.file.name).read_bytes() == b"%PDF-1.4"


def test_a_document_attached_to_nothing_is_refused(org) -> None:
    with pytest.raises(ValidationError) as error:
        document_add(kind="photo", title="x", file=ContentFile(b"x", name="x.jpg"), by=None)
    assert "links" in error.value.message_dict
    assert not Document.objects.exists()


def test_a_real_pdf_is_accepted_with_its_sniffed_type_size_and_digest(claim) -> None:
    data = files.pdf_bytes()
    document = add(files.upload("order.pdf", data, "image/png"), claim=claim)
    document.refresh_from_db()
    assert document.content_type == "application/pdf"  # not what the browser claimed
    assert document.size_bytes == len(data)
    assert document.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("name", "make", "content_type"),
    [
        ("photo.jpg", files.jpeg_bytes, "image/jpeg"),
        ("photo.JPEG", files.jpeg_bytes, "image/jpeg"),
        ("map.png", files.png_bytes, "image/png"),
        ("photo.webp", files.webp_bytes, "image/webp"),
        ("list.xlsx", files.xlsx_bytes, "spreadsheetml"),
        ("petition.odt", files.odt_bytes, "opendocument.text"),
        ("note.txt", lambda: "খতিয়ান নং ১\n".encode(), "text/plain"),
    ],
)
def test_each_accepted_kind_is_recognised_by_its_content(claim, name, make, content_type) -> None:
    document = add(files.upload(name, make()), claim=claim)
    assert content_type in document.content_type


def test_a_png_named_pdf_is_refused_and_told_its_real_kind(claim) -> None:
    message = refusal(files.upload("order.pdf", files.png_bytes(), "application/pdf"), claim=claim)
    assert "PNG" in message and ".png" in message


def test_a_pdf_named_jpg_is_refused(claim) -> None:
    assert ".pdf" in refusal(files.upload("photo.jpg", files.pdf_bytes()), claim=claim)


def test_a_file_without_an_extension_is_refused(claim) -> None:
    assert refusal(files.upload("order", files.pdf_bytes()), claim=claim)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200)),  # a Windows executable
        ("archive.docx", files.plain_zip_bytes()),  # a zip that is no office file
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)),  # OLE2 Word 97
        ("latin1.txt", "café".encode("latin-1")),  # not UTF-8
    ],
)
def test_a_file_of_a_kind_not_accepted_is_refused(claim, name, data) -> None:
    assert "not accepted" in refusal(files.upload(name, data), claim=claim)


def test_an_empty_file_is_refused(claim) -> None:
    assert "empty" in refusal(files.upload("order.pdf", b""), claim=claim)


def test_a_file_over_the_limit_is_refused(claim, settings) -> None:
    data = files.pdf_bytes()
    settings.DOCUMENT_MAX_BYTES = len(data) - 1
    assert "largest accepted" in refusal(files.upload("order.pdf", data), claim=claim)


def test_a_file_at_the_limit_is_accepted(claim, settings) -> None:
    data = files.pdf_bytes()
    settings.DOCUMENT_MAX_BYTES = len(data)
    assert add(files.upload("order.pdf", data), claim=claim).size_bytes == len(data)


def refuse_everything(file) -> None:
    """A scanner that finds a virus in every file (the hook's contract, not a mock)."""
    assert file.read(5) == b"%PDF-"  # it is given the file from its start
    raise ValidationError({"file": "EICAR test signature found."})


def accept_everything(file) -> None:
    file.read()  # reads to the end; the service must still store the whole file


def test_the_scanner_hook_refuses_a_file(claim, settings) -> None:
    settings.DOCUMENT_SCANNER = "tests.documents.test_services.refuse_everything"
    assert "EICAR" in refusal(files.upload("order.pdf", files.pdf_bytes()), claim=claim)


def test_a_file_the_scanner_passes_is_stored_whole(claim, settings, document_root) -> None:
    settings.DOCUMENT_SCANNER = "tests.documents.test_services.accept_everything"
    data = files.pdf_bytes()
    document = add(files.upload("order.pdf", data), claim=claim)
    assert (document_root / document.file.name).read_bytes() == data


def test_a_group_takes_a_document_in_its_villages_district(org, places) -> None:
    group = make_group(organisation=org, village=places.village_b)
    document = add(files.upload("order.pdf", files.pdf_bytes()), group=group)
    assert (document.group, document.district) == (group, places.district_b)


def test_an_organiser_may_not_attach_to_a_case(org, places) -> None:
    case = make_case(organisation=org, district=places.district_a)
    organiser = make_user(organisation=org, role="organiser")
    with pytest.raises(PermissionDenied):
        add(files.upload("order.pdf", files.pdf_bytes()), by=organiser, legal_case=case)
    assert not Document.objects.exists()


def test_an_organiser_attaches_to_a_claim(org, claim) -> None:
    organiser = make_user(organisation=org, role="organiser")
    document = add(files.upload("order.pdf", files.pdf_bytes()), by=organiser, claim=claim)
    assert document.uploaded_by == organiser


def test_document_update_corrects_language_and_sensitivity_not_the_file(org, claim) -> None:
    document = add(files.upload("order.pdf", files.pdf_bytes()), claim=claim)
    admin = make_user(organisation=org, role="admin")
    document_update(
        document=document, by=admin, changes={"language": "en", "sensitivity": "restricted"}
    )
    document.refresh_from_db()
    assert (document.language, document.sensitivity) == ("en", "restricted")
    with pytest.raises(ValidationError):
        document_update(document=document, by=admin, changes={"file": "elsewhere.pdf"})
