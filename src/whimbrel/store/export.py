"""Exports of stored events (JSONL, CSV, Parquet, PLOVER-style JSONL) and their re-import.

Every format holds one row per stored (per-article) event with its ``cluster_id`` (the
corpus event it belongs to) and its article's citation (url, title, published), and every
format reads back into the same :class:`~whimbrel.records.Event` records:

- ``jsonl``: the public event JSON (:meth:`Event.to_dict`) plus ``cluster_id``, ``url``,
  ``title``, ``published``;
- ``csv``: the same, flat (``actors``/``target`` joined with ``;``, evidence in three
  columns);
- ``parquet``: the flat columns with ``actors``/``target`` as lists;
- ``plover``: PLOVER-style JSONL: ``id``, ``date``, ``event``, ``mode``, ``context``,
  ``quad_code``/``quad_class``, ``cameo``, ``actor``/``recipient`` lists, ``event_text``,
  ``location``, ``citation`` (doc_id, url, title, published) and a ``whimbrel`` object with
  what PLOVER has no field for (type, modality, name, count, evidence offsets, trigger,
  extractor, confidence, cluster_id).

Importing creates a stub article (no text) for each doc_id not yet stored; an article
already stored is skipped with its events, like any re-ingest.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from whimbrel.ontology import EventType, Modality
from whimbrel.records import Article, Event, Span
from whimbrel.store.duck import Store

FORMATS = ("jsonl", "csv", "parquet", "plover")

FLAT_FIELDS = (
    "event_id",
    "cluster_id",
    "doc_id",
    "type",
    "actors",
    "target",
    "modality",
    "date",
    "date_precision",
    "location",
    "name",
    "count",
    "evidence_text",
    "evidence_start",
    "evidence_end",
    "trigger",
    "plover",
    "cameo",
    "confidence",
    "extractor",
    "url",
    "title",
    "published",
)
_FLAT_SCHEMA = pa.schema(
    [
        (
            name,
            pa.list_(pa.string())
            if name in ("actors", "target")
            else pa.int64()
            if name in ("count", "evidence_start", "evidence_end")
            else pa.float64()
            if name == "confidence"
            else pa.string(),
        )
        for name in FLAT_FIELDS
    ]
)
# PLOVER event -> (quad code, quad class)
_QUAD = {
    "AGREE": (1, "verbal cooperation"),
    "CONSULT": (1, "verbal cooperation"),
    "COOPERATE": (2, "material cooperation"),
    "AID": (2, "material cooperation"),
    "THREATEN": (3, "verbal conflict"),
    "MOBILIZE": (4, "material conflict"),
    "ASSAULT": (4, "material conflict"),
    "SANCTION": (4, "material conflict"),
}
_CONTEXT = {EventType.SANCTION: ["economic", "military"]}


@dataclass(frozen=True, slots=True)
class Citation:
    """Where an exported event comes from."""

    doc_id: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    cluster_id: str | None = None


@dataclass(frozen=True, slots=True)
class ImportReport:
    read: int
    articles_added: int
    events_added: int


# -- records <-> rows --------------------------------------------------------------------


def event_from_dict(row: Mapping[str, Any]) -> Event:
    """An Event from the public JSON form (``evidence`` as an object) or a flat row."""
    evidence = row.get("evidence")
    if isinstance(evidence, Mapping):
        span = Span(str(evidence["text"]), int(evidence["start"]), int(evidence["end"]))
    else:
        span = Span(str(row["evidence_text"]), int(row["evidence_start"]), int(row["evidence_end"]))
    return Event(
        doc_id=str(row["doc_id"]),
        type=EventType(str(row["type"])),
        actors=_codes(row.get("actors")),
        target=_codes(row.get("target")),
        modality=Modality(str(row["modality"])),
        evidence=span,
        trigger=str(row["trigger"]),
        extractor=str(row["extractor"]),
        date=_opt(row.get("date")),
        location=_opt(row.get("location")),
        name=_opt(row.get("name")),
        count=int(row.get("count") or 1),
        confidence=float(row.get("confidence", 0.5)),
    )


def _codes(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return tuple(v for v in value.split(";") if v)
    return tuple(str(v) for v in value)


def _opt(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def flat_row(event: Event, citation: Citation) -> dict[str, Any]:
    d = event.to_dict()
    return {
        **{k: d.get(k) for k in FLAT_FIELDS if k in d and k != "evidence"},
        "confidence": event.confidence,
        "evidence_text": event.evidence.text,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "cluster_id": citation.cluster_id,
        "url": citation.url,
        "title": citation.title,
        "published": citation.published,
    }


def to_plover(event: Event, citation: Citation) -> dict[str, Any]:
    """A PLOVER-style record (with a CAMEO code) for one event."""
    quad_code, quad_class = _QUAD[event.plover]
    return {
        "id": event.event_id,
        "date": event.date,
        "date_precision": event.date_precision,
        "event": event.plover,
        "mode": None,
        "context": _CONTEXT.get(event.type, ["military"]),
        "quad_code": quad_code,
        "quad_class": quad_class,
        "cameo": event.cameo,
        "actor": list(event.actors),
        "recipient": list(event.target),
        "event_text": event.evidence.text,
        "location": event.location,
        "citation": {
            "doc_id": citation.doc_id,
            "url": citation.url,
            "title": citation.title,
            "published": citation.published,
        },
        "whimbrel": {
            "type": str(event.type),
            "modality": str(event.modality),
            "name": event.name,
            "count": event.count,
            "evidence_start": event.evidence.start,
            "evidence_end": event.evidence.end,
            "trigger": event.trigger,
            "extractor": event.extractor,
            "confidence": event.confidence,
            "cluster_id": citation.cluster_id,
        },
    }


def from_plover(record: Mapping[str, Any]) -> tuple[Event, Citation]:
    """Read back a record written by :func:`to_plover`."""
    extra = record["whimbrel"]
    cite = record["citation"]
    event = Event(
        doc_id=str(cite["doc_id"]),
        type=EventType(extra["type"]),
        actors=tuple(record["actor"]),
        target=tuple(record["recipient"]),
        modality=Modality(extra["modality"]),
        evidence=Span(
            record["event_text"], int(extra["evidence_start"]), int(extra["evidence_end"])
        ),
        trigger=extra["trigger"],
        extractor=extra["extractor"],
        date=record.get("date"),
        location=record.get("location"),
        name=extra.get("name"),
        count=int(extra["count"]),
        confidence=float(extra["confidence"]),
    )
    citation = Citation(
        doc_id=event.doc_id,
        url=cite.get("url"),
        title=cite.get("title"),
        published=cite.get("published"),
        cluster_id=extra.get("cluster_id"),
    )
    return event, citation


def _citation(row: Mapping[str, Any]) -> Citation:
    return Citation(
        doc_id=str(row["doc_id"]),
        url=_opt(row.get("url")),
        title=_opt(row.get("title")),
        published=_opt(row.get("published")),
        cluster_id=_opt(row.get("cluster_id")),
    )


# -- files -------------------------------------------------------------------------------


def write_events(path: str | Path, items: Iterable[tuple[Event, Citation]], *, fmt: str) -> int:
    """Write events with their citations to ``path`` in ``fmt``; return how many."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    rows = list(items)
    if fmt == "parquet":
        table = pa.Table.from_pylist([flat_row(e, c) for e, c in rows], schema=_FLAT_SCHEMA)
        pq.write_table(table, str(path))
        return len(rows)
    with open(path, "w", encoding="utf-8", newline="") as out:
        if fmt == "csv":
            writer = csv.DictWriter(
                out, fieldnames=FLAT_FIELDS, lineterminator="\n", quoting=csv.QUOTE_ALL
            )
            writer.writeheader()
            for event, citation in rows:
                flat = flat_row(event, citation)
                flat["actors"] = ";".join(flat["actors"])
                flat["target"] = ";".join(flat["target"])
                flat["confidence"] = repr(flat["confidence"])
                writer.writerow(flat)
        else:
            for event, citation in rows:
                if fmt == "plover":
                    record = to_plover(event, citation)
                else:
                    record = {
                        **event.to_dict(),
                        "confidence": event.confidence,
                        "cluster_id": citation.cluster_id,
                        "url": citation.url,
                        "title": citation.title,
                        "published": citation.published,
                    }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(rows)


