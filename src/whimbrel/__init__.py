"""whimbrel: trustworthy interstate security event data from news text.

    >>> import whimbrel
    >>> events = whimbrel.extract_events("Iran supplied Russia with drones.")  # doctest: +SKIP
    >>> events[0].type, events[0].actors, events[0].target  # doctest: +SKIP
    ('MILITARY_AID', ('IRN',), ('RUS',))

Heavy parts (spaCy, DuckDB) load on first use, so ``import whimbrel`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from whimbrel.ontology import EventType, Modality
from whimbrel.records import Article, Event, Mention, Rejection, Span

if TYPE_CHECKING:
    from whimbrel.analyze.notebook import NotebookStore as Store
    from whimbrel.pipeline import Pipeline

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Event",
    "EventType",
    "Mention",
    "Modality",
    "Pipeline",
    "Rejection",
    "Span",
    "Store",
    "__version__",
    "extract_events",
]


def extract_events(
    text: str, *, published: str | None = None, doc_id: str | None = None
) -> list[Event]:
    """Events of one article text, with evidence offsets into ``text``."""
    from whimbrel.pipeline import default_pipeline

    article = Article.from_text(text, published=published, doc_id=doc_id)
    result = default_pipeline().process([article])
    if result.rejections:
        from whimbrel.errors import ExtractError

        raise ExtractError(result.rejections[0].reason)
    return list(result.events)


def __getattr__(name: str) -> Any:
    if name == "Pipeline":
        from whimbrel.pipeline import Pipeline

        return Pipeline
    if name == "Store":  # tables for notebooks; the low-level store is whimbrel.store.Store
        from whimbrel.analyze.notebook import NotebookStore

        return NotebookStore
    raise AttributeError(f"module 'whimbrel' has no attribute {name!r}")
