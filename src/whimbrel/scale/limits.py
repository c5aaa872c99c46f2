"""Per-document limits (size, time) and the rejections they produce."""

from __future__ import annotations

from dataclasses import dataclass

from whimbrel.config import Config
from whimbrel.errors import DocumentTimeout, DocumentTooLarge, WorkerCrashed
from whimbrel.records import Article, Rejection

LIMITS_STAGE = "limits"


@dataclass(frozen=True, slots=True)
class DocLimits:
    """What one document may cost: ``max_chars`` characters, ``timeout_s`` seconds.

    A value of 0 switches that limit off.
    """

    max_chars: int = 300_000
    timeout_s: float = 30.0

    @classmethod
    def from_config(cls, config: Config) -> DocLimits:
        return cls(
            max_chars=int(config.get("scale.max_chars")),
            timeout_s=float(config.get("scale.doc_timeout_s")),
        )


def size_rejection(article: Article, limits: DocLimits) -> Rejection | None:
    """The rejection of an article over ``limits.max_chars``, or None when it fits."""
    if limits.max_chars <= 0 or len(article.text) <= limits.max_chars:
        return None
    return limit_rejection(
        article,
        DocumentTooLarge.code,
        f"DocumentTooLarge: {len(article.text)} characters, over scale.max_chars "
        f"= {limits.max_chars}",
    )


def timeout_rejection(article: Article, limits: DocLimits) -> Rejection:
    return limit_rejection(
        article,
        DocumentTimeout.code,
        f"DocumentTimeout: not processed within scale.doc_timeout_s = {limits.timeout_s:g} s",
    )


def crash_rejection(article: Article, detail: str) -> Rejection:
    return limit_rejection(article, WorkerCrashed.code, f"WorkerCrashed: {detail}")


def limit_rejection(article: Article, code: str, reason: str) -> Rejection:
    return Rejection(
        source=article.source or article.doc_id,
        stage=LIMITS_STAGE,
        code=code,
        reason=reason,
        doc_id=article.doc_id,
    )
