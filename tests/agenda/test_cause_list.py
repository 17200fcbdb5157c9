"""The daily cause list: court by court, on screen, as PDF and as a spreadsheet."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from openpyxl import load_workbook

from gis.vector_write import spreadsheet_cell
from tests.agenda.helpers import pdf_characters, pdf_fonts, schedule
from tests.factories import log_in, make_case

pytestmark = pytest.mark.django_db

URL = reverse("agenda:cause_list")
DAY = date(2024, 6, 3)
BENGALI_COURT = "যুগ্ম জেলা জজ আদালত, টাঙ্গাইল"


@pytest.fixture
def day_in_court(org, places):
    """Three hearings on 3 June: two before the High Court, one before a Tangail court."""
    high_court = [
        make_case(organisation=org, district=places.district_a, number=n, year=2017)
        for n in ("364", "12")
    ]
    tangail = make_case(
        organisation=org,
        district=places.district_a,
        case_type="civil_suit",
        forum_level="joint_district_judge",
        court_name=BENGALI_COURT,
        number="45",
        year=2020,
    )
    schedule(high_court[0], DAY, purpose="=cmd|' /C calc'!A0")
    schedule(high_court[1], DAY, purpose="For orders")
    schedule(tangail, DAY, purpose="সাক্ষ্য গ্রহণ")
    return high_court, tangail


def test_the_cause_list_groups_the_days_hearings_by_court(client, organiser, day_in_court) -> None:
    log_in(client, organiser)
    listing = client.get(URL, {"date": DAY.isoformat()}).context["cause_list"]
    courts = {court.court_name: [h.case.number for h in court.hearings] for court in listing.courts}
    assert courts == {"High Court Division, Dhaka": ["12", "364"], BENGALI_COURT: ["45"]}


def test_the_cause_list_shows_only_what_the_user_may_see(client, legal_a, case_a, case_b) -> None:
    schedule(case_a, DAY)
    schedule(case_b, DAY)
    log_in(client, legal_a)
    listing = client.get(URL, {"date": DAY.isoformat()}).context["cause_list"]
    assert [court.court_name for court in listing.courts] == ["High Court Division, Dhaka"]


def test_the_cause_list_page_has_a_print_stylesheet(client, organiser) -> None:
    log_in(client, organiser)
    html = client.get(URL).content.decode()
    assert "css/agenda.css" in html
    with open(finders.find("css/agenda.css"), encoding="utf-8") as css:
        assert "@media print" in css.read()


def test_the_cause_list_pdf_is_a_pdf_with_its_text_and_bengali_in_noto_sans_bengali(
    client, organiser, day_in_court
) -> None:
    log_in(client, organiser)
    response = client.get(URL, {"date": DAY.isoformat(), "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="cause-list-2024-06-03.pdf"' in response["Content-Disposition"]
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    characters = pdf_characters(pdf)
    assert set("Writ Petition No. 364 of 2017") <= characters
    assert set("জজআদলটঙ") <= characters
    assert "Noto-Sans-Bengali" in pdf_fonts(pdf)


def test_the_cause_list_spreadsheet_round_trips_with_formulas_neutralised(
    client, organiser, day_in_court
) -> None:
    log_in(client, organiser)
    response = client.get(URL, {"date": DAY.isoformat(), "format": "xlsx"})
    assert 'filename="cause-list-2024-06-03.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [(row[0], row[4]) for row in rows] == [
        ("High Court Division, Dhaka", "Writ Petition No. 12 of 2017"),
        ("High Court Division, Dhaka", "Writ Petition No. 364 of 2017"),
        (BENGALI_COURT, "Title Suit No. 45 of 2020"),
    ]
    assert rows[1][7] == "'=cmd|' /C calc'!A0"
    assert rows[2][7] == "সাক্ষ্য গ্রহণ"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+8801", "'+8801"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("For hearing", "For hearing"),
        ("a\x07b", "ab"),
        (3, 3),
    ],
)
def test_spreadsheet_text_that_would_run_as_a_formula_gets_a_leading_quote(value, expected) -> None:
    assert spreadsheet_cell(value, xml=True) == expected


def test_an_empty_day_still_gives_a_cause_list_file(client, organiser) -> None:
    log_in(client, organiser)
    response = client.get(URL, {"date": "2024-06-07", "format": "pdf"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
