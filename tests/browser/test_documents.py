"""Issue 18's documents in a real browser: legal staff attach a PDF to a case from its page
and download it, on a desktop and on a 390 px phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from landclaims.documents.models import Document
from landclaims.privacy.models import PersonalDataRead
from tests.browser.conftest import log_in
from tests.documents.files import pdf_bytes, png_bytes
from tests.factories import make_case, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
VIEWPORTS = {"desktop": {"width": 1200, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def document_root(settings, tmp_path) -> Path:
    settings.DOCUMENT_ROOT = tmp_path / "private-documents"
    return settings.DOCUMENT_ROOT


def fits(page, selector: str) -> bool:
    """Nothing in `selector` reaches past the right edge of the window. (The page as a whole
    is not asked: the site's header does not collapse at 390 px yet, which is not this
    section's doing.)"""
    return page.evaluate(
        """(selector) => {
            const width = document.documentElement.clientWidth;
            return Array.from(document.querySelectorAll(selector + ', ' + selector + ' *'))
                .every((e) => e.getBoundingClientRect().right <= width);
        }""",
        selector,
    )


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_legal_staff_attach_a_pdf_to_a_case_and_download_it(
    browser, live_server, org, places, tmp_path, document_root, viewport
) -> None:
    case = make_case(organisation=org, district=places.district_a, number="364", year=2017)
    legal = make_user(organisation=org, role="legal")
    data = pdf_bytes()
    pdf = tmp_path / "stay-order.pdf"
    pdf.write_bytes(data)
    context = browser.new_context(viewport=VIEWPORTS[viewport], accept_downloads=True)
    page = context.new_page()
    try:
        log_in(page, live_server, legal.username, PASSWORD)
        page.goto(f"{live_server.url}/cases/{case.pk}/")
        page.click("#tab-documents-tab")  # the case page's tabs
        form = page.locator("#form-document")
        assert form.bounding_box()["width"] <= VIEWPORTS[viewport]["width"]
        form.locator("[name=document-file]").set_input_files(str(pdf))
        form.locator("[name=document-kind]").select_option("order")
        form.locator("[name=document-title]").fill("স্থগিতাদেশ ১২ মে")
        form.locator("[name=document-dated_on]").fill("১২/০৫/২০২৪")
        form.locator("[name=document-sensitivity]").select_option("restricted")
        with page.expect_navigation():
            form.locator("button[type=submit]").click()

        document = Document.objects.get(legal_case=case)
        link = page.locator(f"[data-document='{document.pk}'] a.title")
        assert link.inner_text() == "স্থগিতাদেশ ১২ মে"
        assert fits(page, "#documents")
        with page.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename == "স্থগিতাদেশ ১২ মে.pdf"
        assert Path(download.path()).read_bytes() == data
        assert PersonalDataRead.objects.get().document_ids == [document.pk]
    finally:
        context.close()


def test_a_png_named_pdf_is_refused_beside_the_file_field_on_a_phone(
    browser, live_server, org, places, tmp_path, document_root
) -> None:
    case = make_case(organisation=org, district=places.district_a)
    legal = make_user(organisation=org, role="legal")
    disguised = tmp_path / "order.pdf"
    disguised.write_bytes(png_bytes())
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        log_in(page, live_server, legal.username, PASSWORD)
        page.goto(f"{live_server.url}/cases/{case.pk}/")
        page.click("#tab-documents-tab")  # the case page's tabs
        form = page.locator("#form-document")
        form.locator("[name=document-file]").set_input_files(str(disguised))
        form.locator("[name=document-title]").fill("Order")
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        errors = page.locator("#id_document-file_errors")
        assert errors.is_visible()
        assert "PNG" in errors.inner_text()
        assert page.locator("[name=document-title]").input_value() == "Order"
        assert fits(page, "#form-document")
        assert not Document.objects.exists()
    finally:
        context.close()


def test_the_documents_section_reads_in_bengali_on_a_phone(
    browser, live_server, org, places, tmp_path, document_root
) -> None:
    case = make_case(organisation=org, district=places.district_a)
    legal = make_user(organisation=org, role="legal")
    disguised = tmp_path / "order.pdf"
    disguised.write_bytes(png_bytes())
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        log_in(page, live_server, legal.username, PASSWORD)
        page.goto(f"{live_server.url}/cases/{case.pk}/")
        with page.expect_navigation():
            page.click("form.lang button[value=bn]")
        page.click("#tab-documents-tab")
        form = page.locator("#form-document")
        assert form.locator("h3").inner_text() == "নথি যুক্ত করুন"
        assert fits(page, "#documents")
        form.locator("[name=document-file]").set_input_files(str(disguised))
        form.locator("[name=document-title]").fill("আদেশ")
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        assert "একটি PNG ছবি" in page.locator("#id_document-file_errors").inner_text()
        assert fits(page, "#form-document")
    finally:
        context.close()
