"""Local executors: the pipeline in this process, or in N worker processes.

Both take a sequence of articles and yield ``(article, events or rejection)`` in input order,
with the per-document limits of :class:`~whimbrel.scale.limits.DocLimits` applied:

- :class:`InlineExecutor` runs the caller's :class:`~whimbrel.pipeline.Pipeline` here; the
  time limit is a ``SIGALRM`` timer (main thread only, and it cannot interrupt a C call).
- :class:`ProcessExecutor` starts N workers (forkserver), each loading the model once; the
  parent sends chunks of articles and kills and replaces a worker whose chunk overruns the
  limit. A chunk that overruns or crashes is retried one document at a time, so only the
  offending document is rejected.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import FrameType, TracebackType
from typing import Any, Protocol, Self

from whimbrel.closing import ClosesOnExit
from whimbrel.config import Config
from whimbrel.errors import ExtractError
from whimbrel.pipeline import Pipeline
from whimbrel.records import Article, Event, Rejection
from whimbrel.scale.limits import DocLimits, crash_rejection, size_rejection, timeout_rejection

log = logging.getLogger(__name__)

Outcome = tuple[Event, ...] | Rejection

# An invented sentence run once per pipeline so lazily built gazetteers and the model are
# loaded before the first real document's clock starts.
_WARM_UP = Article(
    doc_id="whimbrel-warm-up",
    text="Japan and India held joint naval drills near Chennai on 4 March 2024.",
)
_READY = "ready"
_STARTUP_TIMEOUT_S = 600.0


class Executor(Protocol):
    """Runs the pipeline on batches of articles; results come back in input order."""

    @property
    def batch_size(self) -> int | None:
        """Articles per store batch this executor wants (None: ``store.batch_size``)."""

    def map(self, articles: Sequence[Article]) -> Iterator[tuple[Article, Outcome]]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class _ExecutorBase(ClosesOnExit):
    """Executors release their workers in ``close()``."""

    batch_size: int | None = None


def make_executor(
    config: Config,
    *,
    workers: int = 1,
    pipeline: Pipeline | None = None,
    limits: DocLimits | None = None,
) -> InlineExecutor | ProcessExecutor:
    """The local executor for ``workers`` processes (1: in this process)."""
    limits = limits or DocLimits.from_config(config)
    if workers <= 1:
        return InlineExecutor(pipeline or Pipeline(config), limits=limits)
    return ProcessExecutor(
        pipeline.config if pipeline else config,
        workers=workers,
        prefilter=pipeline.prefilter if pipeline else None,
        limits=limits,
        chunk_size=int(config.get("scale.chunk_size")),
    )


def _in_order(
    articles: Sequence[Article],
    limits: DocLimits,
    run: Callable[[list[Article]], list[Outcome]],
) -> list[tuple[Article, Outcome]]:
    """Apply the size limit, ``run`` the rest, and put the outcomes back in input order."""
    outcomes: dict[int, Outcome] = {}
    todo: list[int] = []
    for index, article in enumerate(articles):
        rejected = size_rejection(article, limits)
        if rejected is None:
            todo.append(index)
        else:
            outcomes[index] = rejected
    done = run([articles[i] for i in todo])
    outcomes.update(zip(todo, done, strict=True))
    return [(article, outcomes[i]) for i, article in enumerate(articles)]


def _process(pipeline: Pipeline, articles: Sequence[Article]) -> list[Outcome]:
    if not articles:
        return []
    return [outcome for _a, outcome in pipeline.process_each(articles, batch_size=len(articles))]


# --- in this process ---------------------------------------------------------------------


class _Alarm(BaseException):
    """Raised by the SIGALRM handler; a BaseException so the pipeline's per-document
    ``except Exception`` does not turn it into an ordinary rejection."""


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    usable = (
        seconds > 0
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def ring(signum: int, frame: FrameType | None) -> None:
        raise _Alarm

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class InlineExecutor(_ExecutorBase):
    """The pipeline in this process, ``chunk_size`` articles per spaCy batch."""

    def __init__(
        self, pipeline: Pipeline, *, limits: DocLimits | None = None, chunk_size: int = 32
    ) -> None:
        self.pipeline = pipeline
        self.limits = limits or DocLimits()
        self.chunk_size = max(1, chunk_size)
        self._warm = False

    def map(self, articles: Sequence[Article]) -> Iterator[tuple[Article, Outcome]]:
        if not self._warm and self.limits.timeout_s > 0:
            _process(self.pipeline, [_WARM_UP])
        self._warm = True
        for start in range(0, len(articles), self.chunk_size):
            yield from _in_order(articles[start : start + self.chunk_size], self.limits, self._run)

    def _run(self, chunk: list[Article]) -> list[Outcome]:
        try:
            with _alarm(self.limits.timeout_s):
                return _process(self.pipeline, chunk)
        except _Alarm:
            if len(chunk) == 1:
                log.warning("document %s timed out", chunk[0].doc_id)
                return [timeout_rejection(chunk[0], self.limits)]
            return [self._run([article])[0] for article in chunk]


# --- worker processes ---------------------------------------------------------------------


def _worker_main(conn: Connection, config: Config, prefilter: bool | None) -> None:
    """A worker: load the pipeline once, then process chunks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    pipeline = Pipeline(config, prefilter=prefilter)
    _process(pipeline, [_WARM_UP])
    conn.send(_READY)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        seq, articles = task
        conn.send((seq, _process(pipeline, articles)))


