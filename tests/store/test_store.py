from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_records import make_article, make_event, make_mention

from whimbrel.errors import StoreError, StoreLocked
from whimbrel.ontology import EventType, Modality
from whimbrel.records import Article, Event, Rejection, Span
from whimbrel.store import Store


def _fixture_batch() -> list[tuple[Article, list[Event]]]:
    """Three articles with events that differ in every field the filters look at."""
    a, b, c = make_article("doc-a"), make_article("doc-b"), make_article("doc-c")
    return [
        (
            a,
            [
                make_event("doc-a", date="2024", name="Northern Wave-2024", count=14),
                make_event(
                    "doc-a",
                    type=EventType.THREAT,
                    actors=("PRK",),
                    target=("KOR", "USA"),
                    modality=Modality.HYPOTHETICAL,
                    evidence=Span("It may strike.", 30, 44),
                    date="2024-07-14",
                    trigger="strike",
                ),
            ],
        ),
        (
            b,
            [
                make_event(
                    "doc-b",
                    type=EventType.SANCTION,
                    actors=("EU",),
                    target=("RUS",),
                    date="2023-03",
                    location="Brussels",
                    confidence=0.91234,
                ),
            ],
        ),
        (c, [make_event("doc-c", actors=("IND",), date=None)]),
    ]


def test_store_round_trips_every_event_field(store: Store) -> None:
    mentions = (make_mention("doc-a", 0), make_mention("doc-a", 40, date="2024"))
    event = make_event(
        "doc-a",
        type=EventType.MILITARY_AID,
        actors=("USA",),
        target=("UKR",),
        modality=Modality.PLANNED,
        evidence=Span("Washington will send shells.", 3, 31),
        trigger="send",
        extractor="whimbrel.rules.aid.v1",
        date="2025-02",
        location="Kyiv",
        name="Operation Placeholder",
        count=3,
        confidence=0.123456,
        mentions=mentions,
    )
    assert store.write_batch([(make_article("doc-a"), [event])]) == 1
    assert store.events() == [event.to_dict()]
    assert list(store.events()[0]) == list(event.to_dict())  # same key order, same JSON
    stored = store.events()[0]
    assert stored["n_mentions"] == 2
    assert stored["confidence"] == 0.123
    assert stored["evidence"] == {"text": "Washington will send shells.", "start": 3, "end": 31}


def test_store_rewriting_same_batch_adds_nothing(store: Store) -> None:
    batch = _fixture_batch()
    rejections = [Rejection("feed.jsonl:7", "ingest", "W-INGEST-002", "empty document")]
    assert store.write_batch(batch, rejections) == 3
    before = store.counts()
    assert store.write_batch(batch, rejections) == 0
    assert store.counts() == before
    assert before == {"articles": 3, "events": 4, "mentions": 4, "rejections": 1}


def test_store_write_batch_skips_repeated_doc_within_batch(store: Store) -> None:
    article = make_article("doc-a")
    added = store.write_batch([(article, [make_event("doc-a")]), (article, [make_event("doc-a")])])
    assert added == 1
    assert store.counts()["events"] == 1


def test_store_write_batch_rejects_event_of_other_article(store: Store) -> None:
    with pytest.raises(ValueError, match="does not match"):
        store.write_batch([(make_article("doc-a"), [make_event("doc-b")])])
    assert store.counts()["articles"] == 0


def test_store_known_doc_ids_and_has_article(store: Store) -> None:
    store.write_batch(_fixture_batch())
    assert store.known_doc_ids(["doc-a", "doc-x", "doc-c", "doc-a"]) == {"doc-a", "doc-c"}
    assert store.known_doc_ids([]) == set()
    assert store.has_article("doc-b")
    assert not store.has_article("doc-z")


def test_store_events_ordered_by_date_then_doc_with_undated_last(store: Store) -> None:
    store.write_batch(_fixture_batch())
    dates = [(e["date"], e["doc_id"]) for e in store.events()]
    assert dates == [
        ("2023-03", "doc-b"),
        ("2024", "doc-a"),
        ("2024-07-14", "doc-a"),
        (None, "doc-c"),
    ]


