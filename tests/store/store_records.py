"""Hand-built records for the store tests (imported as a plain module)."""

from __future__ import annotations

from typing import Any

from whimbrel.ontology import EventType, Modality
from whimbrel.records import Article, Event, Mention, Span


def make_article(doc_id: str, text: str = "Placeholder body of a made-up report.") -> Article:
    return Article(
        doc_id=doc_id,
        text=text,
        title=f"Title of {doc_id}",
        url=f"https://example.invalid/{doc_id}",
        published="2024-05-01",
        source="unit-test",
    )


def make_event(doc_id: str, **overrides: Any) -> Event:
    fields: dict[str, Any] = {
        "doc_id": doc_id,
        "type": EventType.EXERCISE,
        "actors": ("CHN", "RUS"),
        "target": (),
        "modality": Modality.ASSERTED,
        "evidence": Span("Two navies held drills.", 0, 23),
        "trigger": "drills",
        "extractor": "whimbrel.test.v1",
    }
    fields.update(overrides)
    return Event(**fields)


def make_mention(doc_id: str, start: int, **overrides: Any) -> Mention:
    fields: dict[str, Any] = {
        "doc_id": doc_id,
        "type": EventType.EXERCISE,
        "actors": ("CHN", "RUS"),
        "target": (),
        "modality": Modality.ASSERTED,
        "evidence": Span("x" * 5, start, start + 5),
        "trigger": "drills",
        "extractor": "whimbrel.test.v1",
    }
    fields.update(overrides)
    return Mention(**fields)
