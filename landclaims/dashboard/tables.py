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
from landclaims.core.money import taka_from_poisha
from landclaims.dashboard.selectors import Dashboard
from landclaims.dashboard.work import WorkFigures

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


def _savings(work: WorkFigures) -> Table:
    return Table(
        "savings",
        _("Savings"),
        [
            _("Groups"),
            _("Saving groups"),
            _("Balance (taka)"),
            _("Collected in cash (taka)"),
            _("Rice collected (kg)"),
            _("Rice sold for (taka)"),
            _("Withdrawn (taka)"),
            _("Invested (taka)"),
        ],
        [
            [
                str(r.label),
                r.saving_groups,
                taka_from_poisha(r.balance_poisha),
                taka_from_poisha(r.cash_poisha),
                r.rice_kg,
                taka_from_poisha(r.rice_poisha),
                taka_from_poisha(r.withdrawn_poisha),
                taka_from_poisha(r.invested_poisha),
            ]
            for r in work.savings.rows
        ],
    )


def _savings_months(work: WorkFigures) -> Table:
    return Table(
        "savings_months",
        _("Savings collected by month"),
        [_("Month"), _("Cash (taka)"), _("Rice (taka)"), _("All (taka)")],
        [
            [
                m.month.strftime("%Y-%m"),
                taka_from_poisha(m.cash_poisha),
                taka_from_poisha(m.rice_poisha),
                taka_from_poisha(m.total_poisha),
            ]
            for m in work.savings.months
        ],
    )


def _cooperatives(work: WorkFigures) -> Table:
    c = work.cooperatives
    rows: list[list[Any]] = [
        [_("Cooperatives"), c.cooperatives, None, None],
        [_("Registered"), c.registered, None, None],
        [_("Member groups"), c.member_groups, None, None],
        [_("Paid in by the groups (taka)"), taka_from_poisha(c.contributions_poisha), None, None],
    ]
    rows += [
        [_("Land farmed: %(tenure)s") % {"tenure": t.label}, t.plots, acres(t.m2), None]
        for t in c.land
    ]
    rows += [
        [
            _("Production: %(activity)s") % {"activity": p.label},
            p.harvests,
            taka_from_poisha(p.sales_poisha),
            taka_from_poisha(p.costs_poisha),
        ]
        for p in c.production
    ]
    return Table(
        "cooperatives",
        _("People's cooperatives"),
        [_("Figure"), _("Count or amount"), _("Acres, or sales (taka)"), _("Costs (taka)")],
        rows,
    )


def _training(work: WorkFigures) -> Table:
    return Table(
        "training",
        _("Training by tier"),
        [
            _("Tier"),
            _("Trainings"),
            _("Women trained"),
            _("Men trained"),
            _("Others trained"),
            _("Groups that reached it"),
        ],
        [
            [str(t.label), t.trainings, t.women, t.men, t.others, t.groups_reached]
            for t in work.training
        ],
    )


def _actions(work: WorkFigures) -> Table:
    a = work.actions
    rows: list[list[Any]] = [[str(k.label), k.actions, k.women, k.men, k.others] for k in a.by_kind]
    rows += [
        [_("Outcome: %(outcome)s") % {"outcome": o.label}, o.actions, None, None, None]
        for o in a.outcomes
    ]
    return Table(
        "actions",
        _("Actions by kind and outcome"),
        [_("Kind of action"), _("Actions"), _("Women taking part"), _("Men taking part"),
         _("Others taking part")],
        rows,
    )  # fmt: skip


def _checks(work: WorkFigures) -> Table:
    return Table(
        "safety_net_checks",
        _("Safety-net checks by programme"),
        [_("Programme"), _("Checks"), _("Irregularities found"), _("Eligible people left out")],
        [
            [str(p.label), p.checks, p.with_irregularities, p.people_left_out]
            for p in work.actions.checks
        ],
    )


def _seats(work: WorkFigures) -> Table:
    return Table(
        "seats",
        _("Seats on public bodies"),
        [
            _("Body"),
            _("Seats"),
            _("Women"),
            _("Men"),
            _("Others"),
            _("Elected"),
            _("Nominated"),
        ],
        [
            [str(s.label), s.seats, s.women, s.men, s.others, s.elected, s.nominated]
            for s in work.seats
        ],
    )


BUILDERS = (_land, _families, _settlements, _groups, _funnel, _cases, _incidents, _upazilas)
WORK_BUILDERS = (_savings, _savings_months, _cooperatives, _training, _actions, _checks, _seats)


def dashboard_tables(board: Dashboard) -> list[Table]:
    """Every table the page shows, in its order. No group is named: figures only."""
    tables = [build(board) for build in BUILDERS]
    if board.work is not None:
        tables += [build(board.work) for build in WORK_BUILDERS]
    return tables


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
