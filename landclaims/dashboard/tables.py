"""The dashboard's tables as rows, and as XLSX and CSV files (same figures, same filters).

Cells that a spreadsheet would run as a formula are neutralised with the exports' own
`spreadsheet_safe`; CSV is UTF-8 with a byte-order mark so Excel reads Bengali.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from gis.units import from_m2
from gis.vector_write import spreadsheet_cell
from landclaims.dashboard.selectors import Dashboard

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


@dataclass(frozen=True)
class Table:
    key: str  # sheet name in the file (ASCII, short)
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]


def acres(m2: Decimal) -> Decimal:
    return round(from_m2(m2, "acre"), 4)


def _land(board: Dashboard) -> Table:
    return Table(
        "land",
        _("Land"),
        [
            _("Figure"),
            _("Acres"),
            _("Acres, women's groups"),
            _("Acres, men's groups"),
            _("Parcels"),
            _("Parcels with no area"),
        ],
        [
            [
                str(f.label),
                acres(f.m2),
                acres(f.women_m2),
                acres(f.men_m2),
                f.parcels,
                f.parcels_without_area,
            ]
            for f in board.land
        ],
    )


def _families(board: Dashboard) -> Table:
    return Table(
        "families",
        _("Families settled, by title"),
        [_("Title"), _("Allocations"), _("Acres")],
        [[str(f.label), f.allocations, acres(f.m2)] for f in board.families],
    )


def _settlements(board: Dashboard) -> Table:
    return Table(
        "settled",
        _("Settled to our groups or to others"),
        [_("Figure"), _("Allocations"), _("Acres")],
        [[str(f.label), f.allocations, acres(f.m2)] for f in board.settlements],
    )


def _groups(board: Dashboard) -> Table:
    g = board.groups
    return Table(
        "groups",
        _("Landless groups and members"),
        [_("Sex"), _("Groups"), _("Members")],
        [
            [_("Women"), g.women_groups, g.members_women],
            [_("Men"), g.men_groups, g.members_men],
        ],
    )


def _funnel(board: Dashboard) -> Table:
    return Table(
        "funnel",
        _("Claims per stage"),
        [
            _("Stage"),
            _("Claims that reached it"),
            _("Of which women's groups"),
            _("Of which men's groups"),
            _("Claims there now"),
            _("Median days in the stage"),
            _("Stays measured"),
        ],
        [
            [str(s.label), s.reached, s.reached_women, s.reached_men, s.now, s.median_days, s.stays]
            for s in board.funnel
        ]
        + [[str(s.label), None, None, None, s.claims, None, None] for s in board.side_stages],
    )


def _cases(board: Dashboard) -> Table:
    h = board.hearings
    rows: list[list[Any]] = [[str(c.label), c.cases] for c in board.open_cases]
    rows.append([_("All open cases"), board.open_case_total])
    rows.append([_("Hearings in the next 30 days"), h.hearings])
    rows += [
        [_("Interim orders in force: %(kind)s") % {"kind": o.label}, o.orders] for o in board.orders
    ]
    return Table("cases", _("Open cases, hearings and orders"), [_("Figure"), _("Count")], rows)


def _incidents(board: Dashboard) -> Table:
    figures = board.incidents
    headers = [
        _("Month"),
        *(str(label) for _kind, label in figures.kinds),
        _("All"),
        _("Women affected"),
        _("Men affected"),
    ]
    rows = [
        [
            m.month.strftime("%Y-%m"),
            *(m.by_kind.get(kind, 0) for kind, _l in figures.kinds),
            m.total,
            m.women_affected,
            m.men_affected,
        ]
        for m in figures.months
    ]
    return Table("incidents", _("Incidents by month"), headers, rows)


def _upazilas(board: Dashboard) -> Table:
    return Table(
        "upazilas",
        _("Claims by upazila"),
        [_("Upazila"), _("Upazila (Bengali)"), _("Claims")],
        [[u.name_en, u.name_bn, u.claims] for u in board.upazilas],
    )


BUILDERS = (_land, _families, _settlements, _groups, _funnel, _cases, _incidents, _upazilas)


def dashboard_tables(board: Dashboard) -> list[Table]:
    """Every table the page shows, in its order. No group is named: figures only."""
    return [build(board) for build in BUILDERS]


def _safe(value: Any, *, xml: bool) -> Any:
    if isinstance(value, Decimal):
        return float(value) if xml else value
    return spreadsheet_cell(value, xml=xml)


def tables_xlsx(tables: Sequence[Table], about: Sequence[str]) -> bytes:
    """One sheet per table, its title and the filters above the header row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.key)
        sheet.append([_safe(table.title, xml=True)])
        sheet.append([_safe(line, xml=True) for line in about])
        sheet.append([_safe(h, xml=True) for h in table.headers])
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_safe(value, xml=True) for value in row])
        sheet.freeze_panes = "A4"
        sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def tables_csv(tables: Sequence[Table], about: Sequence[str]) -> bytes:
    """All tables one after the other, each under its title, a blank line between."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([_safe(line, xml=False) for line in about])
    for table in tables:
        writer.writerow([])
        writer.writerow([_safe(table.title, xml=False)])
        writer.writerow([_safe(h, xml=False) for h in table.headers])
        for row in table.rows:
            writer.writerow(["" if v is None else _safe(v, xml=False) for v in row])
    return text.getvalue().encode("utf-8-sig")


def filters_about(board: Dashboard) -> list[str]:
    """The filters a file was made with, for its first lines."""
    f = board.filters
    return [
        _("Organisation: %(v)s") % {"v": f.organisation or _("All")},
        _("Area: %(v)s")
        % {"v": f"{f.area.name_en} / {f.area.name_bn}" if f.area else _("Everywhere")},
        _("From: %(v)s") % {"v": f.start.isoformat() if f.start else "—"},
        _("To: %(v)s") % {"v": f.end.isoformat() if f.end else "—"},
        _("Made on: %(v)s") % {"v": board.today.isoformat()},
    ]


def download_name(board: Dashboard, extension: str) -> str:
    return f"dashboard-{board.today.isoformat()}.{extension}"
