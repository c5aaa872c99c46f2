"""trend, network, check, export, import and events --mentions, end to end in process."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from whimbrel.cli import main
from whimbrel.ontology import EventType, Modality
from whimbrel.records import Article, Event, Span
from whimbrel.store import Store

SEED = Path(__file__).resolve().parents[3] / "shared" / "examples" / "seed-article.txt"

# An invented report in the style of a think-tank news story (not the seed article).
ARTICLE = (
    "Beijing and Moscow Step Up Joint Drills, Think Tank Says\n"
    "LONDON – A study released on Tuesday by a defence research group argues that military "
    "ties between Moscow and Beijing have grown far closer since the war in Ukraine began.\n"
    "According to the study, China and Russia carried out 14 joint military exercises in "
    "2024, nearly double the number held a decade prior. The researchers say the drills let "
    "both navies rehearse escorting convoys far from home.\n"
)


def _ok(result: Result, code: int = 0) -> Result:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    return result


def _drill(doc_id: str, date: str, **kw: Any) -> tuple[Article, list[Event]]:
    article = Article(doc_id=doc_id, text=f"Report {doc_id}.", url=f"https://x.invalid/{doc_id}")
    fields: dict[str, Any] = {
        "doc_id": doc_id,
        "type": EventType.EXERCISE,
        "actors": ("CHN", "RUS"),
        "target": (),
        "modality": Modality.ASSERTED,
        "evidence": Span(f"Report {doc_id}.", 0, len(f"Report {doc_id}.")),
        "trigger": "drill",
        "extractor": "whimbrel.test.v1",
        "date": date,
    }
    fields.update(kw)
    return article, [Event(**fields)]


def _claims_store(path: Path, n_2024: int, n_2014: int) -> Path:
    """Distinct invented Russia-China exercises: n_2024 in 2024, n_2014 in 2014."""
    batch = [_drill(f"y24-{i}", f"2024-{1 + i % 12:02d}-{1 + i:02d}") for i in range(n_2024)]
    batch += [_drill(f"y14-{i}", f"2014-{1 + i % 12:02d}-{1 + i:02d}") for i in range(n_2014)]
    with Store(path) as store:
        store.write_batch(batch)
        assert store.corpus_counts()["corpus_events"] == n_2024 + n_2014
    return path


def _check(runner: CliRunner, article: Path, db: Path) -> dict[str, dict[str, Any]]:
    result = _ok(runner.invoke(main, ["check", str(article), "--db", str(db), "--format", "json"]))
    return {c["kind"]: c for c in json.loads(result.stdout)}


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_check_claim_consistent_with_14_and_7(
    runner: CliRunner, article: Path, tmp_path: Path
) -> None:
    checks = _check(runner, article, _claims_store(tmp_path / "s.duckdb", 14, 7))
    count, comparative = checks["count"], checks["comparative"]
    assert (count["claimed_count"], count["period"]) == (14, "2024")
    assert count["actors"] == ["CHN", "RUS"]
    assert count["verdict"] == "consistent" and count["store_count"] == 14
    assert len(count["supporting"]) == 14 and count["supporting"][0]["evidence"]
    assert "±15%" in count["rule"]
    assert comparative["claim"] == "nearly double the number held a decade prior"
    assert comparative["verdict"] == "consistent"
    assert (comparative["store_count"], comparative["base_count"]) == (14, 7)
    assert "[1.60, 2.10]" in comparative["rule"]


def test_check_claim_inconsistent_with_3(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    checks = _check(runner, article, _claims_store(tmp_path / "s.duckdb", 3, 7))
    assert checks["count"]["verdict"] == "inconsistent"
    assert checks["count"]["store_count"] == 3


def test_check_claim_without_2014_data(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    checks = _check(runner, article, _claims_store(tmp_path / "s.duckdb", 14, 0))
    assert checks["count"]["verdict"] == "consistent"
    assert checks["comparative"]["verdict"] == "not enough data"


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not available")
@pytest.mark.parametrize(
    ("n_2024", "n_2014", "count", "comparative"),
    [
        (14, 7, "consistent", "consistent"),
        (3, 7, "inconsistent", "inconsistent"),
        (14, 0, "consistent", "not enough data"),
    ],
)
def test_check_seed_article_verdicts(
    runner: CliRunner, tmp_path: Path, n_2024: int, n_2014: int, count: str, comparative: str
) -> None:
    checks = _check(runner, SEED, _claims_store(tmp_path / "s.duckdb", n_2024, n_2014))
    assert checks["count"]["verdict"] == count
    assert checks["comparative"]["verdict"] == comparative


def test_check_table_shows_claim_verdict_and_rule(
    runner: CliRunner, article: Path, tmp_path: Path
) -> None:
    db = _claims_store(tmp_path / "s.duckdb", 14, 7)
    out = _ok(runner.invoke(main, ["check", str(article), "--db", str(db)])).stdout
    assert "2 claims in" in out and "[count]" in out and "[comparative]" in out
    assert "consistent" in out and "ratio" in out


def test_check_missing_store_is_one_line_error(runner: CliRunner, article: Path) -> None:
    result = _ok(runner.invoke(main, ["check", str(article), "--db", "nope.duckdb"]), 1)
    assert "no store at nope.duckdb" in result.stderr


# -- trend -------------------------------------------------------------------------------


@pytest.fixture
def trend_db(tmp_path: Path) -> Path:
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        store.write_batch(
            [
                _drill("a", "2022-03-01"),
                _drill("b", "2022-03-01"),  # the same drill reported twice: counted once
                _drill("c", "2022"),
                _drill("d", "2024-01-09", actors=("CHN", "IRN", "RUS")),
                _drill("e", "2024-02-09", modality=Modality.PLANNED),
                _drill("f", "2024", count=14),  # an aggregate claim: not counted
            ]
        )
    return db


def _trend(runner: CliRunner, db: Path, *args: str) -> Result:
    base = ["trend", "--db", str(db), "--type", "EXERCISE", "--actors", "CHN,RUS"]
    return _ok(runner.invoke(main, [*base, *args]))


def test_trend_csv_counts_corpus_events_by_year(runner: CliRunner, trend_db: Path) -> None:
    out = _trend(runner, trend_db, "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["year"], r["n"]) for r in rows] == [("2022", "2"), ("2023", "0"), ("2024", "1")]


def test_trend_month_unknown_row_and_participation(runner: CliRunner, trend_db: Path) -> None:
    out = _trend(runner, trend_db, "--by", "month", "--format", "json").stdout
    periods = {r["period"]: r["n"] for r in json.loads(out)}
    assert periods["2022-03"] == 1 and periods["2022 (month unknown)"] == 1
    assert periods["2024-01"] == 1
    out = _trend(runner, trend_db, "--participation", "bilateral", "--format", "json").stdout
    assert {r["period"]: r["n"] for r in json.loads(out)} == {"2022": 2}
    out = _trend(runner, trend_db, "--modality", "any", "--format", "json").stdout
    assert {r["period"]: r["n"] for r in json.loads(out)}["2024"] == 2


def test_trend_table_and_charts(runner: CliRunner, trend_db: Path, tmp_path: Path) -> None:
    svg, html = tmp_path / "t.svg", tmp_path / "t.html"
    out = _trend(runner, trend_db, "--chart", str(svg)).stdout
    assert "EXERCISE events with CHN+RUS per year" in out and "2023" in out
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _trend(runner, trend_db, "--by", "month", "--chart", str(html))
    page = html.read_text(encoding="utf-8")
    assert "<svg" in page and "2022 (month unknown)" in page
    result = runner.invoke(main, ["trend", "--db", str(trend_db), "--chart", "x.png"])
    assert result.exit_code == 2 and ".svg or .html" in result.stderr


# -- network -----------------------------------------------------------------------------


def test_network_csv_graphml_and_picture(runner: CliRunner, trend_db: Path, tmp_path: Path) -> None:
    base = ["network", "--db", str(trend_db), "--type", "EXERCISE", "--since", "2020"]
    out = _ok(runner.invoke(main, [*base, "--format", "csv"])).stdout
    edges = {(r["source"], r["target"]): int(r["weight"]) for r in csv.DictReader(io.StringIO(out))}
    assert edges == {("CHN", "RUS"): 3, ("CHN", "IRN"): 1, ("IRN", "RUS"): 1}
    graphml = _ok(runner.invoke(main, [*base, "--format", "graphml"])).stdout
    assert ET.fromstring(graphml).tag == "{http://graphml.graphdrawing.org/xmlns}graphml"
    picture = tmp_path / "net.svg"
    out = _ok(runner.invoke(main, [*base, "--chart", str(picture)])).stdout
    assert "CHN" in out and "RUS" in out
    assert ET.fromstring(picture.read_text(encoding="utf-8")) is not None


# -- events --mentions, export, import ---------------------------------------------------


def test_events_mentions_show_sources_and_merge_reasons(runner: CliRunner, trend_db: Path) -> None:
    base = ["events", "--db", str(trend_db), "--mentions", "--since", "2022-03"]
    rows = json.loads(_ok(runner.invoke(main, [*base, "--format", "json"])).stdout)
    merged = next(r for r in rows if r["n_reports"] == 2)
    assert [m["doc_id"] for m in merged["members"]] == ["a", "b"]
    assert merged["members"][1]["urls"] == ["https://x.invalid/b"]
    assert "same day 2022-03-01" in merged["members"][1]["reason"]
    table = _ok(runner.invoke(main, base)).stdout
    assert "why: same type" in table and "corpus events from 6 reports" in table


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("e.jsonl", None), ("e.csv", None), ("e.parquet", None), ("p.jsonl", "plover")],
)
def test_export_then_import_round_trips(
    runner: CliRunner, trend_db: Path, tmp_path: Path, name: str, fmt: str | None
) -> None:
    out = tmp_path / name
    args = ["export", str(out), "--db", str(trend_db)] + (["--format", fmt] if fmt else [])
    assert "wrote 6 events" in _ok(runner.invoke(main, args)).stdout
    copy = tmp_path / "copy.duckdb"
    result = _ok(runner.invoke(main, ["import", str(out), "--db", str(copy)]))
    assert "6 events read: 6 articles and 6 events added" in result.stdout
    with Store(trend_db, read_only=True) as a, Store(copy, read_only=True) as b:
        assert b.events() == a.events()
        assert b.corpus_counts()["corpus_events"] == a.corpus_counts()["corpus_events"]
    again = _ok(runner.invoke(main, ["import", str(out), "--db", str(copy)]))
    assert "0 articles and 0 events added" in again.stdout
