"""whimbrel.Store(path) for notebooks: tables out, imported lazily."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

import whimbrel
from whimbrel.ontology import EventType, Modality
from whimbrel.records import Article, Event, Span
from whimbrel.store import Store


def _drill(doc_id: str, date: str) -> tuple[Article, list[Event]]:
    text = f"Report {doc_id}."
    event = Event(
        doc_id=doc_id,
        type=EventType.EXERCISE,
        actors=("CHN", "RUS"),
        target=(),
        modality=Modality.ASSERTED,
        evidence=Span(text, 0, len(text)),
        trigger="drill",
        extractor="whimbrel.test.v1",
        date=date,
    )
    return Article(doc_id=doc_id, text=text), [event]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "nb.duckdb"
    with Store(path) as store:
        store.write_batch([_drill("a", "2023-05-01"), _drill("b", "2024-06-02")])
    return path


def test_notebook_store_returns_arrow_tables(db: Path) -> None:
    with whimbrel.Store(db) as store:
        events = store.events(type="EXERCISE")
        trend = store.trend(type="EXERCISE", actors=["CHN", "RUS"], by="year")
        corpus = store.corpus_events()
        edges = store.network(type="EXERCISE")
    assert isinstance(events, pa.Table) and events.num_rows == 2
    assert "evidence_text" in events.column_names
    assert trend.to_pydict()["period"] == ["2023", "2024"]
    assert trend.to_pydict()["n"] == [1, 1]
    assert corpus.num_rows == 2
    assert edges.to_pylist()[0]["weight"] == 2


def test_notebook_store_empty_result_is_an_empty_table(db: Path) -> None:
    with whimbrel.Store(db) as store:
        assert store.events(type="SANCTION").num_rows == 0


@pytest.mark.skipif(importlib.util.find_spec("pandas") is not None, reason="pandas installed")
def test_notebook_store_pandas_without_pandas_says_how_to_install(db: Path) -> None:
    with whimbrel.Store(db) as store, pytest.raises(ImportError, match=r"whimbrel\[notebook\]"):
        store.trend(as_="pandas")


@pytest.mark.skipif(importlib.util.find_spec("pandas") is None, reason="pandas not installed")
def test_notebook_store_pandas_frame(db: Path) -> None:
    with whimbrel.Store(db) as store:
        frame = store.trend(type="EXERCISE", as_="pandas")
    assert list(frame["n"]) == [1, 1]


def test_notebook_import_whimbrel_stays_cheap() -> None:
    code = "import sys, whimbrel; print('duckdb' in sys.modules, 'spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
