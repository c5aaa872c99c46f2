"""Frozen records passed between stages. No stage mutates what another produced."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from whimbrel.ontology import EventType, Modality, crosswalk


def normalise_for_id(text: str) -> str:
    """The text form a ``doc_id`` is computed from: NFC, whitespace runs collapsed, stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_doc_id(text: str) -> str:
    """Stable id of a document: the first 16 hex digits of SHA-256 of its normalised text."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the ORIGINAL article text: ``original[start:end] == text``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Tag:
    """A resolved piece of a sentence: an actor, a place or a date, with its value.

    ``start``/``end`` are character offsets into the text the tag was found in.
    """

    start: int
    end: int
    text: str
    value: str
    kind: str
    country: str | None = None  # for places: the state(s) it lies in ("EST+LTU+LVA")


@dataclass(frozen=True, slots=True)
class Article:
    """One news document as ingested. ``published`` is an ISO date string or None."""

    doc_id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str = "en"
    source: str | None = None

    @classmethod
    def from_text(cls, text: str, **kwargs: Any) -> Article:
        doc_id = kwargs.pop("doc_id", None) or text_doc_id(text)
        return cls(doc_id=doc_id, text=text, **kwargs)


@dataclass(frozen=True, slots=True)
class Rejection:
    """A document (or a piece of one) that could not be processed, and why."""

    source: str
    stage: str
    code: str
    reason: str
    doc_id: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One event as found in one sentence of one document, before document-level merging."""

    doc_id: str
    type: EventType
    actors: tuple[str, ...]
    target: tuple[str, ...]
    modality: Modality
    evidence: Span
    trigger: str
    extractor: str
    date: str | None = None
    location: str | None = None
    name: str | None = None
    count: int = 1
    confidence: float = 0.5
    date_hint: str | None = None  # an unresolved calendar day ("sept 18"), for merging only
    distinct: bool = False  # told as another event of its kind ("also supplied additional")


@dataclass(frozen=True, slots=True)
class Event:
    """A distinct event in one document: one or more merged mentions."""

    doc_id: str
    type: EventType
    actors: tuple[str, ...]
    target: tuple[str, ...]
    modality: Modality
    evidence: Span
    trigger: str
    extractor: str
    date: str | None = None
    location: str | None = None
    name: str | None = None
    count: int = 1
    confidence: float = 0.5
    mentions: tuple[Mention, ...] = field(default=(), compare=False, repr=False)

    @property
    def date_precision(self) -> str | None:
        if self.date is None:
            return None
        return {4: "year", 7: "month", 10: "day"}.get(len(self.date))

    @property
    def event_id(self) -> str:
        key = "|".join(
            [
                self.doc_id,
                self.type,
                ",".join(self.actors),
                ",".join(self.target),
                self.modality,
                str(self.evidence.start),
                str(self.evidence.end),
            ]
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    @property
    def plover(self) -> str:
        return crosswalk(self.type, len(self.actors))[0]

    @property
    def cameo(self) -> str:
        return crosswalk(self.type, len(self.actors))[1]

    def to_dict(self) -> dict[str, Any]:
        """The public JSON form: every schema field, named as in DESIGN.md."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "type": str(self.type),
            "actors": list(self.actors),
            "target": list(self.target),
            "modality": str(self.modality),
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location,
            "name": self.name,
            "count": self.count,
            "evidence": self.evidence.to_dict(),
            "trigger": self.trigger,
            "plover": self.plover,
            "cameo": self.cameo,
            "confidence": round(self.confidence, 3),
            "extractor": self.extractor,
            "n_mentions": max(1, len(self.mentions)),
        }
