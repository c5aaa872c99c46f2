"""The DuckDB-backed :class:`Store`: bulk writes through Arrow, filtered reads as plain dicts."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import duckdb
import pyarrow as pa

from whimbrel.closing import ClosesOnExit
from whimbrel.errors import StoreError, StoreLocked
from whimbrel.ontology import EventType, Modality
from whimbrel.records import Article, Event, Mention, Rejection
from whimbrel.store.clusters import (
    FOUNDING_REASON,
    MemberFacts,
    choose_cluster,
    cluster_id_for,
)
from whimbrel.store.schema import MIGRATIONS, SCHEMA_VERSION_DDL

log = logging.getLogger(__name__)

_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_LOCK_PID = re.compile(r"PID (\d+)")

_STR = pa.string()
_INT = pa.int64()
_STR_LIST = pa.list_(pa.string())

_ARTICLE_SCHEMA = pa.schema(
    [
        ("doc_id", _STR),
        ("title", _STR),
        ("url", _STR),
        ("published", _STR),
        ("lang", _STR),
        ("source", _STR),
        ("text", _STR),
        ("n_chars", _INT),
    ]
)
_EVENT_SCHEMA = pa.schema(
    [
        ("event_id", _STR),
        ("doc_id", _STR),
        ("type", _STR),
        ("actors", _STR_LIST),
        ("target", _STR_LIST),
        ("modality", _STR),
        ("date", _STR),
        ("date_precision", _STR),
        ("location", _STR),
        ("name", _STR),
        ("count", _INT),
        ("evidence_text", _STR),
        ("evidence_start", _INT),
        ("evidence_end", _INT),
        ("trigger", _STR),
        ("plover", _STR),
        ("cameo", _STR),
        ("confidence", pa.float64()),
        ("extractor", _STR),
    ]
)
_MENTION_SCHEMA = pa.schema(
    [
        ("event_id", _STR),
        ("doc_id", _STR),
        ("type", _STR),
        ("actors", _STR_LIST),
        ("target", _STR_LIST),
        ("modality", _STR),
        ("date", _STR),
        ("location", _STR),
        ("name", _STR),
        ("count", _INT),
        ("evidence_text", _STR),
        ("evidence_start", _INT),
        ("evidence_end", _INT),
        ("trigger", _STR),
        ("confidence", pa.float64()),
        ("extractor", _STR),
    ]
)
_SOURCE_SCHEMA = pa.schema([("doc_id", _STR), ("url", _STR), ("source", _STR)])
_MEMBER_SCHEMA = pa.schema(
    [("event_id", _STR), ("cluster_id", _STR), ("position", _INT), ("reason", _STR)]
)
_PRECISION = {4: "year", 7: "month", 10: "day"}
_PARTICIPATION = ("any", "bilateral", "multilateral")
# A cluster's key: type, modality, actors, target.
_ClusterKey = tuple[str, str, tuple[str, ...], tuple[str, ...]]
_REJECTION_SCHEMA = pa.schema(
    [("source", _STR), ("stage", _STR), ("code", _STR), ("reason", _STR), ("doc_id", _STR)]
)

# Column order of events() rows; the dict keys follow Event.to_dict().
_EVENT_SELECT = """
SELECT e.event_id, e.doc_id, e.type, e.actors, e.target, e.modality, e.date,
       e.date_precision, e.location, e.name, e.count, e.evidence_text, e.evidence_start,
       e.evidence_end, e.trigger, e.plover, e.cameo, e.confidence, e.extractor,
       coalesce(m.n, 0) AS n_mentions
FROM events AS e
LEFT JOIN (SELECT event_id, count(*) AS n FROM mentions GROUP BY event_id) AS m
       ON m.event_id = e.event_id