@pytest.mark.parametrize(
    ("filters", "expected_types"),
    [
        ({"type": "SANCTION"}, ["SANCTION"]),
        ({"type": "exercise"}, ["EXERCISE", "EXERCISE"]),
        ({"actor": "RUS"}, ["SANCTION", "EXERCISE"]),  # once as target, once as actor
        ({"actor": "usa"}, ["THREAT"]),  # only in target
        ({"modality": "hypothetical"}, ["THREAT"]),
        ({"doc_id": "doc-c"}, ["EXERCISE"]),
        ({"type": "EXERCISE", "actor": "IND"}, ["EXERCISE"]),
        ({"limit": 2}, ["SANCTION", "EXERCISE"]),
        ({"actor": "FRA"}, []),
    ],
)
def test_store_events_filters(
    store: Store, filters: dict[str, str | int], expected_types: list[str]
) -> None:
    store.write_batch(_fixture_batch())
    assert [e["type"] for e in store.events(**filters)] == expected_types  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("since", "until", "expected_dates"),
    [
        ("2024", None, ["2024", "2024-07-14"]),
        ("2024-06-01", None, ["2024", "2024-07-14"]),  # a year-only event overlaps June
        ("2024-08", None, ["2024"]),
        ("2025", None, []),
        (None, "2023", ["2023-03"]),
        (None, "2024-01", ["2023-03", "2024"]),  # the 2024 event may fall in January
        (None, "2023-02-28", []),
        ("2023-03-15", "2023-03-20", ["2023-03"]),
        ("2024-01-01", "2024-12-31", ["2024", "2024-07-14"]),
        ("2000", "2100", ["2023-03", "2024", "2024-07-14"]),  # undated dropped
    ],
)
def test_store_events_since_until_overlap_partial_dates(
    store: Store, since: str | None, until: str | None, expected_dates: list[str]
) -> None:
    store.write_batch(_fixture_batch())
    assert [e["date"] for e in store.events(since=since, until=until)] == expected_dates


@pytest.mark.parametrize(
    "kwargs",
    [
        {"type": "PARADE"},
        {"modality": "rumoured"},
        {"since": "May 2024"},
        {"until": "24"},
        {"limit": -1},
    ],
)
def test_store_events_bad_filter_raises_value_error(
    store: Store, kwargs: dict[str, object]
) -> None:
    with pytest.raises(ValueError):
        store.events(**kwargs)  # type: ignore[arg-type]


def test_store_rejections_stored_and_deduplicated(store: Store) -> None:
    empty = Rejection("a.txt", "ingest", "W-INGEST-002", "empty document", doc_id=None)
    binary = Rejection("b.bin", "ingest", "W-INGEST-003", "looks binary", doc_id="d1")
    store.add_rejections([empty, binary, empty])
    store.add_rejections([empty])
    store.write_batch([], [binary])
    assert store.rejections() == [
        {"source": "a.txt", "stage": "ingest", "code": "W-INGEST-002",
         "reason": "empty document", "doc_id": None},
        {"source": "b.bin", "stage": "ingest", "code": "W-INGEST-003",
         "reason": "looks binary", "doc_id": "d1"},
    ]  # fmt: skip
    assert store.counts()["rejections"] == 2


def test_store_rejections_differing_reason_both_kept(store: Store) -> None:
    store.add_rejections(
        [
            Rejection("a.txt", "extract", "W-EXTRACT-001", "parser crashed"),
            Rejection("a.txt", "extract", "W-EXTRACT-001", "timed out"),
        ]
    )
    assert [r["reason"] for r in store.rejections()] == ["parser crashed", "timed out"]


def test_store_mentions_stored_per_event(store: Store) -> None:
    merged = make_event(
        "doc-a",
        mentions=(make_mention("doc-a", 50, trigger="exercise"), make_mention("doc-a", 0)),
    )
    single = make_event("doc-a", type=EventType.MEETING, evidence=Span("They met.", 80, 89))
    store.write_batch([(make_article("doc-a"), [merged, single])])
    assert store.counts()["mentions"] == 3
    found = store.mentions(merged.event_id)
    assert [(m["evidence"]["start"], m["trigger"]) for m in found] == [
        (0, "drills"),
        (50, "exercise"),
    ]
    own = store.mentions(single.event_id)
    assert len(own) == 1
    assert own[0]["evidence"] == {"text": "They met.", "start": 80, "end": 89}
    assert own[0]["type"] == "MEETING"
    assert store.mentions("no-such-event") == []


def test_store_duplicate_event_in_article_stored_once(store: Store) -> None:
    event = make_event("doc-a")
    store.write_batch([(make_article("doc-a"), [event, event])])
    assert store.counts()["events"] == 1
    assert store.counts()["mentions"] == 1


_ALL_MIGRATIONS = [(1, "0001_initial"), (2, "0002_corpus_events")]


def test_store_schema_version_has_initial_migration(store: Store, db_path: Path) -> None:
    assert store.schema_versions() == _ALL_MIGRATIONS
    store.close()
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = con.execute("SELECT version, name, applied_at FROM schema_version").fetchall()
    finally:
        con.close()
    assert [(r[0], r[1]) for r in rows] == _ALL_MIGRATIONS
    assert rows[0][2] is not None


def test_store_reopen_keeps_data_and_does_not_remigrate(db_path: Path) -> None:
    with Store(db_path) as first:
        first.write_batch(_fixture_batch())
        expected = first.events()
    with Store(db_path) as again:
        assert again.events() == expected
        assert again.schema_versions() == _ALL_MIGRATIONS
        assert again.write_batch(_fixture_batch()) == 0
    with Store(db_path, read_only=True) as reader:
        assert reader.counts()["articles"] == 3
        with pytest.raises(StoreError, match="read-only"):
            reader.add_rejections([Rejection("x", "ingest", "W-000", "nope")])


