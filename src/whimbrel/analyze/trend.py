"""Corpus events per year or month, counted at their date precision.

An event dated ``2024`` counts for 2024 in a yearly trend; in a monthly trend it goes to a
separate ``2024 (month unknown)`` row, never to a made-up month. Undated events get an
``undated`` row. Each corpus event counts once, however many articles reported it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from whimbrel.analyze.corpus import CorpusEvent
from whimbrel.analyze.svg import bar_chart, html_page

BY = ("year", "month")
UNDATED = "undated"
MONTH_UNKNOWN = " (month unknown)"


@dataclass(frozen=True, slots=True)
class TrendRow:
    """One period: its label, the number of corpus events and their ids.

    ``partial`` marks a row of events known only more coarsely than the period asked for
    (``2024 (month unknown)``, ``undated``)."""

    period: str
    n: int
    cluster_ids: tuple[str, ...] = ()
    partial: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "period": self.period,
            "n": self.n,
            "partial": self.partial,
            "cluster_ids": list(self.cluster_ids),
        }


def _bucket(event: CorpusEvent, by: str) -> tuple[tuple[int, int], str, bool]:
    """(sort key, label, partial) of the period an event counts in."""
    if event.date is None:
        return (10**6, 0), UNDATED, True
    year = int(event.date[:4])
    if by == "year":
        return (year, 0), event.date[:4], False
    if len(event.date) >= 7:
        return (year, int(event.date[5:7])), event.date[:7], False
    return (year, 13), f"{event.date[:4]}{MONTH_UNKNOWN}", True


def trend(events: Iterable[CorpusEvent], *, by: str = "year", fill: bool = True) -> list[TrendRow]:
    """Count corpus events per period (``by`` = ``year`` or ``month``), oldest first.

    With ``fill`` the periods between the first and the last one with events are listed
    with zero, so a gap shows as a gap. Filtering (type, actors, modality, aggregates)
    is the caller's job: every event given is counted once.
    """
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}")
    buckets: dict[tuple[int, int], tuple[str, bool, list[str]]] = {}
    for event in events:
        key, label, partial = _bucket(event, by)
        buckets.setdefault(key, (label, partial, []))[2].append(event.cluster_id)
    if fill:
        dated = [k for k in buckets if k[0] < 10**6 and k[1] != 13]
        if dated:
            first, last = min(dated), max(dated)
            if by == "year":
                for year in range(first[0], last[0] + 1):
                    buckets.setdefault((year, 0), (str(year), False, []))
            else:
                year, month = first
                while (year, month) <= last:
                    buckets.setdefault((year, month), (f"{year:04d}-{month:02d}", False, []))
                    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [
        TrendRow(label, len(ids), tuple(sorted(ids)), partial)
        for _key, (label, partial, ids) in sorted(buckets.items())
    ]


def trend_svg(rows: Sequence[TrendRow], *, title: str, subtitle: str = "", by: str) -> str:
    """A bar chart of a trend; coarser-dated rows are drawn in a lighter colour."""
    return bar_chart(
        [r.period for r in rows],
        [r.n for r in rows],
        title=title,
        subtitle=subtitle,
        x_label=by,
        y_label="corpus events (each counted once)",
        partial=[r.partial for r in rows],
        partial_legend="date known only more coarsely",
    )


def trend_html(rows: Sequence[TrendRow], *, title: str, subtitle: str = "", by: str) -> str:
    """A self-contained HTML page with the chart and the table of the trend."""
    svg = trend_svg(rows, title=title, subtitle=subtitle, by=by)
    return html_page(
        title,
        svg,
        header=(by, "corpus events", "ids"),
        rows=[(r.period, r.n, " ".join(r.cluster_ids)) for r in rows],
    )
