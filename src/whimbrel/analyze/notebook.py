"""``whimbrel.Store(path)``: the store for notebooks, answering with tables.

    >>> import whimbrel
    >>> with whimbrel.Store("whimbrel.duckdb") as store:
    ...     store.trend(type="EXERCISE", actors=["CHN", "RUS"], by="year")
    ...     store.events(type="EXERCISE", as_="pandas")

Every method returns a ``pyarrow.Table`` by default, or a ``pandas.DataFrame`` with
``as_="pandas"`` (needs ``pip install 'whimbrel[notebook]'``). Opens the file read-only by
default, so a notebook can read while nothing else writes.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from whimbrel.analyze.corpus import CorpusEvent
from whimbrel.analyze.network import build_network
from whimbrel.analyze.trend import trend as _trend
from whimbrel.closing import ClosesOnExit
from whimbrel.store.duck import Store as _DuckStore

AS = ("arrow", "pandas")


def _output(rows: list[dict[str, Any]], as_: str, columns: Sequence[str]) -> Any:
    if as_ not in AS:
        raise ValueError(f"as_ must be one of {', '.join(AS)}")
    table = (
        pa.Table.from_pylist(rows)
        if rows
        else pa.table({name: pa.array([], pa.string()) for name in columns})
    )
    if as_ == "arrow":
        return table
    if importlib.util.find_spec("pandas") is None:
        raise ImportError("as_='pandas' needs pandas: pip install 'whimbrel[notebook]'")
    return table.to_pandas()


class NotebookStore(ClosesOnExit):
    """A whimbrel store for interactive use; tables out (see the module docstring)."""

    def __init__(self, path: str | Path, *, read_only: bool = True) -> None:
        self.store = _DuckStore(path, read_only=read_only)

    def close(self) -> None:
        self.store.close()

    def __repr__(self) -> str:
        return f"whimbrel.Store({self.store.path!r})"

    def events(self, *, as_: str = "arrow", **filters: Any) -> Any:
        """Per-article events, filtered as :meth:`whimbrel.store.Store.events`; evidence
        flattened to ``evidence_text``/``evidence_start``/``evidence_end``."""
        rows = []
        for row in self.store.events(**filters):
            evidence = row.pop("evidence")
            rows.append(
                {
                    **row,
                    "evidence_text": evidence["text"],
                    "evidence_start": evidence["start"],
                    "evidence_end": evidence["end"],
                }
            )
        return _output(rows, as_, ("event_id",))

    def corpus_events(self, *, as_: str = "arrow", **filters: Any) -> Any:
        """Corpus events (deduplicated), filtered as :meth:`whimbrel.store.Store.clusters`."""
        return _output(self.store.clusters(**filters), as_, ("cluster_id",))

    def trend(
        self,
        *,
        type: str | None = None,
        actors: Sequence[str] = (),
        by: str = "year",
        participation: str = "any",
        modality: str | None = "asserted",
        since: str | None = None,
        until: str | None = None,
        as_: str = "arrow",
    ) -> Any:
        """Corpus events per period (``period``, ``n``, ``partial``, ``cluster_ids``);
        aggregate claims are not counted; asserted only unless ``modality`` says."""
        clusters = self.store.clusters(
            type=type,
            actors=actors,
            participation=participation,
            modality=modality,
            since=since,
            until=until,
            aggregates=False,
        )
        rows = _trend((CorpusEvent.from_dict(c) for c in clusters), by=by)
        return _output([r.to_dict() for r in rows], as_, ("period",))

    def network(
        self,
        *,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        modality: str | None = "asserted",
        as_: str = "arrow",
    ) -> Any:
        """Edges of the alignment network (``source``, ``target``, ``directed``, ``weight``,
        ``types``, ``cluster_ids``)."""
        clusters = self.store.clusters(
            type=type, since=since, until=until, modality=modality, aggregates=False
        )
        net = build_network(CorpusEvent.from_dict(c) for c in clusters)
        return _output([e.to_dict() for e in net.edges], as_, ("source", "target"))
