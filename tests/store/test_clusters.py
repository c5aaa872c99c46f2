"""Corpus-level deduplication: per-article events linked into corpus events."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from store_records import make_article, make_event

from whimbrel.ontology import EventType, Modality
from whimbrel.records import Article, Span
from whimbrel.store import Store
from whimbrel.store.clusters import (
    FOUNDING_REASON,
    MemberFacts,
    choose_cluster,
    dates_compatible,
    join_decision,
)


def _facts(doc_id: str, **kw: object) -> MemberFacts:
    values: dict[str, object] = {
        "event_id": f"e-{doc_id}",
        "doc_id": doc_id,
        "date": None,
        "location": None,
        "name": None,
        "count": 1,
    }
    values.update(kw)
    return MemberFacts(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2024-07", "2024-07-14", True),
        ("2024", "2024-07-14", True),
        ("2024-07", "2024-08", False),
        ("2024-07-14", "2024-07-15", False),
        ("2023", "2024", False),
        (None, "2024", True),
    ],
)
def test_clusters_dates_compatible_at_their_precision(
    a: str | None, b: str | None, expected: bool
) -> None:
    assert dates_compatible(a, b) is expected
    assert dates_compatible(b, a) is expected


@pytest.mark.parametrize(
    ("new", "member", "merged"),
    [
        # same name, month and day compatible
        (
            {"date": "2024-07", "name": "Joint Sea-2024"},
            {"date": "2024-07-14", "name": "Joint Sea-2024"},
            True,
        ),
        # same day, nothing else known
        ({"date": "2024-07-14"}, {"date": "2024-07-14"}, True),
        # undated joins through its place
        ({"location": "Zhanjiang"}, {"date": "2024-07-14", "location": "zhanjiang"}, True),
        # undated, nothing to anchor it
        ({}, {"date": "2024-07-14"}, False),
        # a shared year alone is not enough
        ({"date": "2024"}, {"date": "2024"}, False),
        # incompatible months, same name
        ({"date": "2024-07", "name": "X"}, {"date": "2024-08", "name": "X"}, False),
        # different names
        ({"date": "2024-07-14", "name": "A"}, {"date": "2024-07-14", "name": "B"}, False),
        # different places
        ({"location": "Kyiv"}, {"location": "Odesa"}, False),
        # an aggregate never joins a single event
        ({"date": "2024", "count": 14}, {"date": "2024", "name": "X"}, False),
        # two articles repeating the same aggregate claim
        ({"date": "2024", "count": 14}, {"date": "2024", "count": 14}, True),
        ({"date": "2024", "count": 14}, {"date": "2024", "count": 12}, False),
    ],
)
def test_clusters_join_decision_rules(
    new: dict[str, object], member: dict[str, object], merged: bool
) -> None:
    decision = join_decision(_facts("doc-new", **new), [_facts("doc-old", **member)])
    assert (decision is not None) is merged


def test_clusters_never_merge_two_events_of_one_article() -> None:
    facts = _facts("doc-a", date="2024-07-14", name="X")
    assert join_decision(facts, [_facts("doc-a", event_id="other", name="X")]) is None


def test_clusters_complete_linkage_stops_chaining() -> None:
    members = [_facts("d1", date="2024-07", location="Zhanjiang"), _facts("d2", date="2024-07-14")]
    assert join_decision(_facts("d3", date="2024-07-20", location="Zhanjiang"), members) is None


def test_clusters_choose_prefers_name_over_place() -> None:
    clusters = {
        "c-a": [_facts("d1", location="Zhanjiang")],
        "c-b": [_facts("d2", name="Joint Sea-2024")],
    }
    chosen = choose_cluster(_facts("d3", location="Zhanjiang", name="Joint Sea-2024"), clusters)
    assert chosen is not None
    assert chosen[0] == "c-b"
    assert "same name 'Joint Sea-2024'" in chosen[1]


def _drill(doc_id: str, **kw: object) -> tuple[Article, list]:  # type: ignore[type-arg]
    """One article with one drill, reported in its own words (no shared sentence)."""
    text = f"Drills reported by {doc_id}."
    kw.setdefault("evidence", Span(text, 0, len(text)))
    return make_article(doc_id), [make_event(doc_id, **kw)]


def test_store_links_reports_of_one_event_across_articles(store: Store) -> None:
    store.write_batch(
        [
            _drill("doc-1", date="2024-07-14", name="Joint Sea-2024", location="Zhanjiang"),
            _drill("doc-2", date="2024-07", name="Joint Sea-2024"),
            _drill("doc-3", date="2024-07", modality=Modality.PLANNED, name="Joint Sea-2024"),
            _drill("doc-4", date="2024"),
        ]
    )
    store.write_batch([_drill("doc-5", date="2024-07-14", location="Zhanjiang")])
    counts = store.corpus_counts()
    assert counts["reports"] == 5
    assert counts["corpus_events"] == 3  # joint sea (3 reports), planned one, bare 2024 one
    asserted = store.clusters(modality="asserted", members=True)
    assert sorted(c["n_reports"] for c in asserted) == [1, 3]
    cluster = next(c for c in asserted if c["n_reports"] == 3)
    assert cluster["n_reports"] == 3 and cluster["n_docs"] == 3
    assert cluster["date"] == "2024-07-14" and cluster["date_precision"] == "day"
    assert [m["doc_id"] for m in cluster["members"]] == ["doc-1", "doc-2", "doc-5"]
    assert cluster["members"][0]["reason"] == FOUNDING_REASON
    assert "same name 'Joint Sea-2024'" in cluster["members"][1]["reason"]
    assert cluster["members"][0]["urls"] == ["https://example.invalid/doc-1"]
    founder = _drill("doc-1", date="2024-07-14", name="Joint Sea-2024", location="Zhanjiang")[1][0]
    assert cluster["cluster_id"] == "c" + founder.event_id


def test_store_aggregate_claims_are_kept_apart(store: Store) -> None:
    store.write_batch(
        [
            _drill("doc-1", date="2024", count=14),
            _drill("doc-2", date="2024", count=14),
            _drill("doc-3", date="2024-05-02"),
        ]
    )
    assert store.corpus_counts()["aggregate_claims"] == 1
    assert [c["count"] for c in store.clusters(aggregates=False)] == [1]
    claims = store.clusters(type="exercise", actors=["rus"])
    assert sorted(c["n_reports"] for c in claims) == [1, 2]


def test_store_clusters_participation_filter(store: Store) -> None:
    store.write_batch(
        [
            _drill("doc-1", date="2024-01-02"),
            _drill("doc-2", date="2024-02-03", actors=("CHN", "IRN", "RUS")),
            _drill("doc-3", date="2024-03-04", actors=("RUS",), target=("CHN",)),
        ]
    )
    assert len(store.clusters(actors=["CHN", "RUS"])) == 3
    assert len(store.clusters(actors=["CHN", "RUS"], participation="bilateral")) == 2
    assert len(store.clusters(actors=["CHN", "RUS"], participation="multilateral")) == 1
    with pytest.raises(ValueError, match="participation"):
        store.clusters(participation="trilateral")


def test_store_syndicated_copy_is_a_source_not_an_event(store: Store) -> None:
    original = make_article("doc-1")
    store.write_batch([(original, [make_event("doc-1", date="2024-07-14")])])
    copy = Article(doc_id="doc-1", text=original.text, url="https://mirror.invalid/x")
    before = store.counts()
    assert store.write_batch([(copy, [make_event("doc-1", date="2024-07-14")])]) == 0
    store.write_batch([], also_seen=[copy])  # once more: not recorded twice
    assert store.counts() == before
    assert [s["url"] for s in store.sources("doc-1")] == [
        "https://example.invalid/doc-1",
        "https://mirror.invalid/x",
    ]


def test_store_migration_links_events_of_an_older_store(db_path: Path) -> None:
    with Store(db_path) as store:
        store.write_batch([_drill("doc-1", date="2024-07-14"), _drill("doc-2", date="2024-07-14")])
    # Undo 0002 by hand: what a store written by the previous whimbrel version looks like.
    con = duckdb.connect(str(db_path))
    con.execute("DROP VIEW clusters")
    con.execute("DROP TABLE cluster_members")
    con.execute("DROP TABLE sources")
    con.execute("DELETE FROM schema_version WHERE version = 2")
    con.close()
    with Store(db_path) as reopened:
        assert reopened.schema_versions() == [(1, "0001_initial"), (2, "0002_corpus_events")]
        counts = reopened.corpus_counts()
    assert counts == {
        "articles": 2,
        "sources": 2,
        "reports": 2,
        "corpus_events": 1,
        "aggregate_claims": 0,
    }


def test_store_cluster_ids_map_every_event(store: Store) -> None:
    store.write_batch([_drill("doc-1", date="2024-07-14"), _drill("doc-2", date="2024-07-14")])
    ids = store.cluster_ids()
    assert len(ids) == 2 and len(set(ids.values())) == 1
    assert store.corpus_counts()["corpus_events"] == 1


def test_store_types_keep_events_apart(store: Store) -> None:
    store.write_batch(
        [
            _drill("doc-1", date="2024-07-14"),
            _drill(
                "doc-2",
                date="2024-07-14",
                type=EventType.MEETING,
                evidence=Span("Ministers met.", 0, 14),
            ),
        ]
    )
    assert store.corpus_counts()["corpus_events"] == 2


def test_store_identical_sentence_links_a_copy_under_another_doc_id(store: Store) -> None:
    same = Span("Navies of both states sailed together.", 0, 38)
    store.write_batch([_drill("doc-1", evidence=same), _drill("doc-2", evidence=same)])
    (cluster,) = store.clusters(members=True)
    assert cluster["n_reports"] == 2
    assert "same evidence sentence" in cluster["members"][1]["reason"]
