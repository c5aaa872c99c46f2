"""Trends count corpus events at their date precision; charts are readable SVG/HTML."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from whimbrel.analyze import CorpusEvent, TrendRow, trend, trend_html, trend_svg
from whimbrel.analyze.svg import nice_ticks


def _ev(cluster_id: str, date: str | None) -> CorpusEvent:
    return CorpusEvent(cluster_id, "EXERCISE", ("CHN", "RUS"), (), "asserted", date)


EVENTS = [
    _ev("c1", "2022-03-01"),
    _ev("c2", "2022-03"),
    _ev("c3", "2022"),
    _ev("c4", "2024-01-09"),
    _ev("c5", None),
]


def test_trend_by_year_counts_year_precision_and_fills_gaps() -> None:
    rows = trend(EVENTS, by="year")
    assert [(r.period, r.n, r.partial) for r in rows] == [
        ("2022", 3, False),
        ("2023", 0, False),
        ("2024", 1, False),
        ("undated", 1, True),
    ]
    assert rows[0].cluster_ids == ("c1", "c2", "c3")


def test_trend_by_month_never_invents_a_month() -> None:
    rows = trend(EVENTS, by="month")
    periods = {r.period: r.n for r in rows}
    assert periods["2022-03"] == 2
    assert periods["2022 (month unknown)"] == 1
    assert periods["2022-04"] == 0
    assert periods["2024-01"] == 1
    assert sum(periods.values()) == len(EVENTS)
    labels = [r.period for r in rows]
    assert labels.index("2022-12") < labels.index("2022 (month unknown)") < labels.index("2023-01")


def test_trend_without_fill_lists_only_periods_with_events() -> None:
    assert [r.period for r in trend(EVENTS[:4], by="year", fill=False)] == ["2022", "2024"]


def test_trend_bad_by_raises_value_error() -> None:
    with pytest.raises(ValueError, match="by must be"):
        trend(EVENTS, by="week")


@pytest.mark.parametrize(("top", "expected_last"), [(0, 1), (3, 3), (14, 15), (97, 100)])
def test_trend_nice_ticks_cover_the_maximum(top: int, expected_last: int) -> None:
    ticks = nice_ticks(top)
    assert ticks[0] == 0 and ticks[-1] == expected_last


def test_trend_svg_has_title_axes_bars_and_legend() -> None:
    rows = trend(EVENTS, by="month")
    svg = trend_svg(rows, title="EXERCISE <CHN+RUS>", subtitle="asserted only", by="month")
    root = ET.fromstring(svg)  # well-formed, title escaped
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "EXERCISE <CHN+RUS>" in texts
    assert "month" in texts and "corpus events (each counted once)" in texts
    assert "2022 (month unknown)" in texts
    assert "date known only more coarsely" in texts
    bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.find("*") is not None]
    assert len(bars) == len(rows)


def test_trend_html_is_self_contained() -> None:
    rows = [TrendRow("2024", 14, ("c1",)), TrendRow("2025", 2, ())]
    page = trend_html(rows, title="Drills", by="year")
    assert page.startswith("<!doctype html>")
    assert "<svg" in page and "<table>" in page and "<td>14</td>" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
