"""Exports (JSONL, CSV, Parquet, PLOVER-style JSONL) and their re-import."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_records import make_article, make_event

from whimbrel.ontology import EventType, Modality
from whimbrel.records import Event, Span
from whimbrel.store import Store
from whimbrel.store.export import (
    FORMATS,
    Citation,
    export_store,
    from_plover,
    import_file,
    read_events,
    to_plover,
    write_events,
)

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
_some_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=20,
)
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
    text = draw(_text)
    return Event(
        doc_id=draw(st.sampled_from(["d1", "d2", "d3"])),
        type=draw(st.sampled_from(list(EventType))),
        actors=tuple(sorted(draw(st.sets(_codes, min_size=1, max_size=3)))),
        target=tuple(sorted(draw(st.sets(_codes, max_size=2)))),
        modality=draw(st.sampled_from(list(Modality))),
        evidence=Span(text, start, start + len(text)),
        trigger=draw(_some_text),
        extractor=draw(st.sampled_from(["whimbrel.rules.x.v1", "whimbrel.model.y.v2"])),
        date=draw(_dates),
        location=draw(st.one_of(st.none(), _some_text)),
        name=draw(st.one_of(st.none(), _some_text)),
        count=draw(st.integers(1, 10_000)),
        confidence=draw(st.floats(0, 1)),
    )


def _citation(event: Event, url: str | None) -> Citation:
    return Citation(doc_id=event.doc_id, url=url, title=None, published="2024-05-01")


@settings(max_examples=60, deadline=None)
@given(event=_events(), url=st.one_of(st.none(), st.just("https://example.invalid/a")))
def test_export_property_plover_record_round_trips(event: Event, url: str | None) -> None:
    record = json.loads(json.dumps(to_plover(event, _citation(event, url)), ensure_ascii=False))
    back, citation = from_plover(record)
    assert back == event
    assert back.event_id == record["id"]
    assert citation.url == url
    assert record["cameo"] == event.cameo and record["event"] == event.plover
    assert record["actor"] == list(event.actors) and record["recipient"] == list(event.target)


@settings(max_examples=25, deadline=None)
@given(events=st.lists(_events(), max_size=6), fmt=st.sampled_from(FORMATS))
def test_export_property_files_round_trip(events: list[Event], fmt: str) -> None:
    items = [(e, _citation(e, f"https://example.invalid/{e.doc_id}")) for e in events]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"out.{'parquet' if fmt == 'parquet' else fmt}"
        assert write_events(path, items, fmt=fmt) == len(items)
        back = list(read_events(path, fmt=fmt))
    assert back == items


def _filled_store(store: Store) -> None:
    store.write_batch(
        [
            (
                make_article("doc-a"),
                [
                    make_event("doc-a", date="2024-07-14", name="Joint Sea-2024"),
                    make_event(
                        "doc-a",
                        type=EventType.SANCTION,
                        actors=("EU",),
                        target=("RUS",),
                        evidence=Span("The bloc froze assets.", 40, 62),
                        date="2024-02",
                        location="Brussels",
                        confidence=0.75,
                    ),
                ],
            ),
            (make_article("doc-b"), [make_event("doc-b", date="2024-07", name="Joint Sea-2024")]),
        ]
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_store_reimports_into_a_new_store(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    with Store(tmp_path / "a.duckdb") as source:
        _filled_store(source)
        assert export_store(source, out, fmt=fmt) == 3
        expected = source.events()
        expected_clusters = source.corpus_counts()["corpus_events"]
        assert import_file(source, out).events_added == 0  # already stored: nothing added
    with Store(tmp_path / "b.duckdb") as target:
        report = import_file(target, out)
        assert (report.read, report.articles_added, report.events_added) == (3, 2, 3)
        assert target.events() == expected
        assert target.corpus_counts()["corpus_events"] == expected_clusters
        assert [s["url"] for s in target.sources("doc-a")] == ["https://example.invalid/doc-a"]


def test_export_plover_file_has_citation_and_cluster(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    with Store(":memory:") as store:
        _filled_store(store)
        export_store(store, out, fmt="plover", type="EXERCISE")
        clusters = set(store.cluster_ids().values())
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    first = records[0]
    assert first["event"] == "COOPERATE" and first["cameo"] == "062" and first["quad_code"] == 2
    assert first["citation"]["url"].startswith("https://example.invalid/")
    assert first["context"] == ["military"]
    assert {r["whimbrel"]["cluster_id"] for r in records} <= clusters
    assert len({r["whimbrel"]["cluster_id"] for r in records}) == 1  # one corpus event


def test_export_unknown_format_raises_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        write_events(tmp_path / "x", [], fmt="xml")