def guess_format(path: str | Path) -> str:
    """``parquet`` / ``csv`` by extension; a JSONL file is ``plover`` when its first record
    has a ``citation``, else ``jsonl``."""
    suffix = Path(path).suffix.lower()
    if suffix == ".parquet":
        return "parquet"
    if suffix == ".csv":
        return "csv"
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                return "plover" if "citation" in json.loads(line) else "jsonl"
    return "jsonl"


def read_events(path: str | Path, *, fmt: str | None = None) -> Iterator[tuple[Event, Citation]]:
    """Read back a file written by :func:`write_events` (format guessed when not given)."""
    fmt = fmt or guess_format(path)
    if fmt not in FORMATS:
        raise ValueError(f"unknown import format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt == "parquet":
        for row in pq.read_table(str(path)).to_pylist():
            yield event_from_dict(row), _citation(row)
        return
    with open(path, encoding="utf-8", newline="") as handle:
        if fmt == "csv":
            for row in csv.DictReader(handle):
                yield event_from_dict(row), _citation(row)
            return
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            if fmt == "plover":
                yield from_plover(record)
            else:
                yield event_from_dict(record), _citation(record)


# -- store -------------------------------------------------------------------------------


def stored_events(store: Store, **filters: Any) -> list[tuple[Event, Citation]]:
    """The store's events (filtered as :meth:`Store.events`) with their citations."""
    clusters = store.cluster_ids()
    articles = {a["doc_id"]: a for a in store.articles()}
    items: list[tuple[Event, Citation]] = []
    for row in store.events(**filters):
        article = articles.get(row["doc_id"], {})
        items.append(
            (
                event_from_dict(row),
                Citation(
                    doc_id=row["doc_id"],
                    url=article.get("url"),
                    title=article.get("title"),
                    published=article.get("published"),
                    cluster_id=clusters.get(row["event_id"]),
                ),
            )
        )
    return items


def export_store(store: Store, path: str | Path, *, fmt: str, **filters: Any) -> int:
    """Write the store's events (filtered as :meth:`Store.events`) to ``path``."""
    return write_events(path, stored_events(store, **filters), fmt=fmt)


def import_file(store: Store, path: str | Path, *, fmt: str | None = None) -> ImportReport:
    """Store the events of an exported file; articles already stored are skipped."""
    by_doc: dict[str, tuple[Article, list[Event]]] = {}
    read = 0
    for event, citation in read_events(path, fmt=fmt):
        read += 1
        article = Article(
            doc_id=citation.doc_id,
            text="",
            title=citation.title,
            url=citation.url,
            published=citation.published,
            source=f"import:{Path(path).name}",
        )
        by_doc.setdefault(citation.doc_id, (article, []))[1].append(event)
    before = store.counts()["events"]
    added = store.write_batch(list(by_doc.values()))
    return ImportReport(read, added, store.counts()["events"] - before)
