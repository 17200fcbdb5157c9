"""The daily cause list as files to print or share: PDF and spreadsheet."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from gis.vector_write import spreadsheet_cell
from landclaims.agenda.selectors import CauseList

PDF_CONTENT_TYPE = "application/pdf"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cause_list_filename(cause_list: CauseList, extension: str) -> str:
    return f"cause-list-{cause_list.day.isoformat()}.{extension}"


def cause_list_pdf(cause_list: CauseList) -> bytes:
    html = render_to_string("agenda/cause_list_document.html", {"cause_list": cause_list})
    # Everything is in the page itself; refusing every URL keeps a court name or purpose
    # that smuggled in markup from making the server fetch files or addresses.
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()


def cause_list_xlsx(cause_list: CauseList) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Cause list")[:31]
    sheet.append([_("Cause list for %(day)s") % {"day": cause_list.day.isoformat()}])
    sheet.append([])
    sheet.append(_headers())
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in _rows(cause_list):
        sheet.append([spreadsheet_cell(value, xml=True) for value in row])
    sheet.freeze_panes = "A4"
    for column, width in zip(
        "ABCDEFGHIJKL", (40, 20, 16, 6, 40, 30, 30, 40, 12, 24, 14, 20), strict=True
    ):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _headers() -> list[str]:
    return [
        _("Court"),
        _("Bench"),
        _("District"),
        _("No."),
        _("Case"),
        _("Our side"),
        _("Their side"),
        _("Purpose"),
        _("Previous date"),
        _("Our lawyer"),
        _("Status"),
        _("Our role"),
    ]


def _rows(cause_list: CauseList) -> list[list[Any]]:
    return [
        [
            court.court_name,
            court.bench,
            court.district,
            serial,
            hearing.case.display_no,
            hearing.parties_ours,
            hearing.parties_theirs,
            hearing.purpose,
            hearing.previous.scheduled_on if hearing.previous else None,
            hearing.our_lawyers,
            str(hearing.get_status_display()),
            str(hearing.case.get_our_role_display()),
        ]
        for court in cause_list.courts
        for serial, hearing in enumerate(court.hearings, start=1)
    ]
