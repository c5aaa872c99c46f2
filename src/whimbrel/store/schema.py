"""The DuckDB schema as an ordered list of named migrations.

A migration is applied once, in order, and recorded in ``schema_version``. To change the
schema, append a new :class:`Migration` (never edit one that has shipped).
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION_DDL = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    applied_at TIMESTAMP NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: a stable name and the SQL statements that perform it."""

    name: str
    statements: tuple[str, ...]


_INITIAL = Migration(
    name="0001_initial",
    statements=(
        """
        CREATE TABLE articles (
            doc_id VARCHAR PRIMARY KEY,
            title VARCHAR,
            url VARCHAR,
            published VARCHAR,
            lang VARCHAR NOT NULL,
            source VARCHAR,
            text VARCHAR NOT NULL,
            n_chars INTEGER NOT NULL,
            ingested_at TIMESTAMP NOT NULL
        )
        """,
        """
        CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            actors VARCHAR[] NOT NULL,
            target VARCHAR[] NOT NULL,
            modality VARCHAR NOT NULL,
            date VARCHAR,
            date_precision VARCHAR,
            location VARCHAR,
            name VARCHAR,
            count INTEGER NOT NULL,
            evidence_text VARCHAR NOT NULL,
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            trigger VARCHAR NOT NULL,
            plover VARCHAR NOT NULL,
            cameo VARCHAR NOT NULL,
            confidence DOUBLE NOT NULL,
            extractor VARCHAR NOT NULL
        )
        """,
        """
        CREATE TABLE mentions (
            event_id VARCHAR NOT NULL,
            doc_id VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            actors VARCHAR[] NOT NULL,
            target VARCHAR[] NOT NULL,
            modality VARCHAR NOT NULL,
            date VARCHAR,
            location VARCHAR,
            name VARCHAR,
            count INTEGER NOT NULL,
            evidence_text VARCHAR NOT NULL,
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            trigger VARCHAR NOT NULL,
            confidence DOUBLE NOT NULL,
            extractor VARCHAR NOT NULL
        )
        """,
        """
        CREATE TABLE rejections (
            source VARCHAR NOT NULL,
            stage VARCHAR NOT NULL,
            code VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,
            doc_id VARCHAR,
            recorded_at TIMESTAMP NOT NULL
        )
        """,
    ),
)

MIGRATIONS: tuple[Migration, ...] = (_INITIAL,)