"""


def _now() -> datetime:
    """UTC wall-clock time as a naive timestamp (bookkeeping only, never in query output)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _table(schema: pa.Schema, rows: Sequence[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=schema)


def _article_row(article: Article) -> dict[str, Any]:
    return {
        "doc_id": article.doc_id,
        "title": article.title,
        "url": article.url,
        "published": article.published,
        "lang": article.lang,
        "source": article.source,
        "text": article.text,
        "n_chars": len(article.text),
    }


def _event_row(event: Event) -> dict[str, Any]:
    return {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "type": str(event.type),
        "actors": list(event.actors),
        "target": list(event.target),
        "modality": str(event.modality),
        "date": event.date,
        "date_precision": event.date_precision,
        "location": event.location,
        "name": event.name,
        "count": event.count,
        "evidence_text": event.evidence.text,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "trigger": event.trigger,
        "plover": event.plover,
        "cameo": event.cameo,
        "confidence": event.confidence,
        "extractor": event.extractor,
    }


def _mention_row(event_id: str, mention: Mention | Event) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "doc_id": mention.doc_id,
        "type": str(mention.type),
        "actors": list(mention.actors),
        "target": list(mention.target),
        "modality": str(mention.modality),
        "date": mention.date,
        "location": mention.location,
        "name": mention.name,
        "count": mention.count,
        "evidence_text": mention.evidence.text,
        "evidence_start": mention.evidence.start,
        "evidence_end": mention.evidence.end,
        "trigger": mention.trigger,
        "confidence": mention.confidence,
        "extractor": mention.extractor,
    }


def _event_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    (
        event_id,
        doc_id,
        type_,
        actors,
        target,
        modality,
        date,
        date_precision,
        location,
        name,
        count,
        ev_text,
        ev_start,
        ev_end,
        trigger,
        plover,
        cameo,
        confidence,
        extractor,
        n_mentions,
    ) = row
    return {
        "event_id": event_id,
        "doc_id": doc_id,
        "type": type_,
        "actors": list(actors),
        "target": list(target),
        "modality": modality,
        "date": date,
        "date_precision": date_precision,
        "location": location,
        "name": name,
        "count": int(count),
        "evidence": {"text": ev_text, "start": int(ev_start), "end": int(ev_end)},
        "trigger": trigger,
        "plover": plover,
        "cameo": cameo,
        "confidence": round(float(confidence), 3),
        "extractor": extractor,
        "n_mentions": max(1, int(n_mentions)),
    }


def _facts_and_key(row: dict[str, Any]) -> tuple[_ClusterKey, MemberFacts]:
    key = (row["type"], row["modality"], tuple(row["actors"]), tuple(row["target"]))
    facts = MemberFacts(
        row["event_id"],
        row["doc_id"],
        row["date"],
        row["location"],
        row["name"],
        row["count"],
        row["evidence_text"],
    )
    return key, facts


def _date_range(
    alias: str, since: str | None, until: str | None, where: list[str], params: list[Any]
) -> None:
    """Keep rows whose partial date's period overlaps [since, until] (undated rows go)."""
    if since is not None:
        # the row's period ends on or after the start of `since`
        where.append(f"{alias}.date IS NOT NULL AND {alias}.date >= left(?, length({alias}.date))")
        params.append(_check_partial_date("since", since))
    if until is not None:
        # the row's period starts on or before the end of `until`
        where.append(f"{alias}.date IS NOT NULL AND left({alias}.date, length(?)) <= ?")
        params += [_check_partial_date("until", until)] * 2


