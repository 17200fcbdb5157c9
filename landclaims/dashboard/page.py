"""What the page draws from the figures: the charts and the map, in the reader's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from landclaims.core.templatetags.lc_format import area, digits, num
from landclaims.dashboard import charts, choropleth
from landclaims.dashboard.selectors import Dashboard


def month_label(month: date) -> str:
    return digits(date_format(month, "YEAR_MONTH_FORMAT"))


def _funnel_chart(board: Dashboard) -> Any:
    bars = [
        charts.Bar(
            str(step.label),
            step.reached,
            num(step.reached),
            _("(median %(days)s days)") % {"days": num(step.median_days, 0)}
            if step.median_days is not None
            else "",
        )
        for step in board.funnel
    ]
    return charts.hbar_chart(
        chart_id="funnel-chart",
        title=_("Claims per stage"),
        desc=_("How many claims reached each stage, with the median days spent in it."),
        bars=bars,
    )


def _land_chart(board: Dashboard) -> Any:
    bars = [
        charts.Bar(str(f.label), float(f.m2), _("%(n)s acres") % {"n": area(f.m2, "acre")})
        for f in board.land
    ]
    return charts.hbar_chart(
        chart_id="land-chart",
        title=_("Land, in acres"),
        desc=_("Acres identified, in possession, applied for, settled and lost."),
        bars=bars,
    )


def _incident_chart(board: Dashboard) -> Any:
    figures = board.incidents
    return charts.stacked_columns(
        chart_id="incident-chart",
        title=_("Incidents by month"),
        desc=_("Incidents each month, stacked by kind."),
        series=[str(label) for _kind, label in figures.kinds],
        columns=[
            charts.Column(month_label(m.month), [m.by_kind.get(k, 0) for k, _l in figures.kinds])
            for m in figures.months
        ],
    )


def _savings_chart(board: Dashboard) -> Any:
    months = board.work.savings.months if board.work else []
    return charts.stacked_columns(
        chart_id="savings-chart",
        title=_("Savings collected by month, in taka"),
        desc=_("Taka collected each month, in cash and in rice sold among the members."),
        series=[_("Cash"), _("Rice")],
        columns=[
            charts.Column(month_label(m.month), [m.cash_poisha // 100, m.rice_poisha // 100])
            for m in months
        ],
    )


def page_context(board: Dashboard) -> dict[str, Any]:
    return {
        "savings_chart": _savings_chart(board),
        "savings_months": [
            (month_label(m.month), m) for m in (board.work.savings.months if board.work else [])
        ],
        "board": board,
        "land_chart": _land_chart(board),
        "funnel_chart": _funnel_chart(board),
        "incident_chart": _incident_chart(board),
        "incident_months": [
            (month_label(m.month), m, [m.by_kind.get(k, 0) for k, _l in board.incidents.kinds])
            for m in board.incidents.months
        ],
        "map": choropleth.claims_map(upazilas=board.upazilas),
        "map_legend": choropleth.legend(board.upazilas),
    }
