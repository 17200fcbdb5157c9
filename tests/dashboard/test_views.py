"""The dashboard page and its XLSX/CSV files over the demo data: same figures, same filters,
Bengali intact, formulas neutralised, no group names, and a fixed number of queries."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from landclaims.core.templatetags.lc_format import area, num
from landclaims.dashboard.tables import acres
from landclaims.groups.models import LandlessGroup
from landclaims.places.models import AdminArea
from tests.dashboard.helpers import busiest_area
from tests.factories import log_in, make_user

pytestmark = pytest.mark.django_db

# The page's own queries (session, user, membership, filter choices, figures, map) do not
# depend on how many records there are. The middleware reads the session, the user, their
# preferences and their second-factor device before the page's own queries start.
# "Groups and their work" adds 14 (a few per kind of work) and the organisations the user
# may count one.
MAX_QUERIES = 41


def _client(client: Any, username: str) -> Any:
    log_in(client, get_user_model().objects.get(username=username))
    return client


def _filters() -> dict[str, str]:
    """An upazila and a date range: the files must honour both."""
    upazila = busiest_area("upazila")
    return {"area": str(upazila.pk), "start": "2018-01-01", "end": "2025-12-31"}


def test_page_shows_every_figure(client: Any, demo_data: None) -> None:
    response = _client(client, "organiser").get(reverse("dashboard:index"))
    assert response.status_code == 200
    board = response.context["board"]
    html = response.content.decode()
    assert f'data-figure="claims">{num(board.claims)}<' in html
    for figure in board.land:
        assert area(figure.m2, "acre") in html
    for step in board.funnel:
        assert f'<td class="num">{num(step.reached)}</td>' in html
    assert "How these figures are counted" in html
    assert "<svg" in html and '<title id="funnel-chart-title">' in html


def test_page_with_nothing_to_count(client: Any, demo_data: None) -> None:
    """A user without an organisation sees zeros and an empty map, not an error."""
    log_in(client, make_user(organisation=None))
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 200
    assert response.context["board"].claims == 0
    assert response.context["board"].upazilas == []


def test_page_has_no_group_names_for_any_role(client: Any, demo_data: None) -> None:
    names = set(LandlessGroup.objects.values_list("name_bn", flat=True)[:200])
    for username in ("viewer", "monitor", "organiser"):
        client.logout()
        html = _client(client, username).get(reverse("dashboard:index")).content.decode()
        assert not [name for name in names if name and name in html], username


def test_page_queries_do_not_grow_with_the_data(client: Any, demo_data: None) -> None:
    _client(client, "organiser")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("dashboard:index"), _filters()).status_code == 200
    assert len(queries) <= MAX_QUERIES, [q["sql"][:80] for q in queries]


def test_date_range_the_wrong_way_round_is_refused(client: Any, demo_data: None) -> None:
    response = _client(client, "organiser").get(
        reverse("dashboard:index"), {"start": "2024-01-01", "end": "2023-01-01"}
    )
    assert response.status_code == 400
    assert "board" not in response.context


def test_organisation_choices_are_only_those_the_user_may_see(client: Any, demo_data: None) -> None:
    response = _client(client, "organiser").get(reverse("dashboard:index"))
    organisations = response.context["form"].fields["organisation"].queryset
    assert [o.slug for o in organisations] == ["nijera-kori"]
    other = (
        response.context["form"]
        .fields["organisation"]
        .queryset.model.objects.get(slug="alrd-partners")
    )
    refused = client.get(reverse("dashboard:index"), {"organisation": other.pk})
    assert refused.status_code == 400


def _page_and_file(client: Any, url_name: str) -> tuple[Any, bytes]:
    _client(client, "organiser")
    page = client.get(reverse("dashboard:index"), _filters())
    response = client.get(reverse(url_name), _filters())
    assert response.status_code == 200
    return page.context["board"], response.content


def test_xlsx_reads_back_equal_to_the_page(client: Any, demo_data: None) -> None:
    board, content = _page_and_file(client, "dashboard:xlsx")
    book = load_workbook(io.BytesIO(content))
    land = list(book["land"].iter_rows(min_row=4, values_only=True))
    assert [row[1] for row in land] == [float(acres(f.m2)) for f in board.land]
    assert [row[2:5] for row in land] == [
        (float(acres(f.women_m2)), float(acres(f.men_m2)), f.parcels) for f in board.land
    ]
    funnel = list(book["funnel"].iter_rows(min_row=4, values_only=True))
    assert [row[1] for row in funnel[: len(board.funnel)]] == [s.reached for s in board.funnel]
    families = list(book["families"].iter_rows(min_row=4, values_only=True))
    assert [row[1] for row in families] == [f.allocations for f in board.families]
    upazilas = list(book["upazilas"].iter_rows(min_row=4, values_only=True))
    assert [(row[1], row[2]) for row in upazilas] == [(u.name_bn, u.claims) for u in board.upazilas]
    assert any("\u0980" <= ch <= "\u09ff" for row in upazilas for ch in row[1])
    assert str(board.filters.area.name_bn) in book["land"]["B2"].value


def _csv_tables(content: bytes) -> dict[str, list[list[str]]]:
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, for Excel
    reader = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    tables: dict[str, list[list[str]]] = {}
    current: list[list[str]] = []
    for row in list(reader)[1:]:
        if not row:
            current = []
            continue
        if not current and len(row) == 1 and row[0] not in tables:
            tables[row[0]] = current
            continue
        current.append(row)
    return tables


def test_csv_reads_back_equal_to_the_page(client: Any, demo_data: None) -> None:
    board, content = _page_and_file(client, "dashboard:csv")
    tables = _csv_tables(content)
    land = tables["Land"][1:]
    assert [Decimal(row[1]) for row in land] == [acres(f.m2) for f in board.land]
    assert [int(row[4]) for row in land] == [f.parcels for f in board.land]
    cases = {row[0]: int(row[1]) for row in tables["Open cases, hearings and orders"][1:]}
    assert cases["All open cases"] == board.open_case_total
    assert cases["Hearings in the next 30 days"] == board.hearings.hearings
    upazilas = tables["Claims by upazila"][1:]
    assert [(row[1], int(row[2])) for row in upazilas] == [
        (u.name_bn, u.claims) for u in board.upazilas
    ]


def test_cells_that_look_like_formulas_are_neutralised(client: Any, demo_data: None) -> None:
    upazila = AdminArea.objects.get(pk=_filters()["area"])
    AdminArea.objects.filter(pk=upazila.pk).update(name_bn='=HYPERLINK("http://x")')
    _board, content = _page_and_file(client, "dashboard:csv")
    assert "'=HYPERLINK" in content.decode("utf-8-sig")
    _board, content = _page_and_file(client, "dashboard:xlsx")
    values = [
        cell
        for row in load_workbook(io.BytesIO(content))["upazilas"].iter_rows(values_only=True)
        for cell in row
    ]
    assert not [v for v in values if isinstance(v, str) and v.startswith("=")]
    assert '\'=HYPERLINK("http://x")' in values