@dataclass(frozen=True, slots=True)
class _Task:
    seq: int
    positions: tuple[int, ...]  # indexes into the sequence given to map()


@dataclass(slots=True)
class _Slot:
    process: BaseProcess
    conn: Connection
    started: float
    ready: bool = False
    task: _Task | None = None
    deadline: float = float("inf")
    tasks_done: int = field(default=0)


class ProcessExecutor(_ExecutorBase):
    """``workers`` processes, each with its own Pipeline; the parent hands out chunks."""

    def __init__(
        self,
        config: Config,
        *,
        workers: int,
        prefilter: bool | None = None,
        limits: DocLimits | None = None,
        chunk_size: int = 8,
        start_method: str = "forkserver",
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be 1 or more")
        self.config = config
        self.prefilter = prefilter
        self.limits = limits or DocLimits()
        self.chunk_size = max(1, chunk_size)
        self.restarts = 0
        self._ctx: Any = multiprocessing.get_context(start_method)
        if start_method == "forkserver":
            self._ctx.set_forkserver_preload(["whimbrel.pipeline"])
        self._slots: list[_Slot] = [self._start() for _ in range(workers)]
        self._seq = 0

    def _start(self) -> _Slot:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_worker_main,
            args=(child, self.config, self.prefilter),
            name="whimbrel-worker",
            daemon=True,
        )
        process.start()
        child.close()
        return _Slot(process, parent, time.monotonic())

    def _replace(self, slot: _Slot) -> None:
        slot.process.kill()
        slot.process.join()
        slot.conn.close()
        self._slots[self._slots.index(slot)] = self._start()
        self.restarts += 1

    def close(self) -> None:
        for slot in self._slots:
            with suppress(OSError):
                slot.conn.send(None)
        for slot in self._slots:
            slot.process.join(timeout=5)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()
            slot.conn.close()
        self._slots = []

    def map(self, articles: Sequence[Article]) -> Iterator[tuple[Article, Outcome]]:
        yield from _in_order(articles, self.limits, self._run)

    def _run(self, articles: list[Article]) -> list[Outcome]:
        if not self._slots:
            raise ExtractError("the executor is closed")
        results: list[Outcome | None] = [None] * len(articles)
        queue: deque[_Task] = deque()
        for start in range(0, len(articles), self.chunk_size):
            queue.append(self._task(range(start, min(start + self.chunk_size, len(articles)))))
        while queue or any(slot.task for slot in self._slots):
            for slot in self._slots:
                if slot.ready and slot.task is None and queue:
                    task = queue.popleft()
                    slot.conn.send((task.seq, [articles[i] for i in task.positions]))
                    slot.task = task
                    slot.deadline = (
                        time.monotonic() + self.limits.timeout_s
                        if self.limits.timeout_s > 0
                        else float("inf")
                    )
            self._wait(articles, results, queue)
        return [outcome for outcome in results if outcome is not None]

    def _task(self, positions: Sequence[int]) -> _Task:
        self._seq += 1
        return _Task(self._seq, tuple(positions))

    def _wait(
        self, articles: list[Article], results: list[Outcome | None], queue: deque[_Task]
    ) -> None:
        now = time.monotonic()
        deadline = min(
            [s.deadline for s in self._slots if s.task]
            + [s.started + _STARTUP_TIMEOUT_S for s in self._slots if not s.ready]
        )
        handles = [s.conn for s in self._slots] + [s.process.sentinel for s in self._slots]
        ready = set(wait(handles, timeout=max(0.0, deadline - now)))
        for slot in list(self._slots):
            if slot.conn in ready:
                try:
                    message = slot.conn.recv()
                except (EOFError, OSError):
                    self._failed(slot, articles, results, queue, "the worker process died")
                    continue
                if message == _READY:
                    slot.ready = True
                    continue
                seq, outcomes = message
                assert slot.task is not None and seq == slot.task.seq
                for position, outcome in zip(slot.task.positions, outcomes, strict=True):
                    results[position] = outcome
                slot.task = None
                slot.tasks_done += 1
            elif slot.process.sentinel in ready:
                self._failed(slot, articles, results, queue, "the worker process died")
            elif slot.task is not None and time.monotonic() > slot.deadline:
                self._failed(slot, articles, results, queue, None)
            elif not slot.ready and time.monotonic() > slot.started + _STARTUP_TIMEOUT_S:
                raise ExtractError("a worker process did not start in time")

    def _failed(
        self,
        slot: _Slot,
        articles: list[Article],
        results: list[Outcome | None],
        queue: deque[_Task],
        crash: str | None,
    ) -> None:
        """A worker overran its deadline (``crash`` None) or died: replace it; retry the
        chunk one document at a time, or reject the single document it was working on."""
        task = slot.task
        if task is None and not slot.ready:
            slot.process.join()
            raise ExtractError(
                f"a worker process failed to start (exit code {slot.process.exitcode}); "
                "run with --workers 1 to see the error"
            )
        self._replace(slot)
        if task is None:
            return
        if len(task.positions) > 1:
            for position in reversed(task.positions):
                queue.appendleft(self._task([position]))
            return
        article = articles[task.positions[0]]
        log.warning("document %s: %s", article.doc_id, crash or "timed out; worker replaced")
        results[task.positions[0]] = (
            timeout_rejection(article, self.limits)
            if crash is None
            else crash_rejection(article, crash)
        )


def owned(
    executor: Executor | None, make: Callable[[], Executor]
) -> AbstractContextManager[Executor]:
    """``executor`` left open for its owner, or a new one from ``make`` closed on exit."""
    if executor is not None:
        return nullcontext(executor)
    return make()


def limit_store_memory(store: Any, megabytes: int) -> None:
    """Cap DuckDB's buffer pool for a long ingest so memory stays flat as the file grows.

    DuckDB otherwise keeps pages of a growing database cached, up to most of the RAM. The
    Store has no setting for this yet, so the connection is reached directly.
    """
    if megabytes <= 0:
        return
    connection = getattr(store, "_db", None)
    if connection is not None:
        connection.execute(f"SET memory_limit = '{int(megabytes)}MB'")