def _check_partial_date(label: str, value: str) -> str:
    if not _PARTIAL_DATE.fullmatch(value):
        raise ValueError(f"{label} must be an ISO partial date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


class Store(ClosesOnExit):
    """Articles, events (with their mentions) and rejections in one DuckDB file.

    ``Store(path)`` opens or creates the file and applies any pending schema migration;
    ``read_only=True`` opens an existing store without writing (several readers may share
    it). Use it as a context manager, or call :meth:`close`.

    A DuckDB connection is not meant for concurrent use from several threads; give each
    thread its own ``Store``. Writing from two processes at once is not possible: the second
    one gets :class:`~whimbrel.errors.StoreLocked`.

    Raises :class:`~whimbrel.errors.StoreError` when the file cannot be opened, read or
    written; ``ValueError`` for a malformed query argument.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._con: Any = None
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            if "Could not set lock" in message:
                found = _LOCK_PID.search(message)
                pid = found.group(1) if found else "unknown"
                raise StoreLocked(
                    f"database {self.path} is in use by another process (pid {pid})"
                ) from exc
            raise StoreError(f"cannot open database {self.path}: {message}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise

    # -- lifecycle -----------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection; calling it again does nothing."""
        if self._con is not None:
            con, self._con = self._con, None
            con.close()

    def __repr__(self) -> str:
        state = "closed" if self._con is None else ("read-only" if self.read_only else "open")
        return f"Store({self.path!r}, {state})"

    @property
    def _db(self) -> Any:
        if self._con is None:
            raise StoreError(f"database {self.path} is closed")
        return self._con

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except duckdb.Error as exc:
            raise StoreError(f"cannot {action} in {self.path}: {exc}") from exc

    @contextmanager
    def _transaction(self, action: str) -> Iterator[Any]:
        if self.read_only:
            raise StoreError(f"cannot {action}: database {self.path} is open read-only")
        con = self._db
        with self._errors(action):
            con.begin()
            try:
                yield con
            except BaseException:
                con.rollback()
                raise
            con.commit()

    def _insert(self, con: Any, table: str, arrow: pa.Table, extra: str = "") -> None:
        """``INSERT INTO table SELECT * FROM arrow`` (+ ``extra`` SQL columns, bound to now)."""
        view = f"_whimbrel_new_{table}"
        columns = ", ".join(arrow.column_names)
        con.register(view, arrow)
        try:
            if extra:
                con.execute(
                    f"INSERT INTO {table} ({columns}, {extra}) SELECT {columns}, ? FROM {view}",
                    [_now()],
                )
            else:
                con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {view}")
        finally:
            con.unregister(view)

    # -- schema --------------------------------------------------------------------------

    def _applied(self) -> list[str]:
        rows = self._db.execute("SELECT name FROM schema_version ORDER BY version").fetchall()
        return [cast(str, row[0]) for row in rows]

    def _migrate(self) -> None:
        known = [m.name for m in MIGRATIONS]
        with self._errors("read the schema version"):
            if self.read_only:
                tables = self._db.execute(
                    "SELECT count(*) FROM information_schema.tables "
                    "WHERE table_name = 'schema_version'"
                ).fetchone()
                if not tables or not tables[0]:
                    raise StoreError(f"{self.path} is not a whimbrel database")
            else:
                self._db.execute(SCHEMA_VERSION_DDL)
            applied = self._applied()
        if applied != known[: len(applied)]:
            raise StoreError(
                f"{self.path} has schema {applied!r}, which this whimbrel version does not "
                f"know (it knows {known!r}); upgrade whimbrel"
            )
        pending = MIGRATIONS[len(applied) :]
        if pending and self.read_only:
            raise StoreError(
                f"{self.path} needs schema migration {pending[0].name}; open it read-write once"
            )
        linking_needed = any(m.name == "0002_corpus_events" for m in pending)
        for version, migration in enumerate(pending, start=len(applied) + 1):
            with self._transaction(f"apply migration {migration.name}") as con:
                for statement in migration.statements:
                    con.execute(statement)
                con.execute(
                    "INSERT INTO schema_version VALUES (?, ?, ?)",
                    [version, migration.name, _now()],
                )
            log.info("applied schema migration %s to %s", migration.name, self.path)
        if linking_needed:
            with self._transaction("link stored events into corpus events") as con:
                self._link_unclustered(con)

    def schema_versions(self) -> list[tuple[int, str]]:
        """The applied migrations as ``(version, name)``, oldest first."""
        with self._errors("read the schema version"):
            rows = self._db.execute(
                "SELECT version, name FROM schema_version ORDER BY version"
            ).fetchall()
        return [(int(row[0]), cast(str, row[1])) for row in rows]

    # -- writing -------------------------------------------------------------------------

    def has_article(self, doc_id: str) -> bool:
        return bool(self.known_doc_ids([doc_id]))

    def known_doc_ids(self, doc_ids: Iterable[str]) -> set[str]:
        """The subset of ``doc_ids`` already stored (one query)."""
        wanted = list(dict.fromkeys(doc_ids))
        if not wanted:
            return set()
        with self._errors("look up articles"):
            rows = self._db.execute(
                "SELECT doc_id FROM articles WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                [wanted],
            ).fetchall()
        return {cast(str, row[0]) for row in rows}

    def write_batch(
        self,
        items: Sequence[tuple[Article, Sequence[Event]]],
        rejections: Sequence[Rejection] = (),
        *,
        also_seen: Sequence[Article] = (),
    ) -> int:
        """Store articles with their events and mentions, and rejections, in one transaction.

        An article whose ``doc_id`` is already stored (or repeated earlier in ``items``) is
        skipped together with its events, so re-ingesting adds nothing. An event whose
        ``event_id`` repeats within an article is stored once. An event with no mentions is
        stored as its own single mention. Every new event is linked to a corpus event
        (see :mod:`whimbrel.store.clusters`) in the same transaction.

        Every article of ``items`` and ``also_seen`` (articles the caller already knows are
        stored, e.g. a syndicated copy under another URL) is recorded in ``sources`` once per
        (doc_id, url or source). Returns the number of articles newly stored.
        """
        for article, events in items:
            for event in events:
                if event.doc_id != article.doc_id:
                    raise ValueError(
                        f"event doc_id {event.doc_id!r} does not match article {article.doc_id!r}"
                    )
        with self._transaction("write a batch") as con:
            known = self.known_doc_ids(article.doc_id for article, _ in items)
            article_rows: list[dict[str, Any]] = []
            event_rows: list[dict[str, Any]] = []
            mention_rows: list[dict[str, Any]] = []
            for article, events in items:
                if article.doc_id in known:
                    continue
                known.add(article.doc_id)
                article_rows.append(_article_row(article))
                seen_events: set[str] = set()
                for event in events:
                    event_id = event.event_id
                    if event_id in seen_events:
                        log.warning("duplicate event %s in %s stored once", event_id, event.doc_id)
                        continue
                    seen_events.add(event_id)
                    event_rows.append(_event_row(event))
                    for mention in event.mentions or (event,):
                        mention_rows.append(_mention_row(event_id, mention))
            if article_rows:
                self._insert(con, "articles", _table(_ARTICLE_SCHEMA, article_rows), "ingested_at")
            if event_rows:
                self._insert(con, "events", _table(_EVENT_SCHEMA, event_rows))
                self._insert(con, "mentions", _table(_MENTION_SCHEMA, mention_rows))
                self._link(con, [_facts_and_key(row) for row in event_rows])
            self._add_sources(con, [a for a, _ in items] + list(also_seen))
            self._add_rejections(con, rejections)
        log.debug(
            "stored %d new articles, %d events, %d rejections in %s",
            len(article_rows),
            len(event_rows),
            len(rejections),
            self.path,
        )
        return len(article_rows)

    # -- corpus events ---------------------------------------------------------------------

    def _add_sources(self, con: Any, articles: Sequence[Article]) -> None:
        unique: dict[tuple[str, str], dict[str, Any]] = {}
        for a in articles:
            key = (a.doc_id, a.url or a.source or "")
            unique.setdefault(key, {"doc_id": a.doc_id, "url": a.url, "source": a.source})
        if not unique:
            return
        view = "_whimbrel_new_sources"
        con.register(view, _table(_SOURCE_SCHEMA, list(unique.values())))
        try:
            con.execute(
                f"""
                INSERT INTO sources (doc_id, url, source, first_seen)
                SELECT n.doc_id, n.url, n.source, ? FROM {view} AS n
                WHERE n.doc_id IN (SELECT doc_id FROM articles)
                  AND NOT EXISTS (
                    SELECT 1 FROM sources AS s
                    WHERE s.doc_id = n.doc_id
                      AND coalesce(s.url, s.source, '') = coalesce(n.url, n.source, '')
                  )
                """,
                [_now()],
            )
        finally:
            con.unregister(view)

    def _existing_clusters(self, con: Any, key: _ClusterKey) -> dict[str, list[MemberFacts]]:
        rows = con.execute(
            """
            SELECT m.cluster_id, e.event_id, e.doc_id, e.date, e.location, e.name, e.count,
                   e.evidence_text
            FROM cluster_members AS m JOIN events AS e ON e.event_id = m.event_id
            WHERE e.type = ? AND e.modality = ? AND e.actors = ?::VARCHAR[]
              AND e.target = ?::VARCHAR[]
            ORDER BY m.cluster_id, m.position
            """,
            [key[0], key[1], list(key[2]), list(key[3])],
        ).fetchall()
        clusters: dict[str, list[MemberFacts]] = {}
        for cluster_id, *facts in rows:
            clusters.setdefault(cluster_id, []).append(
                MemberFacts(
                    facts[0], facts[1], facts[2], facts[3], facts[4], int(facts[5]), facts[6]
                )
            )
        return clusters

    def _link(self, con: Any, new: Sequence[tuple[_ClusterKey, MemberFacts]]) -> None:
        """Link new events, in order, to an existing corpus event or a new one."""
        by_key: dict[_ClusterKey, dict[str, list[MemberFacts]]] = {}
        rows: list[dict[str, Any]] = []
        for key, facts in new:
            if key not in by_key:
                by_key[key] = self._existing_clusters(con, key)
            clusters = by_key[key]
            chosen = choose_cluster(facts, clusters)
            if chosen is None:
                cluster_id, reason = cluster_id_for(facts.event_id), FOUNDING_REASON
                clusters[cluster_id] = []
            else:
                cluster_id, reason = chosen
            rows.append(
                {
                    "event_id": facts.event_id,
                    "cluster_id": cluster_id,
                    "position": len(clusters[cluster_id]),
                    "reason": reason,
                }
            )
            clusters[cluster_id].append(facts)
        if rows:
            self._insert(con, "cluster_members", _table(_MEMBER_SCHEMA, rows))

    def _link_unclustered(self, con: Any) -> None:
        """Link events stored before corpus events existed, in the order they were stored."""
        rows = con.execute(
            """
            SELECT e.type, e.modality, e.actors, e.target, e.event_id, e.doc_id, e.date,
                   e.location, e.name, e.count, e.evidence_text
            FROM events AS e JOIN articles AS a ON a.doc_id = e.doc_id
            WHERE e.event_id NOT IN (SELECT event_id FROM cluster_members)
            ORDER BY a.ingested_at, e.doc_id, e.evidence_start, e.evidence_end, e.event_id
            """
        ).fetchall()
        self._link(
            con,
            [
                (
                    (r[0], r[1], tuple(r[2]), tuple(r[3])),
                    MemberFacts(r[4], r[5], r[6], r[7], r[8], int(r[9]), r[10]),
                )
                for r in rows
            ],
        )

    def add_rejections(self, rejections: Sequence[Rejection]) -> None:
        """Store rejections; one already stored with the same (source, stage, code, reason)
        is not stored again."""
        with self._transaction("store rejections") as con:
            self._add_rejections(con, rejections)

    def _add_rejections(self, con: Any, rejections: Sequence[Rejection]) -> None:
        if not rejections:
            return
        unique: dict[tuple[str, str, str, str], Rejection] = {}
        for r in rejections:
            unique.setdefault((r.source, r.stage, r.code, r.reason), r)
        rows = [
            {
                "source": r.source,
                "stage": r.stage,
                "code": r.code,
                "reason": r.reason,
                "doc_id": r.doc_id,
            }
            for r in unique.values()
        ]
        view = "_whimbrel_new_rejections"
        con.register(view, _table(_REJECTION_SCHEMA, rows))
        try:
            con.execute(
                f"""
                INSERT INTO rejections (source, stage, code, reason, doc_id, recorded_at)
                SELECT n.source, n.stage, n.code, n.reason, n.doc_id, ?
                FROM {view} AS n
                WHERE NOT EXISTS (
                    SELECT 1 FROM rejections AS r
                    WHERE r.source = n.source AND r.stage = n.stage
                      AND r.code = n.code AND r.reason = n.reason
                )
                """,
                [_now()],
            )
        finally:
            con.unregister(view)

    # -- reading -------------------------------------------------------------------------

    def events(
        self,
        *,
        type: str | None = None,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
        modality: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Stored events in the public JSON form of :meth:`Event.to_dict`.

        Ordered by date (undated last), doc_id, evidence start. Filters combine with AND:

        - ``type`` (case-insensitive event type), ``modality`` (case-insensitive),
          ``doc_id`` match exactly; an unknown type or modality raises ``ValueError``.
        - ``actor`` (an ISO3 or alliance code, case-insensitive) matches an event that has
          it among its ``actors`` OR its ``target``.
        - ``since`` / ``until`` are ISO partial dates (``2024``, ``2024-03``,
          ``2024-03-05``) and select events whose date *period* overlaps the period from
          the start of ``since`` to the end of ``until``. Both sides are compared on the
          coarser of the two precisions: an event dated ``2024`` is kept by
          ``since="2024-06-01"`` and by ``until="2024-01"``, an event dated ``2024-05-03``
          is kept by ``since="2024"``; an event dated ``2023`` is dropped by
          ``since="2024-01"``. Undated events are dropped when either bound is given.
        """
        where: list[str] = []
        params: list[Any] = []
        if type is not None:
            params.append(_event_type(type))
            where.append("e.type = ?")
        if modality is not None:
            params.append(_modality(modality))
            where.append("e.modality = ?")
        if actor is not None:
            where.append("(list_contains(e.actors, ?) OR list_contains(e.target, ?))")
            params += [actor.upper(), actor.upper()]
        _date_range("e", since, until, where, params)
        if doc_id is not None:
            where.append("e.doc_id = ?")
            params.append(doc_id)
        sql = _EVENT_SELECT
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += (
            " ORDER BY e.date ASC NULLS LAST, e.doc_id, e.evidence_start, e.evidence_end,"
            " e.event_id"
        )
        if limit is not None:
            if limit < 0:
                raise ValueError("limit must be zero or more")
            sql += " LIMIT ?"
            params.append(limit)
        with self._errors("read events"):
            rows = self._db.execute(sql, params).fetchall()
        return [_event_dict(tuple(row)) for row in rows]

    def mentions(self, event_id: str) -> list[dict[str, Any]]:
        """The stored mentions of one event, in evidence order (empty for an unknown id)."""
        with self._errors("read mentions"):
            rows = self._db.execute(
                """
                SELECT doc_id, type, actors, target, modality, date, location, name, count,
                       evidence_text, evidence_start, evidence_end, trigger, confidence,
                       extractor
                FROM mentions WHERE event_id = ?
                ORDER BY doc_id, evidence_start, evidence_end, trigger
                """,
                [event_id],
            ).fetchall()
        return [
            {
                "event_id": event_id,
                "doc_id": row[0],
                "type": row[1],
                "actors": list(row[2]),
                "target": list(row[3]),
                "modality": row[4],
                "date": row[5],
                "location": row[6],
                "name": row[7],
                "count": int(row[8]),
                "evidence": {"text": row[9], "start": int(row[10]), "end": int(row[11])},
                "trigger": row[12],
                "confidence": round(float(row[13]), 3),
                "extractor": row[14],
            }
            for row in rows
        ]

    def rejections(self) -> list[dict[str, Any]]:
        """Stored rejections (source, stage, code, reason, doc_id), sorted by those fields."""
        with self._errors("read rejections"):
            rows = self._db.execute(
                "SELECT source, stage, code, reason, doc_id FROM rejections "
                "ORDER BY source, stage, code, reason, doc_id NULLS LAST"
            ).fetchall()
        keys = ("source", "stage", "code", "reason", "doc_id")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def counts(self) -> dict[str, int]:
        """Number of rows in each table: articles, events, mentions, rejections."""
        with self._errors("count rows"):
            row = self._db.execute(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
                "(SELECT count(*) FROM mentions), (SELECT count(*) FROM rejections)"
            ).fetchone()
        keys = ("articles", "events", "mentions", "rejections")
        return {
            key: int(value) for key, value in zip(keys, cast(tuple[Any, ...], row), strict=True)
        }

    def summary(
        self, *, modality: str | None = Modality.ASSERTED
    ) -> list[tuple[str, str | None, int]]:
        """``(type, year, n)`` per event type and year, ordered by type then year.

        ``year`` is the first four characters of the event date, or None for undated events.
        ``n`` is the SUM of the events' ``count`` fields (an aggregate "14 drills" counts 14),
        not the number of event rows. Only asserted events are counted unless another
        ``modality`` is given; ``modality=None`` counts every modality.
        """
        sql = "SELECT type, left(date, 4) AS year, sum(count) AS n FROM events"
        params: list[Any] = []
        if modality is not None:
            params.append(_modality(modality))
            sql += " WHERE modality = ?"
        sql += " GROUP BY type, year ORDER BY type, year NULLS LAST"
        with self._errors("summarise events"):
            rows = self._db.execute(sql, params).fetchall()
        return [(cast(str, row[0]), cast("str | None", row[1]), int(row[2])) for row in rows]

    # -- corpus events (reading) -----------------------------------------------------------

    def clusters(
        self,
        *,
        type: str | None = None,
        actors: Sequence[str] = (),
        participation: str = "any",
        since: str | None = None,
        until: str | None = None,
        modality: str | None = None,
        aggregates: bool = True,
        cluster_id: str | None = None,
        members: bool = False,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Corpus events: one dict per cluster of per-article events that report the same
        real-world event (the rules are in :mod:`whimbrel.store.clusters`).

        Each dict has ``cluster_id``, ``type``, ``actors``, ``target``, ``modality``,
        ``date`` (the most precise date of its reports), ``date_precision``, ``location``,
        ``name``, ``count`` (>1 for an aggregate claim), ``n_reports`` (per-article events)
        and ``n_docs``; with ``members=True`` also ``members``: each report's ``event_id``,
        ``doc_id``, ``urls``, ``date``, ``location``, ``name``, ``evidence`` and the
        ``reason`` it was merged, founding report first.

        Filters combine with AND: ``type`` and ``modality`` as in :meth:`events`; ``actors``
        all among the cluster's actors or target; ``participation`` ``bilateral`` (exactly
        two participants, actors and target together), ``multilateral`` (three or more) or
        ``any``; ``since``/``until`` as in :meth:`events`; ``aggregates=False`` drops
        aggregate claims (``count > 1``).
        """
        where: list[str] = []
        params: list[Any] = []
        if type is not None:
            where.append("c.type = ?")
            params.append(_event_type(type))
        if modality is not None:
            where.append("c.modality = ?")
            params.append(_modality(modality))
        if actors:
            where.append("list_has_all(list_concat(c.actors, c.target), ?::VARCHAR[])")
            params.append([a.upper() for a in actors])
        if participation not in _PARTICIPATION:
            raise ValueError(f"participation must be one of {', '.join(_PARTICIPATION)}")
        if participation != "any":
            op = "=" if participation == "bilateral" else ">"
            where.append(f"len(list_distinct(list_concat(c.actors, c.target))) {op} 2")
        _date_range("c", since, until, where, params)
        if not aggregates:
            where.append("c.count = 1")
        if cluster_id is not None:
            where.append("c.cluster_id = ?")
            params.append(cluster_id)
        sql = (
            "SELECT c.cluster_id, c.type, c.actors, c.target, c.modality, c.date, c.location,"
            " c.name, c.count, c.n_reports, c.n_docs FROM clusters AS c"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY c.date ASC NULLS LAST, c.type, c.cluster_id"
        if limit is not None:
            if limit < 0:
                raise ValueError("limit must be zero or more")
            sql += " LIMIT ?"
            params.append(limit)
        with self._errors("read corpus events"):
            rows = self._db.execute(sql, params).fetchall()
        keys = (
            "cluster_id",
            "type",
            "actors",
            "target",
            "modality",
            "date",
            "location",
            "name",
            "count",
            "n_reports",
            "n_docs",
        )
        result: list[dict[str, Any]] = []
        for row in rows:
            item = dict(zip(keys, row, strict=True))
            item["actors"], item["target"] = list(item["actors"]), list(item["target"])
            item["date_precision"] = _PRECISION.get(len(item["date"])) if item["date"] else None
            for key in ("count", "n_reports", "n_docs"):
                item[key] = int(item[key])
            result.append(item)
        if members and result:
            found = self._members([r["cluster_id"] for r in result])
            for item in result:
                item["members"] = found.get(item["cluster_id"], [])
        return result

    def _members(self, cluster_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        with self._errors("read corpus event members"):
            rows = self._db.execute(
                """
                SELECT m.cluster_id, e.event_id, e.doc_id, e.date, e.location, e.name,
                       e.evidence_text, e.evidence_start, e.evidence_end, m.reason
                FROM cluster_members AS m JOIN events AS e ON e.event_id = m.event_id
                WHERE m.cluster_id IN (SELECT unnest(?::VARCHAR[]))
                ORDER BY m.cluster_id, m.position
                """,
                [list(cluster_ids)],
            ).fetchall()
            doc_ids = sorted({row[2] for row in rows})
            url_rows = self._db.execute(
                "SELECT doc_id, url FROM sources WHERE url IS NOT NULL"
                " AND doc_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY doc_id, url",
                [doc_ids],
            ).fetchall()
        urls: dict[str, list[str]] = {}
        for doc_id, url in url_rows:
            urls.setdefault(doc_id, []).append(url)
        found: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            found.setdefault(row[0], []).append(
                {
                    "event_id": row[1],
                    "doc_id": row[2],
                    "urls": urls.get(row[2], []),
                    "date": row[3],
                    "location": row[4],
                    "name": row[5],
                    "evidence": {"text": row[6], "start": int(row[7]), "end": int(row[8])},
                    "reason": row[9],
                }
            )
        return found

    def cluster_ids(self) -> dict[str, str]:
        """``event_id -> cluster_id`` for every stored event."""
        with self._errors("read corpus event ids"):
            rows = self._db.execute("SELECT event_id, cluster_id FROM cluster_members").fetchall()
        return {cast(str, r[0]): cast(str, r[1]) for r in rows}

    def sources(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        """Every (doc_id, url, source) an article was seen under, by doc_id then url."""
        sql = "SELECT doc_id, url, source FROM sources"
        params: list[Any] = []
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            params.append(doc_id)
        sql += " ORDER BY doc_id, url NULLS LAST, source NULLS LAST"
        with self._errors("read sources"):
            rows = self._db.execute(sql, params).fetchall()
        return [dict(zip(("doc_id", "url", "source"), row, strict=True)) for row in rows]

    def articles(self) -> list[dict[str, Any]]:
        """Stored articles without their text (doc_id, title, url, published, lang, source)."""
        keys = ("doc_id", "title", "url", "published", "lang", "source")
        with self._errors("read articles"):
            rows = self._db.execute(
                f"SELECT {', '.join(keys)} FROM articles ORDER BY doc_id"
            ).fetchall()
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def corpus_counts(self) -> dict[str, int]:
        """Corpus-level numbers: articles, sources, reports (per-article events), corpus
        events (clusters), of which aggregate claims."""
        with self._errors("count corpus events"):
            row = self._db.execute(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sources), "
                "(SELECT count(*) FROM events), (SELECT count(*) FROM clusters), "
                "(SELECT count(*) FROM clusters WHERE count > 1)"
            ).fetchone()
        keys = ("articles", "sources", "reports", "corpus_events", "aggregate_claims")
        return {
            key: int(value) for key, value in zip(keys, cast(tuple[Any, ...], row), strict=True)
        }


def _event_type(value: str) -> str:
    try:
        return str(EventType(value.upper()))
    except ValueError as exc:
        raise ValueError(f"unknown event type {value!r} (one of {', '.join(EventType)})") from exc


def _modality(value: str) -> str:
    try:
        return str(Modality(value.lower()))
    except ValueError as exc:
        raise ValueError(f"unknown modality {value!r} (one of {', '.join(Modality)})") from exc
