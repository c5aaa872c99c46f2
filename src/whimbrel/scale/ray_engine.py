"""The Ray Data executor: the same pipeline on every worker of a Ray cluster.

For each store batch (``scale.ray_batch_size`` articles) the driver puts the articles in a
Ray dataset split into blocks; ``map_batches`` runs :class:`RayWorker`, a callable class, so
each worker builds its :class:`~whimbrel.pipeline.Pipeline` (and loads the model) once; the
results stream back to the driver, which writes them as Parquet shards (one folder per batch)
and loads them, in input order, into the store. Documents over ``scale.max_chars`` are
rejected before they leave the driver; documents over the time limit on the worker, whose
pipeline process is then killed and replaced.

Ray is an optional dependency: ``pip install 'whimbrel[ray]'``.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from whimbrel.config import Config
from whimbrel.errors import ConfigError, ExtractError
from whimbrel.pipeline import Pipeline
from whimbrel.records import Article
from whimbrel.scale.codec import decode_event, decode_rejection, encode_event, encode_rejection
from whimbrel.scale.limits import DocLimits
from whimbrel.scale.local import (
    InlineExecutor,
    Outcome,
    ProcessExecutor,
    _ExecutorBase,
    _in_order,
)

log = logging.getLogger(__name__)

_ARTICLE_FIELDS = ("doc_id", "text", "title", "url", "published", "lang", "source")
_OUT_SCHEMA = pa.schema(
    [("index", pa.int64()), ("doc_id", pa.string()), ("ok", pa.bool_()), ("payload", pa.string())]
)


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ConfigError(
            "the Ray engine needs Ray: pip install 'whimbrel[ray]' (ray[data]>=2.9)"
        ) from exc
    return ray


class RayWorker:
    """One Ray Data actor: a Pipeline built once, run on batches of article rows.

    With a time limit the Pipeline lives in one child process that is killed and replaced
    when a document overruns (Ray runs actor methods outside the main thread, where a
    ``SIGALRM`` timer cannot fire); without one it runs in the actor itself.
    """

    def __init__(
        self, *, config: Config, prefilter: bool | None, limits: DocLimits, chunk_size: int
    ) -> None:
        self.executor: InlineExecutor | ProcessExecutor
        if limits.timeout_s > 0:
            self.executor = ProcessExecutor(
                config, workers=1, prefilter=prefilter, limits=limits, chunk_size=chunk_size
            )
        else:
            self.executor = InlineExecutor(
                Pipeline(config, prefilter=prefilter), limits=limits, chunk_size=chunk_size
            )

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = batch.to_pylist()
        articles = [Article(**{key: row[key] for key in _ARTICLE_FIELDS}) for row in rows]
        out: dict[str, list[Any]] = {"index": [], "doc_id": [], "ok": [], "payload": []}
        for row, (article, outcome) in zip(rows, self.executor.map(articles), strict=True):
            ok = isinstance(outcome, tuple)
            payload: Any = (
                [encode_event(e) for e in outcome]
                if isinstance(outcome, tuple)
                else encode_rejection(outcome)
            )
            out["index"].append(row["index"])
            out["doc_id"].append(article.doc_id)
            out["ok"].append(ok)
            out["payload"].append(json.dumps(payload, ensure_ascii=False))
        return pa.table(out, schema=_OUT_SCHEMA)


class RayExecutor(_ExecutorBase):
    """Runs the pipeline on a Ray cluster (``address``) or on a local Ray instance.

    ``workers`` is the number of pipeline actors (default: the cluster's CPUs).
    ``shard_dir`` keeps the Parquet shards (one folder per store batch); by default they
    go to a temporary folder that is removed after loading.
    """

    def __init__(
        self,
        config: Config,
        *,
        address: str | None = None,
        workers: int | None = None,
        prefilter: bool | None = None,
        limits: DocLimits | None = None,
        batch_size: int | None = None,
        shard_dir: str | Path | None = None,
    ) -> None:
        self.config = config
        self.address = address
        self.workers = workers
        self.prefilter = prefilter
        self.limits = limits or DocLimits.from_config(config)
        self.batch_size = batch_size or int(config.get("scale.ray_batch_size"))
        self.chunk_size = int(config.get("scale.chunk_size"))
        self._keep = shard_dir is not None
        self._shards = Path(shard_dir) if shard_dir else Path(tempfile.mkdtemp(prefix="whimbrel-"))
        self._jobs = 0
        self._ray = _import_ray()
        self._started_ray = False

    def _ensure_ray(self) -> int:
        ray = self._ray
        if not ray.is_initialized():
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
            # Ray Data reports each finished job at INFO; whimbrel prints its own summary.
            logging.getLogger("ray.data").setLevel(logging.ERROR)
            ray.init(
                address=self.address,
                include_dashboard=False,
                logging_level=logging.WARNING,
                log_to_driver=False,
            )
            self._started_ray = True
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        cpus = int(ray.cluster_resources().get("CPU", 1))
        return max(1, self.workers or cpus)

    def map(self, articles: Sequence[Article]) -> Iterator[tuple[Article, Outcome]]:
        yield from _in_order(articles, self.limits, self._run)

    def _run(self, articles: list[Article]) -> list[Outcome]:
        if not articles:
            return []
        workers = self._ensure_ray()
        columns: dict[str, list[Any]] = {"index": list(range(len(articles)))}
        for key in _ARTICLE_FIELDS:
            columns[key] = [getattr(a, key) for a in articles]
        table = pa.table(columns)
        # One block per task so no shuffle is needed: an all-to-all step would wait for CPUs
        # the pipeline actors hold.
        step = max(self.chunk_size, -(-len(articles) // (workers * 4)))
        blocks = [table.slice(start, step) for start in range(0, len(articles), step)]
        dataset = self._ray.data.from_arrow(blocks)
        results = dataset.map_batches(
            RayWorker,
            fn_constructor_kwargs={
                "config": self.config,
                "prefilter": self.prefilter,
                "limits": self.limits,
                "chunk_size": self.chunk_size,
            },
            batch_size=self.chunk_size,
            batch_format="pyarrow",
            compute=self._ray.data.ActorPoolStrategy(size=min(workers, len(blocks))),
            num_cpus=1,
        )
        self._jobs += 1
        job_dir = self._shards / f"batch-{self._jobs:06d}"
        job_dir.mkdir(parents=True, exist_ok=True)
        # The driver writes the shards, so no shared file system is needed on a cluster.
        for number, shard in enumerate(results.iter_batches(batch_format="pyarrow")):
            pq.write_table(shard, job_dir / f"shard-{number:05d}.parquet")
        try:
            table = pq.read_table(job_dir, schema=_OUT_SCHEMA).sort_by("index")
        finally:
            if not self._keep:
                shutil.rmtree(job_dir, ignore_errors=True)
        if table.num_rows != len(articles):
            raise ExtractError(
                f"Ray returned {table.num_rows} results for {len(articles)} articles"
            )
        outcomes: list[Outcome] = []
        for row in table.to_pylist():
            payload = json.loads(row["payload"])
            outcomes.append(
                tuple(decode_event(e) for e in payload) if row["ok"] else decode_rejection(payload)
            )
        log.info("ray batch %d: %d articles, shards in %s", self._jobs, len(articles), job_dir)
        return outcomes

    def close(self) -> None:
        if not self._keep:
            shutil.rmtree(self._shards, ignore_errors=True)
        if self._started_ray:
            self._ray.shutdown()
            self._started_ray = False
