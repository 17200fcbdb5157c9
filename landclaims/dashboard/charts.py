"""Charts as SVG drawn on the server: no script, print as they look, nothing for a CSP to
allow. Each has a <title> and <desc>, and the page shows the same numbers in a table.

Colours are presentation attributes, never `style`, so a strict style-src allows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from landclaims.core.templatetags.lc_format import num

# Print-friendly, told apart by most colour-blind readers (ColorBrewer Set2 and Dark2).
PALETTE = (
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#666666",
)
BAR_COLOUR = "#1f6f50"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as displayed
    note: str = ""  # shown after the value, e.g. a median


def _frame(chart_id: str, title: str, desc: str, width: int, height: int, body: str) -> SafeString:
    return format_html(
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        'width="100%" role="img" aria-labelledby="{id}-title {id}-desc">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        w=width,
        h=height,
        id=chart_id,
        title=title,
        desc=desc,
        # Every part of `body` was built with format_html, which escaped each value.
        body=mark_safe(body),  # noqa: S308
    )


def hbar_chart(*, chart_id: str, title: str, desc: str, bars: Sequence[Bar]) -> SafeString:
    """Horizontal bars, one per row, longest = widest value."""
    width, label_w, bar_w, row_h = 720, 260, 300, 26
    top = max((bar.value for bar in bars), default=0) or 1
    rows = []
    for i, bar in enumerate(bars):
        y = i * row_h
        length = bar.value / top * bar_w
        rows.append(
            format_html(
                '<g class="bar"><text x="{lx}" y="{ty}" text-anchor="end" font-size="13">'
                "{label}</text>"
                '<rect x="{x}" y="{y}" width="{len}" height="{h}" fill="{fill}"/>'
                '<text x="{vx}" y="{ty}" font-size="13">{text} {note}</text></g>',
                lx=label_w - 8,
                ty=y + 17,
                label=bar.label,
                x=label_w,
                y=y + 4,
                len=f"{length:.1f}",
                h=row_h - 8,
                fill=BAR_COLOUR,
                vx=f"{label_w + length + 6:.1f}",
                text=bar.text,
                note=bar.note,
            )
        )
    return _frame(chart_id, title, desc, width, max(row_h * len(bars), row_h), "".join(rows))


@dataclass(frozen=True)
class Column:
    label: str  # under the column, e.g. "2024-03"
    parts: Sequence[int]  # one per series, stacked from the bottom


def stacked_columns(
    *,
    chart_id: str,
    title: str,
    desc: str,
    series: Sequence[str],
    columns: Sequence[Column],
) -> SafeString:
    """Stacked columns (one per month), a colour per series, with a legend above."""
    legend_h, plot_h, axis_h = 22 * ((len(series) + 3) // 4), 180, 90
    step = max(12, min(40, 680 // max(len(columns), 1)))
    width = max(720, 40 + step * len(columns))
    top = max((sum(c.parts) for c in columns), default=0) or 1
    legend = format_html_join(
        "",
        '<g><rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
        '<text x="{}" y="{}" font-size="12">{}</text></g>',
        (
            (
                10 + (i % 4) * 175,
                4 + (i // 4) * 22,
                PALETTE[i % len(PALETTE)],
                28 + (i % 4) * 175,
                14 + (i // 4) * 22,
                name,
            )
            for i, name in enumerate(series)
        ),
    )
    base = legend_h + plot_h
    shapes = []
    for n, column in enumerate(columns):
        x, y = 40 + n * step, base
        for i, value in enumerate(column.parts):
            height = value / top * plot_h
            y -= height
            if value:
                shapes.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                        "<title>{}: {}</title></rect>",
                        f"{x:.1f}",
                        f"{y:.1f}",
                        step - 3,
                        f"{height:.1f}",
                        PALETTE[i % len(PALETTE)],
                        series[i],
                        num(value),
                    )
                )
        shapes.append(
            format_html(
                '<text x="{}" y="{}" font-size="10" transform="rotate(-60 {} {})" '
                'text-anchor="end">{}</text>',
                x + step / 2,
                base + 12,
                x + step / 2,
                base + 12,
                column.label,
            )
        )
    axis = format_html(
        '<line x1="36" y1="{}" x2="{}" y2="{}" stroke="#555"/>'
        '<text x="32" y="{}" font-size="11" text-anchor="end">{}</text>'
        '<text x="32" y="{}" font-size="11" text-anchor="end">{}</text>',
        base,
        40 + step * len(columns),
        base,
        legend_h + 10,
        num(top),
        base,
        num(0),
    )
    body = legend + axis + "".join(shapes)
    return _frame(chart_id, title, desc, width, base + axis_h, body)
