"""scale: articles in -> (article, events or rejection) out, in input order, on one process,
N local worker processes, or a Ray cluster; with per-document size and time limits."""

from __future__ import annotations

from whimbrel.errors import DocumentTimeout, WorkerCrashed
from whimbrel.scale.limits import DocLimits
from whimbrel.scale.local import (
    Executor,
    InlineExecutor,
    Outcome,
    ProcessExecutor,
    limit_store_memory,
    make_executor,
    owned,
)

__all__ = [
    "DocLimits",
    "DocumentTimeout",
    "Executor",
    "InlineExecutor",
    "Outcome",
    "ProcessExecutor",
    "WorkerCrashed",
    "limit_store_memory",
    "make_executor",
    "owned",
]
