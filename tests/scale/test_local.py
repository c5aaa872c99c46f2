"""Local executors: N worker processes give the same store as one; per-document limits
reject the offender and the run goes on."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from scale_corpus import invented_articles, slow_article

from whimbrel.cli import main
from whimbrel.config import Config
from whimbrel.errors import DocumentTooLarge
from whimbrel.pipeline import Pipeline, ingest_paths
from whimbrel.records import Article, Rejection
from whimbrel.scale import DocLimits, DocumentTimeout, InlineExecutor, ProcessExecutor
from whimbrel.store import Store


def _stored(db: Path) -> list[dict[str, object]]:
    with Store(db, read_only=True) as store:
        return store.events()


def test_ingest_paths_two_workers_store_what_one_worker_stores(
    corpus: Path, tmp_path: Path
) -> None:
    config = Config.load(environ={})
    one = ingest_paths([str(corpus)], db=str(tmp_path / "one.duckdb"), config=config)
    two = ingest_paths([str(corpus)], db=str(tmp_path / "two.duckdb"), config=config, workers=2)
    assert (one.added, one.events) == (two.added, two.events) == (20, one.events)
    events = _stored(tmp_path / "one.duckdb")
    assert len(events) >= 10
    assert _stored(tmp_path / "two.duckdb") == events


def test_process_executor_keeps_input_order(pipeline: Pipeline) -> None:
    articles = invented_articles()
    expected = [outcome for _a, outcome in pipeline.process_each(articles)]
    with ProcessExecutor(pipeline.config, workers=2, chunk_size=3) as executor:
        got = list(executor.map(articles))
    assert [a.doc_id for a, _o in got] == [a.doc_id for a in articles]
    assert [o for _a, o in got] == expected


def test_inline_executor_rejects_oversized_document_and_goes_on(pipeline: Pipeline) -> None:
    articles = invented_articles()[:3]
    huge = Article(doc_id="inv-huge", text="Russia and China held drills. " * 20)
    executor = InlineExecutor(pipeline, limits=DocLimits(max_chars=300, timeout_s=0))
    outcomes = [o for _a, o in executor.map([articles[0], huge, *articles[1:]])]
    assert isinstance(outcomes[1], Rejection)
    assert outcomes[1].code == DocumentTooLarge.code
    assert outcomes[1].stage == "limits"
    assert all(isinstance(o, tuple) and o for o in (outcomes[0], outcomes[2], outcomes[3]))


def test_inline_executor_times_out_slow_document_and_goes_on(pipeline: Pipeline) -> None:
    first, second = invented_articles()[:2]
    executor = InlineExecutor(pipeline, limits=DocLimits(max_chars=0, timeout_s=1.0))
    outcomes = [o for _a, o in executor.map([first, slow_article(1000), second])]
    assert isinstance(outcomes[1], Rejection)
    assert outcomes[1].code == DocumentTimeout.code
    assert outcomes[0] == pipeline.process([first]).events
    assert outcomes[2] == pipeline.process([second]).events


def test_process_executor_replaces_worker_that_overruns(pipeline: Pipeline) -> None:
    first, second = invented_articles()[:2]
    limits = DocLimits(max_chars=0, timeout_s=1.0)
    with ProcessExecutor(pipeline.config, workers=1, limits=limits, chunk_size=1) as executor:
        outcomes = [o for _a, o in executor.map([first, slow_article(1000), second])]
        assert executor.restarts == 1
    assert isinstance(outcomes[1], Rejection)
    assert outcomes[1].code == DocumentTimeout.code
    assert outcomes[0] == pipeline.process([first]).events
    assert outcomes[2] == pipeline.process([second]).events


def test_cli_ingest_address_without_ray_engine_is_a_usage_error(
    corpus: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        main, ["ingest", str(corpus), "--db", str(tmp_path / "x.duckdb"), "--address", "auto"]
    )
    assert result.exit_code == 2
    assert "--engine ray" in result.output


def test_cli_ingest_workers_two_stores_all_articles(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(db), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "20 added" in result.output
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 20
