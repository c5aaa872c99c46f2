"""Hand-written SVG charts and a self-contained HTML page (no plotting library needed)."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from html import escape

BAR = "#2f6f9f"
BAR_PARTIAL = "#a9c4d8"
INK = "#222222"
GRID = "#dddddd"
FONT = "font-family:Helvetica,Arial,sans-serif"


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def nice_ticks(maximum: int) -> list[int]:
    """Integer axis ticks from 0 to at least ``maximum``: 1, 2 or 5 times a power of ten."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / 5
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(1, int(step))
    top = step * math.ceil(maximum / step)
    return list(range(0, top + 1, step))


def bar_chart(
    labels: Sequence[str],
    values: Sequence[int],
    *,
    title: str,
    subtitle: str = "",
    x_label: str = "",
    y_label: str = "",
    partial: Sequence[bool] = (),
    partial_legend: str = "",
) -> str:
    """A vertical bar chart with title, axes, gridlines, value labels and a legend."""
    n = len(labels)
    partial = list(partial) or [False] * n
    slot = 44 if n <= 24 else 22
    left, right = 70, 30
    rotate = n > 12 or max((len(s) for s in labels), default=0) > 6
    bottom = 110 if rotate else 70
    plot_w = max(360, slot * max(n, 1))
    plot_h = 260
    width = left + plot_w + right
    # the subtitle wraps to the chart's width; the plot moves down for each extra line
    sub_lines = textwrap.wrap(subtitle, width=max(40, int((width - left - 10) / 6.6)))
    top = 78 + 15 * max(0, len(sub_lines) - 1)
    height = top + plot_h + bottom
    ticks = nice_ticks(max(values, default=0))
    y_max = ticks[-1] or 1

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / y_max

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}" style="{FONT}">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{left}" y="30" font-size="18" font-weight="bold" fill="{INK}">'
        f"{esc(title)}</text>",
    ]
    for k, line in enumerate(sub_lines):
        out.append(
            f'<text x="{left}" y="{52 + 15 * k}" font-size="12" fill="#555555">{esc(line)}</text>'
        )
    for t in ticks:
        ty = y(t)
        out.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{left + plot_w}" y2="{ty:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 8}" y="{ty + 4:.1f}" font-size="12" text-anchor="end" '
            f'fill="{INK}">{t}</text>'
        )
    bar_w = slot * 0.7
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = left + slot * i + (slot - bar_w) / 2
        colour = BAR_PARTIAL if partial[i] else BAR
        by = y(value)
        out.append(
            f'<rect x="{x:.1f}" y="{by:.1f}" width="{bar_w:.1f}" '
            f'height="{top + plot_h - by:.1f}" fill="{colour}">'
            f"<title>{esc(label)}: {value}</title></rect>"
        )
        if value:
            out.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{by - 5:.1f}" font-size="11" '
                f'text-anchor="middle" fill="{INK}">{value}</text>'
            )
        lx, ly = x + bar_w / 2, top + plot_h + 16
        if rotate:
            out.append(
                f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="11" text-anchor="end" '
                f'transform="rotate(-45 {lx:.1f} {ly:.1f})" fill="{INK}">{esc(label)}</text>'
            )
        else:
            out.append(
                f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="12" text-anchor="middle" '
                f'fill="{INK}">{esc(label)}</text>'
            )
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="{INK}" stroke-width="1.5"/>'
    )
    out.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{INK}" '
        f'stroke-width="1.5"/>'
    )
    if x_label:
        out.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{height - 12}" font-size="13" '
            f'text-anchor="middle" fill="{INK}">{esc(x_label)}</text>'
        )
    if y_label:
        cy = top + plot_h / 2
        out.append(
            f'<text x="18" y="{cy:.1f}" font-size="13" text-anchor="middle" '
            f'transform="rotate(-90 18 {cy:.1f})" fill="{INK}">{esc(y_label)}</text>'
        )
    if any(partial) and partial_legend:
        lx = left + plot_w - 230
        ly = top - 18
        out.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{BAR_PARTIAL}"/>')
        out.append(
            f'<text x="{lx + 18}" y="{ly + 10}" font-size="11" fill="{INK}">'
            f"{esc(partial_legend)}</text>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def html_page(
    title: str, svg: str, *, header: Sequence[str], rows: Sequence[Sequence[object]]
) -> str:
    """A self-contained HTML page: the SVG inline, then the same numbers as a table."""
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(title)}</title>\n"
        "<style>body{font-family:Helvetica,Arial,sans-serif;margin:2em;color:#222}"
        "table{border-collapse:collapse;margin-top:1.5em}"
        "td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}"
        "th{background:#f2f2f2}</style>\n</head>\n<body>\n"
        f"{svg}\n<table>\n<tr>{head}</tr>\n{body}\n</table>\n</body>\n</html>\n"
    )
