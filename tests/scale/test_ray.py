"""The Ray Data executor in Ray local mode: the same store as a local run, and the
per-document limits hold on Ray workers. Skipped when Ray is not installed (CI installs it:
``pip install '.[test,ray]'``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from scale_corpus import invented_articles, slow_article, write_jsonl

from whimbrel.cli import main
from whimbrel.config import Config
from whimbrel.errors import DocumentTooLarge
from whimbrel.pipeline import Pipeline, ingest_paths
from whimbrel.records import Article, Rejection
from whimbrel.scale import DocLimits, DocumentTimeout
from whimbrel.store import Store

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'whimbrel[ray]')")
# Ray's own modules warn about their own deprecated settings; that is not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield ray
    finally:
        ray.shutdown()


def test_ray_engine_cli_stores_what_a_local_run_stores(local_ray: Any, tmp_path: Path) -> None:
    huge = Article(doc_id="inv-huge", text="Russia and China held joint drills. " * 200)
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [*invented_articles(), huge])
    runner = CliRunner()
    args = ["--set", "scale.max_chars=5000", "ingest", str(corpus)]
    local = runner.invoke(main, [*args, "--db", str(tmp_path / "local.duckdb")])
    on_ray = runner.invoke(
        main, [*args, "--db", str(tmp_path / "ray.duckdb"), "--engine", "ray", "--workers", "2"]
    )
    assert local.exit_code == on_ray.exit_code == 3, on_ray.output  # the huge one is rejected
    with (
        Store(tmp_path / "local.duckdb", read_only=True) as a,
        Store(tmp_path / "ray.duckdb", read_only=True) as b,
    ):
        assert len(a.events()) >= 10
        assert b.events() == a.events()
        assert b.counts() == a.counts()
        assert [r["code"] for r in b.rejections()] == [DocumentTooLarge.code]
        assert b.rejections() == a.rejections()


def test_ray_executor_rejects_slow_document_and_goes_on(
    local_ray: Any, pipeline: Pipeline, tmp_path: Path
) -> None:
    from whimbrel.scale.ray_engine import RayExecutor

    articles = invented_articles()[:4]
    corpus = write_jsonl(tmp_path / "slow.jsonl", [articles[0], slow_article(1000), *articles[1:]])
    shards = tmp_path / "shards"
    config = Config.load(environ={})
    limits = DocLimits(max_chars=0, timeout_s=1.0)
    with RayExecutor(config, workers=2, limits=limits, shard_dir=shards) as executor:
        report = ingest_paths([str(corpus)], db=str(tmp_path / "ray.duckdb"), executor=executor)
    assert [r.code for r in report.rejections] == [DocumentTimeout.code]
    assert report.added == 4
    assert list(shards.glob("batch-*/shard-*.parquet")), "the shards are kept when asked"
    outcomes = [o for _a, o in pipeline.process_each(articles)]
    assert report.events == sum(len(o) for o in outcomes if not isinstance(o, Rejection))
