"""The corpus event record the analyses work on (one deduplicated real-world event)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class CorpusEvent:
    """One corpus event (a cluster of per-article reports), as read from the store."""

    cluster_id: str
    type: str
    actors: tuple[str, ...]
    target: tuple[str, ...]
    modality: str
    date: str | None = None
    location: str | None = None
    name: str | None = None
    count: int = 1
    n_reports: int = 1
    evidence: str | None = None

    @property
    def participants(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.actors) | set(self.target)))

    @classmethod
    def from_dict(cls, row: Mapping[str, Any]) -> CorpusEvent:
        """From a dict of :meth:`whimbrel.store.Store.clusters` (``members`` optional)."""
        members = row.get("members") or []
        evidence = members[0]["evidence"]["text"] if members else None
        return cls(
            cluster_id=str(row["cluster_id"]),
            type=str(row["type"]),
            actors=tuple(row["actors"]),
            target=tuple(row["target"]),
            modality=str(row["modality"]),
            date=row.get("date"),
            location=row.get("location"),
            name=row.get("name"),
            count=int(row.get("count", 1)),
            n_reports=int(row.get("n_reports", 1)),
            evidence=evidence,
        )
