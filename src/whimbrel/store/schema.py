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

_CORPUS_EVENTS = Migration(
    name="0002_corpus_events",
    statements=(
        # Every (doc_id, url or source) an article was seen under: a syndicated copy (same
        # text, other URL) adds a row here and nothing else.
        """
        CREATE TABLE sources (
            doc_id VARCHAR NOT NULL,
            url VARCHAR,
            source VARCHAR,
            first_seen TIMESTAMP NOT NULL
        )
        """,
        """
        INSERT INTO sources (doc_id, url, source, first_seen)
        SELECT doc_id, url, source, ingested_at FROM articles
        """,
        # Which corpus event ("cluster") each per-article event belongs to, its place in the
        # cluster (0 = the event that founded it) and why it was merged there. Filled by the
        # store for every event it writes (and, once, for the events of an older store).
        """
        CREATE TABLE cluster_members (
            event_id VARCHAR NOT NULL,
            cluster_id VARCHAR NOT NULL,
            position INTEGER NOT NULL,
            reason VARCHAR NOT NULL
        )
        """,
        # One row per corpus event, derived from its members (never stored twice).
        """
        CREATE VIEW clusters AS
        SELECT m.cluster_id,
               any_value(e.type) AS type,
               any_value(e.actors) AS actors,
               any_value(e.target) AS target,
               any_value(e.modality) AS modality,
               arg_max(e.date, length(e.date)) AS date,
               min(e.location) AS location,
               min(e.name) AS name,
               max(e.count) AS count,
               count(*) AS n_reports,
               count(DISTINCT e.doc_id) AS n_docs
        FROM cluster_members AS m JOIN events AS e ON e.event_id = m.event_id
        GROUP BY m.cluster_id
        """,
    ),
)

MIGRATIONS: tuple[Migration, ...] = (_INITIAL, _CORPUS_EVENTS)