def test_store_read_only_missing_file_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_store_unknown_newer_schema_raises_store_error(db_path: Path) -> None:
    Store(db_path).close()
    con = duckdb.connect(str(db_path))
    con.execute("INSERT INTO schema_version VALUES (2, '0002_from_the_future', now())")
    con.close()
    with pytest.raises(StoreError, match="upgrade whimbrel"):
        Store(db_path)


def test_store_closed_store_raises_store_error(store: Store) -> None:
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def test_store_locked_by_other_process_raises_store_locked(db_path: Path) -> None:
    holder = textwrap.dedent(
        f"""
        import sys
        from whimbrel.store import Store
        store = Store({str(db_path)!r})
        print("ready", flush=True)
        sys.stdin.readline()
        store.close()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked, match=rf"is in use by another process \(pid {proc.pid}\)"):
            Store(db_path)
    finally:
        assert proc.stdin is not None
        proc.stdin.write("\n")
        proc.stdin.close()
        proc.wait(timeout=30)
        assert proc.stdout is not None
        proc.stdout.close()
    with Store(db_path) as reopened:
        assert reopened.counts()["articles"] == 0


def test_store_thousand_articles_in_one_batch(store: Store) -> None:
    batch = [
        (
            make_article(f"doc-{i:04d}", text=f"Report number {i}."),
            [
                make_event(f"doc-{i:04d}", date=f"20{i % 20:02d}"),
                make_event(
                    f"doc-{i:04d}",
                    type=EventType.MEETING,
                    evidence=Span("Ministers met.", 30, 44),
                    mentions=(make_mention(f"doc-{i:04d}", 30), make_mention(f"doc-{i:04d}", 60)),
                ),
            ],
        )
        for i in range(1000)
    ]
    assert store.write_batch(batch) == 1000
    assert store.counts() == {"articles": 1000, "events": 2000, "mentions": 3000, "rejections": 0}
    assert len(store.events(type="MEETING")) == 1000
    assert len(store.events(since="2019")) == 50


def test_store_summary_sums_count_by_type_and_year(store: Store) -> None:
    store.write_batch(_fixture_batch())
    assert store.summary() == [
        ("EXERCISE", "2024", 14),
        ("EXERCISE", None, 1),
        ("SANCTION", "2023", 1),
    ]
    assert store.summary(modality=None) == [
        ("EXERCISE", "2024", 14),
        ("EXERCISE", None, 1),
        ("SANCTION", "2023", 1),
        ("THREAT", "2024", 1),
    ]
    assert store.summary(modality="hypothetical") == [("THREAT", "2024", 1)]


_codes = st.sampled_from(["CHN", "RUS", "USA", "IND", "NATO", "EU", "PRK", "IRN"])
_dates = st.one_of(
    st.none(),
    st.integers(1990, 2030).map(str),
    st.tuples(st.integers(1990, 2030), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.dates().map(lambda d: d.isoformat()),
)


@st.composite
def _events(draw: st.DrawFn) -> Event:
    start = draw(st.integers(0, 10_000))
    text = draw(st.text(max_size=40))
    return Event(
        doc_id=draw(st.sampled_from(["d1", "d2", "d3"])),
        type=draw(st.sampled_from(list(EventType))),
        actors=tuple(sorted(draw(st.sets(_codes, max_size=3)))),
        target=tuple(sorted(draw(st.sets(_codes, max_size=2)))),
        modality=draw(st.sampled_from(list(Modality))),
        evidence=Span(text, start, start + len(text)),
        trigger=draw(st.text(max_size=10)),
        extractor=draw(st.sampled_from(["whimbrel.rules.x.v1", "whimbrel.model.y.v2"])),
        date=draw(_dates),
        location=draw(st.one_of(st.none(), st.text(max_size=20))),
        name=draw(st.one_of(st.none(), st.text(max_size=20))),
        count=draw(st.integers(1, 10_000)),
        confidence=draw(st.floats(0, 1)),
    )


@settings(max_examples=40, deadline=None)
@given(events=st.lists(_events(), max_size=12, unique_by=lambda e: e.event_id))
def test_store_property_events_round_trip(events: list[Event]) -> None:
    by_doc: dict[str, list[Event]] = {}
    for event in events:
        by_doc.setdefault(event.doc_id, []).append(event)
    with Store(":memory:") as store:
        store.write_batch([(make_article(doc), evs) for doc, evs in by_doc.items()])
        stored = store.events()
    assert len(stored) == len(events)
    assert {d["event_id"]: d for d in stored} == {e.event_id: e.to_dict() for e in events}
